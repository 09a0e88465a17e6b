const PROBE_ORIGIN = 'https://afterdesk.invalid';

/**
 * Only same-site paths are accepted as the place to return to after sign-in: an absolute URL or a
 * protocol-relative `//host` would make the sign-in page an open redirect. Browsers drop tabs and
 * newlines from URLs and read `\` as `/`, so `/\t/evil.example` is `//evil.example` to them: any
 * control character or backslash is refused outright, and what remains must still resolve to our
 * own origin when parsed the way a browser parses it.
 */
export function safeCallbackUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 500) return null;
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return null;
  if (!value.startsWith('/') || value.startsWith('//')) return null;
  let resolved: URL;
  try {
    resolved = new URL(value, PROBE_ORIGIN);
  } catch {
    return null;
  }
  if (resolved.origin !== PROBE_ORIGIN) return null;
  const path = resolved.pathname;
  if (path.startsWith('/api/') || path.startsWith('/sign-in') || path.startsWith('/register')) return null;
  return value;
}
