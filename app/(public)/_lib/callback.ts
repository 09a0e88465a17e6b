/**
 * Only same-site paths are accepted as the place to return to after sign-in: an absolute URL or a
 * protocol-relative `//host` would make the sign-in page an open redirect.
 */
export function safeCallbackUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 500) return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  if (value.startsWith('/api/') || value.startsWith('/sign-in') || value.startsWith('/register')) return null;
  return value;
}
