/**
 * The layouts that send message keys to the browser, each for the folders below it (#17). The root
 * layout's keys reach every page (error pages, the toaster, the outage page); each route group's
 * layout adds the keys its own client components use, so a desk page never carries the admin's
 * texts and the sign-in page carries neither, nor the help center's. Which keys those are is read from the sources
 * by scripts/i18n-client-keys.ts into client-keys.json.
 */
export const CLIENT_SCOPES = {
  /** `app/`'s own files (not its folders) and the outage page. */
  root: { dirs: ['app', 'app/unavailable'], shallow: true },
  /** Sign-in and the other account pages outside the shells. */
  auth: { dirs: ['app/(public)/(auth)'], shallow: false },
  /** The shop's public pages: the help center and surveys. */
  shop: { dirs: ['app/(public)/(shop)'], shallow: false },
  portal: { dirs: ['app/(portal)'], shallow: false },
  desk: { dirs: ['app/(agent)'], shallow: false },
  admin: { dirs: ['app/(admin)'], shallow: false },
} as const satisfies Record<string, { dirs: readonly string[]; shallow: boolean }>;

export type ClientScope = keyof typeof CLIENT_SCOPES;
