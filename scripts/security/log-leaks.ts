/**
 * DESIGN §9: no secret or personal data in logs, no SQL parameters either. The scanner submits
 * known values (its own e-mail address and password, the demo accounts it signs in with), and
 * every failed statement it provokes is a chance for a log line to spell them out. So after each
 * pass the app's own output is searched for them, for password hashes and for the instance's
 * secrets.
 */

export interface Marker {
  label: string;
  /** A literal value (at least 6 characters) or a pattern. */
  value: string | RegExp;
}

export interface LogLeak {
  label: string;
  count: number;
  /** Where it was first found: up to 240 characters of the line, every marker's value replaced by its label. */
  example: string;
}

/** An argon2 hash in its PHC form: $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>. */
export const PASSWORD_HASH = /\$argon2(?:id|i|d)\$(?:v=\d+\$)?[a-z]=\d+(?:,[a-z]=\d+)*\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+/;

/** What `npm run demo` prints on purpose when it starts: the demo accounts and their password. */
const DEMO_BANNER = /^\s+\S+@\S+\s+(admin|supervisor|agent|customer)\s*$|^\s*Demo accounts \(password: \S+\)\s*$/;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function findLeaks(logText: string, markers: Marker[]): LogLeak[] {
  const patterns = markers
    .filter((m) => typeof m.value !== 'string' || m.value.length >= 6)
    .map((m) => ({ label: m.label, re: new RegExp(typeof m.value === 'string' ? escape(m.value) : m.value.source, 'g') }));
  // The part of the line around the first value found, every value replaced by its label.
  const clean = (line: string, label: string) => {
    const out = patterns.reduce((l, p) => l.replace(p.re, `[${p.label}]`), line).trim();
    const at = Math.max(0, out.indexOf(`[${label}]`) - 120);
    return `${at > 0 ? '…' : ''}${out.slice(at, at + 240)}${at + 240 < out.length ? '…' : ''}`;
  };
  const leaks = new Map<string, LogLeak>();
  for (const line of logText.split('\n')) {
    if (DEMO_BANNER.test(line)) continue;
    for (const p of patterns) {
      p.re.lastIndex = 0;
      if (!p.re.test(line)) continue;
      const leak = leaks.get(p.label) ?? { label: p.label, count: 0, example: clean(line, p.label) };
      leak.count++;
      leaks.set(p.label, leak);
    }
  }
  return [...leaks.values()];
}
