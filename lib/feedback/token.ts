import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Survey links that work without signing in: `<payload>.<signature>`, both base64url. The payload
 * names the survey and when the link expires; the HMAC-SHA256 signature (keyed with a server
 * secret) makes it impossible to forge or alter. Single use is enforced by the survey row itself
 * (answered once), so a token only proves "this link was issued for that survey, until then".
 */
export type SurveyTokenPayload = { surveyId: string; expiresAt: number };
export type TokenCheck =
  { ok: true; surveyId: string } | { ok: false; code: 'token_malformed' | 'token_tampered' | 'token_expired' };

const b64 = (buf: Buffer | string) => Buffer.from(buf).toString('base64url');
const sign = (data: string, key: Buffer) => createHmac('sha256', key).update(`survey:${data}`).digest();

export function signSurveyToken(payload: SurveyTokenPayload, key: Buffer): string {
  const data = b64(JSON.stringify({ s: payload.surveyId, e: Math.floor(payload.expiresAt / 1000) }));
  return `${data}.${b64(sign(data, key))}`;
}

/**
 * `keys`: the current signing key first, then, during and after a data key rotation while the
 * previous key is still configured, the previous one, so links sent before the rotation keep
 * working until they expire (docs/keys.md).
 */
export function verifySurveyToken(token: string, keys: Buffer | readonly Buffer[], now: number): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 2 || !/^[A-Za-z0-9_-]+$/.test(parts[0]!) || !/^[A-Za-z0-9_-]+$/.test(parts[1]!))
    return { ok: false, code: 'token_malformed' };
  const [data, signature] = parts as [string, string];
  const given = Buffer.from(signature, 'base64url');
  const signedBy = (key: Buffer) => {
    const expected = sign(data, key);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  if (!(Buffer.isBuffer(keys) ? [keys] : keys).some(signedBy)) return { ok: false, code: 'token_tampered' };
  let body: { s?: unknown; e?: unknown };
  try {
    body = JSON.parse(Buffer.from(data, 'base64url').toString('utf8')) as { s?: unknown; e?: unknown };
  } catch {
    return { ok: false, code: 'token_malformed' };
  }
  if (typeof body.s !== 'string' || typeof body.e !== 'number') return { ok: false, code: 'token_malformed' };
  if (now >= body.e * 1000) return { ok: false, code: 'token_expired' };
  return { ok: true, surveyId: body.s };
}
