import { createHmac } from 'node:crypto';

/**
 * A one-way, key-derived label: shows which key is which without revealing anything about it.
 * Its first 8 hex digits are the key id written into `v2:` ciphertexts (lib/crypto), so a value
 * names the key that can open it and a key rotation can tell done rows from pending ones in SQL.
 */
export function keyFingerprint(master: Buffer): string {
  return createHmac('sha256', master).update('afterdesk:data-key-fingerprint:v1').digest('hex').slice(0, 32);
}

/** The key id in `v2:<kid>:…` ciphertexts. */
export const keyIdOf = (fingerprint: string) => fingerprint.slice(0, 8);
