import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Db } from '@/db/client';
import { pgliteExtensions } from '@/db/pglite-extensions';
import * as schema from '@/db/schema';
import { customers, instanceMeta } from '@/db/schema';
import { resetEnvCache } from '@/lib/env';
import { decryptsWith, encrypt, setMasterKeyForTests } from './index';
import { checkDataKey, DataKeyError, keyFingerprint, storedFingerprint } from './key-check';

/**
 * The start-up key check on a database of its own (it reads and writes the installation-wide
 * fingerprint), with DATA_DIR in a temporary directory and the key variables set per case.
 */
let pg: PGlite;
let db: Db;
let dir: string;
const saved = { ...process.env };
const keyA = randomBytes(32);
const keyB = randomBytes(32);

function configure(opts: { key?: Buffer; postgres?: boolean }) {
  delete process.env.DATA_ENCRYPTION_KEY;
  delete process.env.DATABASE_URL;
  if (opts.key) process.env.DATA_ENCRYPTION_KEY = opts.key.toString('base64');
  if (opts.postgres) process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/not_used_by_this_test';
  process.env.DATA_DIR = dir;
  resetEnvCache();
}

async function customerEncryptedWith(key: Buffer) {
  setMasterKeyForTests(key);
  await db.insert(customers).values({ name: 'Key Check', phoneEnc: encrypt('13800138000') });
}

beforeAll(async () => {
  // The migrated template when the run has one (PGlite runs); migrating from scratch otherwise.
  const template = inject('pgliteTemplate');
  pg = await PGlite.create({
    ...(template ? { loadDataDir: new Blob([fs.readFileSync(template)]) } : {}),
    extensions: pgliteExtensions,
  });
  if (!template) await migrate(drizzle(pg), { migrationsFolder: path.resolve('db/migrations') });
  db = drizzle(pg, { schema }) as unknown as Db;
});
afterAll(async () => {
  await pg.close();
});
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'afterdesk-key-'));
  await db.delete(instanceMeta);
  await db.delete(customers);
});
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the data key check at start', () => {
  it('refuses PostgreSQL without DATA_ENCRYPTION_KEY, before touching anything', async () => {
    configure({ postgres: true });
    await expect(checkDataKey(db, decryptsWith)).rejects.toThrow(/DATA_ENCRYPTION_KEY is required with DATABASE_URL/);
    expect(await storedFingerprint(db)).toBeNull();
  });

  it('generates the demo key once for an empty embedded database, and then insists on it', async () => {
    configure({});
    const first = await checkDataKey(db, decryptsWith);
    expect(first.outcome).toBe('generated');
    const file = path.join(dir, 'data-key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(await storedFingerprint(db)).toBe(keyFingerprint(Buffer.from(fs.readFileSync(file, 'utf8'), 'base64')));
    expect((await checkDataKey(db, decryptsWith)).outcome).toBe('matched');

    // The file is lost (a restore of only the database): no new key over the existing data.
    fs.rmSync(file);
    await expect(checkDataKey(db, decryptsWith)).rejects.toThrow(/no key is configured[\s\S]*will not be generated/);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('refuses a key whose fingerprint differs from the stored one, naming both', async () => {
    configure({ key: keyA });
    await checkDataKey(db, decryptsWith);
    configure({ key: keyB });
    const attempt = checkDataKey(db, decryptsWith);
    await expect(attempt).rejects.toBeInstanceOf(DataKeyError);
    await expect(attempt).rejects.toThrow(/is not the key this database is encrypted with/);
    expect(await storedFingerprint(db)).toBe(keyFingerprint(keyA));
  });

  it('on data from before fingerprints: records the key that decrypts it, refuses one that does not', async () => {
    await customerEncryptedWith(keyA);
    configure({ key: keyB });
    await expect(checkDataKey(db, decryptsWith)).rejects.toThrow(/cannot decrypt the personal data/);
    expect(await storedFingerprint(db)).toBeNull();
    configure({});
    await expect(checkDataKey(db, decryptsWith)).rejects.toThrow(
      /holds encrypted personal data, and no data key is configured/,
    );
    expect(fs.existsSync(path.join(dir, 'data-key'))).toBe(false);
    configure({ key: keyA });
    expect((await checkDataKey(db, decryptsWith)).outcome).toBe('recorded');
    expect(await storedFingerprint(db)).toBe(keyFingerprint(keyA));
  });
});
