import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { ensureDataKey } from '@/lib/env';
import { normalizePhone } from './phone';

export { maskPhone, normalizePhone } from './phone';

/**
 * Personal data at rest: AES-256-GCM with a random 96-bit IV per value, stored as
 * `v1:<iv>.<tag>.<ciphertext>` (base64url). Exact-match lookups use a keyed hash (HMAC-SHA256)
 * under a separate derived key, so the database never holds a plain phone number or a hash that
 * could be reversed by trying every phone number without the key.
 */
type Keys = { enc: Buffer; mac: Buffer };
let keys: Keys | undefined;

function deriveKeys(master: Buffer): Keys {
  return {
    enc: Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'afterdesk:pii:enc:v1', 32)),
    mac: Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'afterdesk:pii:mac:v1', 32)),
  };
}

function getKeys(): Keys {
  keys ??= deriveKeys(ensureDataKey());
  return keys;
}

/** For tests: use a given master key instead of the environment's. */
export function setMasterKeyForTests(master: Buffer): void {
  keys = deriveKeys(master);
}

/** Forgets the derived keys (after the configured key changed, e.g. a restore in the same process). */
export function resetDataKeyCache(): void {
  keys = undefined;
  surveyKey = undefined;
}

/** Whether `stored` decrypts under `master`: the start-up check's proof that a key fits the data. */
export function decryptsWith(stored: string, master: Buffer): boolean {
  try {
    decryptWithKey(stored, deriveKeys(master).enc);
    return true;
  } catch {
    return false;
  }
}

export function encrypt(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', getKeys().enc, iv);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `v1:${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${ct.toString('base64url')}`;
}

export function decrypt(stored: string): string {
  return decryptWithKey(stored, getKeys().enc);
}

function decryptWithKey(stored: string, enc: Buffer): string {
  const [version, rest] = stored.split(':', 2);
  if (version !== 'v1' || !rest) throw new Error('unknown ciphertext format');
  const [iv, tag, ct] = rest.split('.');
  const decipher = createDecipheriv('aes-256-gcm', enc, Buffer.from(iv!, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag!, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct!, 'base64url')), decipher.final()]).toString('utf8');
}

export function encryptNullable(plain: string | null | undefined): string | null {
  return plain ? encrypt(plain) : null;
}

export function decryptNullable(stored: string | null | undefined): string | null {
  return stored ? decrypt(stored) : null;
}

export function phoneHash(phone: string): string {
  return createHmac('sha256', getKeys().mac).update(`phone:${normalizePhone(phone)}`).digest('base64url');
}

let surveyKey: Buffer | undefined;

/**
 * The key that signs survey links (lib/feedback/token.ts), derived from the data key so that every
 * app instance agrees on it without one more secret to configure.
 */
export function surveyTokenKey(): Buffer {
  surveyKey ??= Buffer.from(hkdfSync('sha256', ensureDataKey(), Buffer.alloc(0), 'afterdesk:survey-link:v1', 32));
  return surveyKey;
}
