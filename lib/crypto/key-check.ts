import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { instanceMeta } from '@/db/schema';
import { dataDir, env, previousDataKey } from '@/lib/env';
import { keyFingerprint } from './fingerprint';

/**
 * The data key is as precious as the database (DESIGN §10): never generated over existing data,
 * never inside a backup, its fingerprint stored with the data and checked at every start. This
 * module is that check. A wrong or missing key stops the app with a message saying what to do,
 * instead of starting "cleanly" on a new key that cannot read a single phone or address.
 */

export const FINGERPRINT_META_KEY = 'data_key_fingerprint';
/** The key rotation under way, if any (lib/crypto/rotate.ts): from which key to which, and how far. */
export const ROTATION_META_KEY = 'data_key_rotation';

export type RotationState = {
  from: string;
  to: string;
  startedAt: string;
  /** Each table's keyset cursor: the last primary key done in the current pass, or 'done'. */
  cursor: { customers: string | null; orders: number | null | 'done' } & Record<string, string | number | null>;
  /** 1 for the first pass over the tables; more when a check pass found rows still to do. */
  pass: number;
  /** Values re-encrypted so far (all passes, all runs). */
  rewritten: number;
};

export { keyFingerprint };

/** 8f3a2c1d… grouped for people to compare by eye. */
export const formatFingerprint = (fp: string) => fp.match(/.{1,4}/g)?.join('-') ?? fp;

export class DataKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataKeyError';
  }
}

/** Where the demo keeps its generated key. */
export const dataKeyFile = () => path.join(dataDir(), 'data-key');

/** The configured key, if any: DATA_ENCRYPTION_KEY, or the demo's key file (embedded database only). */
export function configuredDataKey(): { key: Buffer; source: string } | null {
  const e = env();
  if (e.DATA_ENCRYPTION_KEY)
    return { key: Buffer.from(e.DATA_ENCRYPTION_KEY, 'base64'), source: 'DATA_ENCRYPTION_KEY' };
  if (e.DATABASE_URL) return null;
  const file = dataKeyFile();
  if (!fs.existsSync(file)) return null;
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32)
    throw new DataKeyError(
      `${file} does not hold a 32-byte key in base64. Put back the file you kept, or set DATA_ENCRYPTION_KEY.`,
    );
  return { key, source: file };
}

export async function storedFingerprint(db: Queryable): Promise<string | null> {
  const [row] = await db
    .select({ value: instanceMeta.value })
    .from(instanceMeta)
    .where(eq(instanceMeta.key, FINGERPRINT_META_KEY));
  const fp = row?.value?.fingerprint;
  return typeof fp === 'string' ? fp : null;
}

export async function storeFingerprint(db: Queryable, fingerprint: string): Promise<void> {
  await db
    .insert(instanceMeta)
    .values({ key: FINGERPRINT_META_KEY, value: { fingerprint } })
    .onConflictDoUpdate({ target: instanceMeta.key, set: { value: { fingerprint }, updatedAt: sql`now()` } });
}

export async function storedRotation(db: Queryable): Promise<RotationState | null> {
  const [row] = await db
    .select({ value: instanceMeta.value })
    .from(instanceMeta)
    .where(eq(instanceMeta.key, ROTATION_META_KEY));
  return (row?.value as RotationState | undefined) ?? null;
}

export async function saveRotation(db: Queryable, state: RotationState): Promise<void> {
  await db
    .insert(instanceMeta)
    .values({ key: ROTATION_META_KEY, value: state })
    .onConflictDoUpdate({ target: instanceMeta.key, set: { value: state, updatedAt: sql`now()` } });
}

/**
 * Records that the data is moving from key `from` to key `to` (idempotent; two instances starting
 * at once agree on one record). Refuses a second rotation to another key while one is unfinished:
 * values already re-encrypted under `to` would become unreadable.
 */
export async function beginRotation(db: Queryable, from: string, to: string): Promise<RotationState> {
  const fresh: RotationState = {
    from,
    to,
    startedAt: new Date().toISOString(),
    cursor: { customers: null, orders: null },
    pass: 1,
    rewritten: 0,
  };
  await db.insert(instanceMeta).values({ key: ROTATION_META_KEY, value: fresh }).onConflictDoNothing();
  const state = (await storedRotation(db))!;
  if (state.from !== from || state.to !== to) throw unfinishedRotationError(state, to);
  return state;
}

function unfinishedRotationError(state: RotationState, configured: string): DataKeyError {
  return new DataKeyError(
    `A rotation of the data key from ${formatFingerprint(state.from)} to ${formatFingerprint(state.to)} is unfinished, and the configured key is ` +
      `${formatFingerprint(configured)}. Part of the data is already encrypted with ${formatFingerprint(state.to)}: configure that key as DATA_ENCRYPTION_KEY ` +
      `and ${formatFingerprint(state.from)} as DATA_ENCRYPTION_KEY_PREVIOUS, then run npm run keys:rotate to finish (docs/keys.md).`,
  );
}

/** One stored ciphertext, if the database holds any personal data encrypted at rest. */
async function sampleCiphertext(db: Queryable): Promise<string | null> {
  const rows = rowsOf<{ c: string }>(
    await db.execute(sql`
      (select phone_enc as c from customers where phone_enc is not null limit 1)
      union all (select address_enc from customers where address_enc is not null limit 1)
      union all (select recipient_phone_enc from orders where recipient_phone_enc is not null limit 1)
      limit 1`),
  );
  return rows[0]?.c ?? null;
}

