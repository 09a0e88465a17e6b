import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The colour tokens in globals.css keep text readable (WCAG 2.1 AA: 4.5:1 for normal text) in
 * both themes, for the pairs the components actually draw: badges and change chips are the status
 * colour as text on its own translucent tint (components/ui/badge.tsx), buttons are a foreground
 * on a filled colour. Computed from the oklch values, so a token edit that breaks a pair fails here
 * before axe finds it on a page.
 */

type Rgb = [number, number, number];

function tokens(block: 'root' | 'dark'): Record<string, Rgb> {
  const css = fs.readFileSync(path.join(__dirname, 'globals.css'), 'utf8');
  const body = new RegExp(`${block === 'root' ? ':root' : '\\.dark'}\\s*\\{([^}]*)\\}`).exec(css)?.[1] ?? '';
  const out: Record<string, Rgb> = {};
  for (const m of body.matchAll(/--([\w-]+):\s*oklch\(([\d.]+)\s+([\d.]+)\s+([\d.]+)\)/g))
    out[m[1]!] = oklchToSrgb(Number(m[2]), Number(m[3]), Number(m[4]));
  return out;
}

/** OKLCH → gamma-encoded sRGB (0–1), clipped to the gamut as a browser does. */
function oklchToSrgb(l: number, c: number, hue: number): Rgb {
  const a = c * Math.cos((hue * Math.PI) / 180);
  const b = c * Math.sin((hue * Math.PI) / 180);
  const l_ = (l + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m_ = (l - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s_ = (l - 0.0894841775 * a - 1.291485548 * b) ** 3;
  const linear = [
    4.0767416621 * l_ - 3.3077115913 * m_ + 0.2309699292 * s_,
    -1.2684380046 * l_ + 2.6097574011 * m_ - 0.3413193965 * s_,
    -0.0041960863 * l_ - 0.7034186147 * m_ + 1.707614701 * s_,
  ];
  return linear.map((x) => {
    const v = Math.min(Math.max(x, 0), 1);
    return v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055;
  }) as Rgb;
}

function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `bg-<colour>/<alpha>` drawn over a surface (browsers blend in gamma-encoded sRGB). */
const tint = (colour: Rgb, alpha: number, over: Rgb): Rgb =>
  colour.map((c, i) => c * alpha + over[i]! * (1 - alpha)) as Rgb;

const AA = 4.5;

describe.each([
  // Badge tints per theme, as in components/ui/badge.tsx.
  { theme: 'light', block: 'root' as const, statusTint: 0.12, warningTint: 0.2 },
  { theme: 'dark', block: 'dark' as const, statusTint: 0.2, warningTint: 0.15 },
])('$theme theme', ({ block, statusTint, warningTint }) => {
  const t = tokens(block);
  const surfaces = ['card', 'background', 'muted'] as const;

  it.each(['success', 'destructive'])('%s text on its tint and on plain surfaces', (status) => {
    for (const surface of surfaces) {
      expect(
        contrast(t[status]!, tint(t[status]!, statusTint, t[surface]!)),
        `${status} on ${surface} tint`,
      ).toBeGreaterThanOrEqual(AA);
      expect(contrast(t[status]!, t[surface]!), `${status} on ${surface}`).toBeGreaterThanOrEqual(AA);
    }
  });

  it('warning badge text on its tint', () => {
    // Light badges write warning-foreground on the tint; dark ones write the warning colour itself.
    const text = block === 'root' ? t['warning-foreground']! : t.warning!;
    for (const surface of surfaces)
      expect(contrast(text, tint(t.warning!, warningTint, t[surface]!)), `on ${surface}`).toBeGreaterThanOrEqual(AA);
  });

  it.each(['primary', 'destructive', 'success'])('%s-foreground on its filled colour', (fill) => {
    expect(contrast(t[`${fill}-foreground`]!, t[fill]!)).toBeGreaterThanOrEqual(AA);
  });

  it('muted and body text on every surface', () => {
    for (const surface of surfaces) {
      expect(contrast(t['muted-foreground']!, t[surface]!), `muted text on ${surface}`).toBeGreaterThanOrEqual(AA);
      expect(contrast(t.foreground!, t[surface]!), `text on ${surface}`).toBeGreaterThanOrEqual(AA);
    }
  });
});
