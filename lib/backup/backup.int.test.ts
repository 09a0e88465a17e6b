import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb, getDbHandle } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { attachments, orders } from '@/db/schema';
import { uploadAttachment } from '@/lib/attachments';
import { LocalDiskStore, setBlobStoreForTests } from '@/lib/attachments/storage';
import { keyFingerprint, storeFingerprint } from '@/lib/crypto/key-check';
import { createOrder } from '@/lib/orders/mutations';
import {
  createTestProduct,
  createTestUser,
  ctxFor,
  orderInput,
  orderOfNewCustomer,
  uniquePhone,
} from '@/test/factories';
import { createBackup } from './create';
import { checkArchiveFiles, checkKeyFor, RestoreError, restoreInto, unpackArchive } from './restore';
import { verifyBackup } from './verify';

/**
 * Backup → verify (a full restore into a scratch database of the same kind, every table and blob
 * compared) on the test database itself — PGlite, or the shared PostgreSQL database with whatever
 * other test files wrote — and the refusals that protect a restore.
 */
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 2, 3, 4, 5]);
let dir: string;
let store: LocalDiskStore;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'afterdesk-backup-test-'));
  store = new LocalDiskStore(path.join(dir, 'attachments'));
  setBlobStoreForTests(store);
  // The data key the test database is encrypted with (the start-up check would have stored it).
  await storeFingerprint(await getDb(), keyFingerprint(Buffer.from(process.env.DATA_ENCRYPTION_KEY!, 'base64')));
});
afterAll(() => {
  setBlobStoreForTests(undefined);
  fs.rmSync(dir, { recursive: true, force: true });
});

async function someData() {
  const agent = await ctxFor(await createTestUser({ role: 'agent' }));
  const { sku } = await createTestProduct();
  const o = await orderOfNewCustomer(agent, sku, {
    customer: { name: '王备份', phone: uniquePhone() },
    notes: 'tab\there, newline\nthere, back\\slash',
  });
  const photo = await uploadAttachment({ ctx: o.customer, input: { name: 'photo.jpg', bytes: JPEG } });
  return { agent, sku, o, photo };
}

describe('npm run backup / backup:verify', () => {
  it('writes one archive whose restore matches the manifest table by table, attachments and key included', async () => {
    const { o, photo } = await someData();
    const handle = await getDbHandle();
    const result = await createBackup({ handle, store, file: path.join(dir, 'a.tar.gz') });
    const m = result.manifest;
    expect(fs.statSync(result.file).mode & 0o777).toBe(0o600);
    expect(m.dataKey.fingerprint).toBe(keyFingerprint(Buffer.from(process.env.DATA_ENCRYPTION_KEY!, 'base64')));
    expect(JSON.stringify(m)).not.toContain(process.env.DATA_ENCRYPTION_KEY!);
    expect(m.tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['orders', 'customers', 'cases', 'audit_events', 'attachments']),
    );
    // The generated column is left to the database.
    expect(m.tables.find((t) => t.name === 'cases')!.columns).not.toContain('next_due_at');
    const [row] = await handle.db
      .select({ key: attachments.storageKey })
      .from(attachments)
      .where(eq(attachments.id, photo.id));
    expect(m.blobs.entries.map((b) => b.key)).toContain(row!.key);
    expect(m.migrations.length).toBeGreaterThan(15);

    const verified = await verifyBackup({
      archive: result.file,
      liveDatabaseUrl: process.env.DATABASE_URL,
      appCheck: false,
    });
    expect(verified.mismatches).toEqual([]);
    expect(verified.ok).toBe(true);
    expect(verified.rows).toBe(m.totals.rows);
    expect(o.orderNo).toBeTruthy();
  });

  it('keeps a consistent snapshot while orders are written during the backup', async () => {
    const { agent, sku } = await someData();
    const handle = await getDbHandle();
    let writing = true;
    let acknowledged = 0;
    const writer = (async () => {
      while (writing) {
        await createOrder({ ctx: agent, input: orderInput(sku, { customer: { name: '并发', phone: uniquePhone() } }) });
        acknowledged++;
        // Requests arrive through I/O; a loop of PGlite calls alone (answered in microtasks) would
        // starve the backup's file writes, which no real traffic does.
        await new Promise((r) => setImmediate(r));
      }
    })();
    const result = await createBackup({ handle, store, file: path.join(dir, 'during.tar.gz') });
    writing = false;
    await writer;
    expect(acknowledged).toBeGreaterThan(0);
    const verified = await verifyBackup({
      archive: result.file,
      liveDatabaseUrl: process.env.DATABASE_URL,
      appCheck: false,
    });
    expect(verified.mismatches).toEqual([]);
    // Every order in the archive has its items and customer: the snapshot is one instant.
    const ordersEntry = result.manifest.tables.find((t) => t.name === 'orders')!;
    const [count] = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from ${orders}`));
    expect(ordersEntry.rows).toBeLessThanOrEqual(Number(count!.n));
  });

  it('records a blob already lost from the store instead of failing the backup', async () => {
    const { photo } = await someData();
    const handle = await getDbHandle();
    const [row] = await handle.db
      .select({ key: attachments.storageKey })
      .from(attachments)
      .where(eq(attachments.id, photo.id));
    await store.delete(row!.key);
    const result = await createBackup({ handle, store, file: path.join(dir, 'lost.tar.gz') });
    expect(result.manifest.blobs.missing).toContain(row!.key);
  });
});

describe('what a restore refuses', () => {
  let archive: string;
  beforeAll(async () => {
    await someData();
    archive = (await createBackup({ handle: await getDbHandle(), store, file: path.join(dir, 'r.tar.gz') })).file;
  });

  it('refuses a key whose fingerprint differs, and no key at all, naming the fingerprint', async () => {
    const u = await unpackArchive(archive);
    try {
      expect(() => checkKeyFor(u.manifest, 'f'.repeat(32))).toThrow(/is not the key of this backup/);
      expect(() => checkKeyFor(u.manifest, null)).toThrow(/no key is configured/);
      expect(() => checkKeyFor(u.manifest, u.manifest.dataKey.fingerprint)).not.toThrow();
    } finally {
      u.dispose();
    }
  });

  it('refuses a damaged archive before writing anything', async () => {
    const u = await unpackArchive(archive);
    try {
      const file = path.join(u.dir, u.manifest.tables.find((t) => t.name === 'orders')!.file);
      fs.appendFileSync(file, 'tampered\t\n');
      expect(() => checkArchiveFiles(u)).toThrow(/does not match its checksum/);
    } finally {
      u.dispose();
    }
    const bogus = path.join(dir, 'not-a-backup.tar.gz');
    fs.writeFileSync(path.join(dir, 'readme.txt'), 'hello');
    await tar.c({ gzip: true, file: bogus, cwd: dir }, ['readme.txt']);
    await expect(unpackArchive(bogus)).rejects.toThrow(/is not an AfterDesk backup/);
    fs.writeFileSync(path.join(dir, 'junk.tar.gz'), 'junk');
    await expect(unpackArchive(path.join(dir, 'junk.tar.gz'))).rejects.toBeInstanceOf(RestoreError);
  });

  it('never restores over a database that holds data', async () => {
    const u = await unpackArchive(archive);
    try {
      await expect(
        restoreInto({ unpacked: u, handle: await getDbHandle(), databaseUrl: process.env.DATABASE_URL, store }),
      ).rejects.toThrow(/not empty/);
    } finally {
      u.dispose();
    }
  });
});
