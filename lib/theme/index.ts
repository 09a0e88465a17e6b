export const THEMES = ['light', 'dark', 'system'] as const;
export type Theme = (typeof THEMES)[number];
export const THEME_COOKIE = 'afterdesk-theme';

export function isTheme(value: unknown): value is Theme {
  return typeof value === 'string' && (THEMES as readonly string[]).includes(value);
}

/**
 * For "system", a tiny inline script picks the class before first paint, so the page never flashes
 * the wrong theme. It runs under the CSP nonce.
 */
export const SYSTEM_THEME_SCRIPT =
  "try{if(window.matchMedia('(prefers-color-scheme: dark)').matches)document.documentElement.classList.add('dark')}catch(e){}";