/**
 * `rotating`: the data is (partly) under the previous key and a rotation to the configured key is
 * recorded; the app reads both keys until `npm run keys:rotate` has finished (docs/keys.md).
 */
export type KeyCheck = {
  fingerprint: string;
  source: string;
  outcome: 'matched' | 'recorded' | 'generated' | 'rotating';
  previous?: string;
};

/**
 * Run after migrations, before anything encrypts or decrypts. `decrypts` tries a ciphertext with
 * a key (lib/crypto's AES-GCM, passed in to keep this module free of the cipher's cached keys).
 */
export async function checkDataKey(
  db: Queryable,
  decrypts: (stored: string, master: Buffer) => boolean,
  opts: { readOnly?: boolean } = {},
): Promise<KeyCheck> {
  const record = async (fp: string) => {
    if (!opts.readOnly) await storeFingerprint(db, fp);
  };
  const e = env();
  if (e.DATABASE_URL && !e.DATA_ENCRYPTION_KEY) {
    throw new DataKeyError(
      'DATA_ENCRYPTION_KEY is required with DATABASE_URL: every instance must use the same key, and none may invent its own. ' +
        'For a new installation generate one (openssl rand -base64 32) and keep it apart from the backups; ' +
        'for an existing one set the key it has always used. See README, "Backups and keys".',
    );
  }
  const stored = await storedFingerprint(db);
  const configured = configuredDataKey();
  const previous = previousDataKey();
  const previousFp = previous ? keyFingerprint(previous.key) : null;

  if (stored) {
    if (!configured) {
      throw new DataKeyError(
        `This database is encrypted with the data key ${formatFingerprint(stored)}, and no key is configured. ` +
          `Put back the key you kept (${e.DATABASE_URL ? 'DATA_ENCRYPTION_KEY' : `the file ${dataKeyFile()}, or DATA_ENCRYPTION_KEY`}). ` +
          'A new key will not be generated over existing data.',
      );
    }
    const fp = keyFingerprint(configured.key);
    const rotation = await storedRotation(db);
    if (fp !== stored && previousFp === stored) {
      // A rotation: new key configured, the data's own key kept as the previous one. Reading both
      // keys is safe; a second rotation to another key before this one finished is not.
      if (rotation && rotation.to !== fp) throw unfinishedRotationError(rotation, fp);
      if (!rotation && !opts.readOnly) await beginRotation(db, stored, fp);
      return { fingerprint: fp, source: configured.source, outcome: 'rotating', previous: stored };
    }
    if (fp !== stored && rotation?.to === fp) {
      throw new DataKeyError(
        `A rotation of the data key to ${formatFingerprint(fp)} is unfinished and the previous key (${formatFingerprint(stored)}) is not configured: ` +
          'part of the data is still encrypted with it. Set DATA_ENCRYPTION_KEY_PREVIOUS to that key, then run npm run keys:rotate to finish (docs/keys.md).',
      );
    }
    if (fp !== stored) {
      throw new DataKeyError(
        `The configured data key (${configured.source}, fingerprint ${formatFingerprint(fp)}) is not the key this database is encrypted with ` +
          `(fingerprint ${formatFingerprint(stored)})` +
          (previous
            ? `, nor is the previous key (${previous.source}, fingerprint ${formatFingerprint(previousFp!)})`
            : '') +
          '. Configure the right key; to change keys, use npm run keys:rotate (docs/keys.md).',
      );
    }
    // The data's own key, but values are already re-encrypted under another: going back would
    // leave them unreadable.
    if (rotation) throw unfinishedRotationError(rotation, fp);
    return { fingerprint: fp, source: configured.source, outcome: 'matched' };
  }

  // No fingerprint yet: a new database, or one from before fingerprints were kept.
  const sample = await sampleCiphertext(db);
  if (sample) {
    if (!configured) {
      throw new DataKeyError(
        'This database holds encrypted personal data, and no data key is configured. Put back the key it was encrypted with ' +
          `(${e.DATABASE_URL ? 'DATA_ENCRYPTION_KEY' : `the file ${dataKeyFile()}, or DATA_ENCRYPTION_KEY`}). A new key will not be generated over existing data.`,
      );
    }
    if (!decrypts(sample, configured.key) && previous && decrypts(sample, previous.key)) {
      // Data from before fingerprints, under the previous key: a rotation starting now.
      await record(previousFp!);
      if (!opts.readOnly) await beginRotation(db, previousFp!, keyFingerprint(configured.key));
      return {
        fingerprint: keyFingerprint(configured.key),
        source: configured.source,
        outcome: 'rotating',
        previous: previousFp!,
      };
    }
    if (!decrypts(sample, configured.key)) {
      throw new DataKeyError(
        `The configured data key (${configured.source}, fingerprint ${formatFingerprint(keyFingerprint(configured.key))}) cannot decrypt the personal data in this database. Configure the key it was encrypted with.`,
      );
    }
    const fp = keyFingerprint(configured.key);
    await record(fp);
    return { fingerprint: fp, source: configured.source, outcome: 'recorded' };
  }

  if (configured) {
    const fp = keyFingerprint(configured.key);
    await record(fp);
    return { fingerprint: fp, source: configured.source, outcome: 'recorded' };
  }
  if (opts.readOnly) throw new DataKeyError('No data key is configured (read-only start: none is generated).');
  // An empty embedded database and no key: the demo's first start. Generate one, once.
  const file = dataKeyFile();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32);
  fs.writeFileSync(file, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  const fp = keyFingerprint(key);
  await storeFingerprint(db, fp);
  return { fingerprint: fp, source: file, outcome: 'generated' };
}
