import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { ensureDataKey, previousDataKey } from '@/lib/env';
import { keyFingerprint, keyIdOf } from './fingerprint';
import { maskPhone, normalizePhone } from './phone';

export { maskPhone, normalizePhone } from './phone';

/**
 * Personal data at rest: AES-256-GCM with a random 96-bit IV per value, stored as
 * `v2:<kid>:<iv>.<tag>.<ciphertext>` (base64url),
 * where the key id is the first 8 hex digits of the data key's fingerprint. `v1:<iv>.<tag>.<ct>`
 * (no key id, written before key rotation existed) is still read. Exact-match lookups use a keyed
 * hash (HMAC-SHA256) under a separate derived key, so the database never holds a plain phone
 * number or a hash that could be reversed by trying every phone number without the key.
 *
 * During a key rotation (docs/keys.md) two keys are configured: everything is written with the
 * current one; values and phone hashes under the previous one are still read and found.
 */
export type DataKeys = { kid: string; enc: Buffer; mac: Buffer; survey: Buffer };
type KeyRing = { current: DataKeys; previous: DataKeys | null };
let ring: KeyRing | undefined;

const hkdf = (master: Buffer, info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));

/** Everything derived from one data key (the rotation works with two of these explicitly). */
export function deriveDataKeys(master: Buffer): DataKeys {
  return {
    kid: keyIdOf(keyFingerprint(master)),
    enc: hkdf(master, 'afterdesk:pii:enc:v1'),
    mac: hkdf(master, 'afterdesk:pii:mac:v1'),
    survey: hkdf(master, 'afterdesk:survey-link:v1'),
  };
}

function makeRing(current: Buffer, previous: Buffer | null | undefined): KeyRing {
  const cur = deriveDataKeys(current);
  const prev = previous ? deriveDataKeys(previous) : null;
  return { current: cur, previous: prev && prev.kid !== cur.kid ? prev : null };
}

function getRing(): KeyRing {
  ring ??= makeRing(ensureDataKey(), previousDataKey()?.key);
  return ring;
}

/** The keys that may open a stored value, current first. */
const readKeys = (r: KeyRing): DataKeys[] => (r.previous ? [r.current, r.previous] : [r.current]);

/** For tests: use a given master key (and, as during a rotation, a previous one) instead of the environment's. */
export function setMasterKeyForTests(master: Buffer, previous?: Buffer): void {
  ring = makeRing(master, previous);
}

/** Forgets the derived keys (after the configured key changed, e.g. a restore in the same process). */
export function resetDataKeyCache(): void {
  ring = undefined;
}

/** Whether `stored` decrypts under `master`: the start-up check's proof that a key fits the data. */
export function decryptsWith(stored: string, master: Buffer): boolean {
  try {
    decryptWithKeys(stored, [deriveDataKeys(master)]);
    return true;
  } catch {
    return false;
  }
}

export function encryptWithKeys(plain: string, keys: DataKeys): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.enc, iv);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `v2:${keys.kid}:${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${ct.toString('base64url')}`;
}

export function encrypt(plain: string): string {
  return encryptWithKeys(plain, getRing().current);
}

export function decrypt(stored: string): string {
  return decryptWithKeys(stored, readKeys(getRing()));
}

/** The key id a `v2:` value names (null for `v1:`, which names none). */
export function ciphertextKeyId(stored: string): string | null {
  return stored.startsWith('v2:') ? stored.slice(3, stored.indexOf(':', 3)) : null;
}

function openWith(body: string, enc: Buffer): string {
  const [iv, tag, ct] = body.split('.');
  if (!iv || !tag || ct === undefined) throw new Error('malformed ciphertext');
  const decipher = createDecipheriv('aes-256-gcm', enc, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}

/**
 * Opens a value with whichever of `keys` it was sealed with: `v2:` names its key; `v1:` is tried
 * with each (GCM authenticates, so a wrong key fails instead of returning garbage).
 */
export function decryptWithKeys(stored: string, keys: readonly DataKeys[]): string {
  if (stored.startsWith('v2:')) {
    const kid = ciphertextKeyId(stored);
    const k = keys.find((x) => x.kid === kid);
    if (!k) throw new Error(`encrypted with data key ${kid}…, which is not configured`);
    return openWith(stored.slice(4 + kid!.length), k.enc);
  }
  if (!stored.startsWith('v1:')) throw new Error('unknown ciphertext format');
  let last: unknown;
  for (const k of keys) {
    try {
      return openWith(stored.slice(3), k.enc);
    } catch (err) {
      last = err;
    }
  }
  throw last instanceof Error ? last : new Error('cannot decrypt');
}

export function encryptNullable(plain: string | null | undefined): string | null {
  return plain ? encrypt(plain) : null;
}

export function decryptNullable(stored: string | null | undefined): string | null {
  return stored ? decrypt(stored) : null;
}

export function phoneHashWithKeys(phone: string, keys: DataKeys): string {
  return createHmac('sha256', keys.mac)
    .update(`phone:${normalizePhone(phone)}`)
    .digest('base64url');
}

/** The hash to store with a phone: always under the current key. */
export function phoneHash(phone: string): string {
  return phoneHashWithKeys(phone, getRing().current);
}

/**
 * The hashes a stored phone may carry: under the current key and, during a rotation, the
 * previous one too (rows not re-encrypted yet). Exact lookups match any of them:
 * `phone_hash in (…)`, or `.includes` on a fetched row.
 */
export function phoneHashes(phone: string): string[] {
  return readKeys(getRing()).map((k) => phoneHashWithKeys(phone, k));
}

/**
 * The key that signs survey links (lib/feedback/token.ts), derived from the data key so that every
 * app instance agrees on it without one more secret to configure.
 */
export function surveyTokenKey(): Buffer {
  return getRing().current.survey;
}

/**
 * The keys a survey link may be signed with: links sent before a rotation carry the previous
 * key's signature and stay valid while that key is configured (docs/keys.md).
 */
export function surveyTokenKeys(): Buffer[] {
  return readKeys(getRing()).map((k) => k.survey);
}

/**
 * A phone number as every table stores it: encrypted, keyed hash for exact lookup, masked for
 * display — all three null without a number. One place, so no writer forgets one of the three.
 */
export function sealPhone(phone: string | null | undefined): {
  enc: string | null;
  hash: string | null;
  masked: string | null;
} {
  if (!phone) return { enc: null, hash: null, masked: null };
  return { enc: encrypt(phone), hash: phoneHash(phone), masked: maskPhone(phone) };
}

/** sealPhone as the columns of `customers`. */
export function customerPhoneColumns(phone: string | null | undefined) {
  const s = sealPhone(phone);
  return { phoneEnc: s.enc, phoneHash: s.hash, phoneMasked: s.masked };
}

/** sealPhone as the recipient columns of `orders`. */
export function recipientPhoneColumns(phone: string | null | undefined) {
  const s = sealPhone(phone);
  return { recipientPhoneEnc: s.enc, recipientPhoneHash: s.hash, recipientPhoneMasked: s.masked };
}
