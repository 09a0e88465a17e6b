import { createCipheriv, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, getDb, openPostgres, setDbHandle } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { customers, instanceMeta, orders } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import { resetEnvCache } from '@/lib/env';
import { signSurveyToken, verifySurveyToken } from '@/lib/feedback/token';
import { findOrCreateCustomer } from '@/lib/orders/customer-match';
import { createOrder } from '@/lib/orders/mutations';
import { revealOrderContact } from '@/lib/orders/pii';
import { listOrders } from '@/lib/orders/queries';
import { createTestProduct, createTestUser, ctxFor, orderInput, uniquePhone } from '@/test/factories';
import {
  decryptsWith,
  decryptWithKeys,
  deriveDataKeys,
  phoneHashWithKeys,
  resetDataKeyCache,
  surveyTokenKey,
  surveyTokenKeys,
} from './index';
import {
  checkDataKey,
  keyFingerprint,
  ROTATION_META_KEY,
  storedFingerprint,
  storedRotation,
  storeFingerprint,
} from './key-check';
import { rotateDataKey } from './rotate';

/**
 * Key rotation rewrites every encrypted row of the database and its installation-wide
 * fingerprint, so it runs on a database of its own: the file's own PGlite (test/setup-db.ts), or
 * on PostgreSQL a scratch database created for this file and dropped after it (the shared test
 * database has other files writing customers and orders meanwhile).
 */
const saved = { ...process.env };
const keyA = Buffer.from(process.env.DATA_ENCRYPTION_KEY!, 'base64');
const keyB = randomBytes(32);
const A = deriveDataKeys(keyA);
const B = deriveDataKeys(keyB);
let scratch: { admin: postgres.Sql; name: string } | null = null;

function configure(current: Buffer, previous?: Buffer) {
  process.env.DATA_ENCRYPTION_KEY = current.toString('base64');
  if (previous) process.env.DATA_ENCRYPTION_KEY_PREVIOUS = previous.toString('base64');
  else delete process.env.DATA_ENCRYPTION_KEY_PREVIOUS;
  resetEnvCache();
  resetDataKeyCache();
}

/** A value as written before key ids existed: `v1:` under key A. */
function legacyV1(plain: string): string {
  const enc = Buffer.from(hkdfSync('sha256', keyA, Buffer.alloc(0), 'afterdesk:pii:enc:v1', 32));
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', enc, iv);
  const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return `v1:${iv.toString('base64url')}.${c.getAuthTag().toString('base64url')}.${ct.toString('base64url')}`;
}

type Expected = { orderNo: string; phone: string; address: string };
let agent: Ctx;
let supervisor: Ctx;
let sku: string;
const before: Expected[] = [];
let legacyCustomer: { id: string; phone: string; address: string };

async function newOrder(): Promise<Expected> {
  const phone = uniquePhone();
  const address = `文三路 ${randomUUID().slice(0, 6)} 号`;
  const { orderNo } = await createOrder({
    ctx: agent,
    input: orderInput(sku, { customer: { name: '轮换', phone, address }, shippingAddress: address }),
  });
  return { orderNo, phone, address };
}

async function foundByPhone(e: Expected) {
  const page = await listOrders({ ctx: agent, input: { q: e.phone, field: 'phone' } });
  return page.items.map((o) => o.orderNo);
}

async function allValues() {
  const db = await getDb();
  const c = await db.select().from(customers);
  const o = await db.select().from(orders);
  return [
    ...c.flatMap((r) => [r.phoneEnc, r.addressEnc]),
    ...o.flatMap((r) => [r.recipientPhoneEnc, r.shippingAddressEnc]),
  ].filter((v): v is string => v !== null);
}

beforeAll(async () => {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `afterdesk_rotate_${process.pid}_${Date.now()}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    scratch = { admin, name };
    const u = new URL(url);
    u.pathname = `/${name}`;
    await closeDb();
    const handle = openPostgres(u.toString(), { max: 4 });
    await migrateDatabase(handle, u.toString());
    setDbHandle(handle);
  }
  configure(keyA);
  const db = await getDb();
  await db.delete(instanceMeta).where(sql`${instanceMeta.key} in ('data_key_fingerprint', ${ROTATION_META_KEY})`);
  await storeFingerprint(db, keyFingerprint(keyA));
  sku = (await createTestProduct()).sku;
  agent = await ctxFor(await createTestUser({ role: 'agent' }));
  supervisor = await ctxFor(await createTestUser({ role: 'supervisor' }));
  // Seven orders (seven customers): several batches of three per table.
  for (let i = 0; i < 7; i++) before.push(await newOrder());
  // And a customer from before key ids: `v1:` values, found by key A's hash.
  const phone = uniquePhone();
  const [c] = await db
    .insert(customers)
    .values({
      name: '老客户',
      phoneEnc: legacyV1(phone),
      phoneHash: phoneHashWithKeys(phone, A),
      addressEnc: legacyV1('老地址 1 号'),
    })
    .returning({ id: customers.id });
  legacyCustomer = { id: c!.id, phone, address: '老地址 1 号' };
});

afterEach(() => {
  // Each case sets the keys it needs; none leaks into the next file.
  resetEnvCache();
});

afterAll(async () => {
  process.env = { ...saved };
  resetEnvCache();
  resetDataKeyCache();
  if (scratch) {
    await closeDb();
    await scratch.admin.unsafe(`drop database if exists "${scratch.name}" with (force)`);
    await scratch.admin.end();
  }
});

describe('rotating the data key', () => {
  it('serves every row under either key mid-rotation, resumes after an interruption, and ends on the new key only', async () => {
    const db = await getDb();
    const surveyLinkOfA = signSurveyToken(
      { surveyId: randomUUID(), expiresAt: Date.now() + 86_400_000 },
      surveyTokenKey(),
    );

    // The new key alone is refused (the data is under A); with A kept as the previous key the app starts.
    configure(keyB);
    await expect(checkDataKey(db, decryptsWith)).rejects.toThrow(/is not the key this database is encrypted with/);
    configure(keyB, keyA);
    expect(await checkDataKey(db, decryptsWith)).toMatchObject({
      outcome: 'rotating',
      fingerprint: keyFingerprint(keyB),
      previous: keyFingerprint(keyA),
    });
    expect(await storedRotation(db)).toMatchObject({ from: keyFingerprint(keyA), to: keyFingerprint(keyB) });
    // A third key over an unfinished rotation would strand what is already under B.
    configure(randomBytes(32), keyA);
    await expect(checkDataKey(db, decryptsWith)).rejects.toThrow(/rotation of the data key .* is unfinished/);
    configure(keyB, keyA);

    // Written during the rotation: under B already.
    const during = await newOrder();
    const [duringRow] = await db.select().from(orders).where(eq(orders.orderNo, during.orderNo));
    expect(duringRow!.recipientPhoneEnc!.startsWith(`v2:${B.kid}:`)).toBe(true);

    // Interrupted after one batch (as by Ctrl+C or kill -9 between batches).
    const first = await rotateDataKey(db, { current: keyB, previous: keyA, batchSize: 3, maxBatches: 1 });
    expect(first).toMatchObject({ status: 'stopped', batches: 1, rewritten: 3 });
    const mid = (await storedRotation(db))!;
    expect(mid.cursor.customers).toMatch(/^[0-9a-f-]{36}$/);
    expect(mid.rewritten).toBe(3);

    // Mid-rotation: rows under A and under B are both found by phone and both readable.
    for (const e of [...before, during]) expect(await foundByPhone(e), e.phone).toEqual([e.orderNo]);
    for (const e of [before[0]!, before[6]!, during]) {
      expect(await revealOrderContact({ ctx: supervisor, input: { orderNo: e.orderNo } })).toEqual({
        recipientPhone: e.phone,
        shippingAddress: e.address,
        customerPhone: e.phone,
      });
    }
    // An incoming order with a known phone joins its customer, whichever key hashed it.
    const knownCustomer = await db.transaction((tx) =>
      findOrCreateCustomer(tx, { name: 'x', phone: legacyCustomer.phone }),
    );
    expect(knownCustomer).toBe(legacyCustomer.id);
    // Start-up still accepts old + new, and still refuses the new key alone.
    expect((await checkDataKey(db, decryptsWith)).outcome).toBe('rotating');
    configure(keyB);
    await expect(checkDataKey(db, decryptsWith)).rejects.toThrow(/DATA_ENCRYPTION_KEY_PREVIOUS/);
    configure(keyA);
    await expect(checkDataKey(db, decryptsWith)).rejects.toThrow(/unfinished/);
    configure(keyB, keyA);
    // Survey links sent before the rotation still verify.
    expect(verifySurveyToken(surveyLinkOfA, surveyTokenKeys(), Date.now()).ok).toBe(true);

    // Resumed: finishes where it stopped.
    const progress: number[] = [];
    const rest = await rotateDataKey(db, {
      current: keyB,
      previous: keyA,
      batchSize: 3,
      onBatch: (p) => progress.push(p.rows),
    });
    expect(rest.status).toBe('finished');
    // 8 customers + 7 orders were under A; the order and customer written during the rotation were not.
    expect(rest.total).toBe(15);
    expect(rest.rewritten).toBe(12);
    expect(await storedFingerprint(db)).toBe(keyFingerprint(keyB));
    expect(await storedRotation(db)).toBeNull();
    expect(await rotateDataKey(db, { current: keyB, previous: keyA })).toMatchObject({ status: 'nothing_to_do' });

    // Every value is under B only, encrypted once (it opens to the plain text, not to a ciphertext).
    const values = await allValues();
    expect(values.length).toBeGreaterThanOrEqual(2 * (8 + 7 + 2));
    for (const v of values) {
      expect(v.startsWith(`v2:${B.kid}:`), v).toBe(true);
      expect(decryptWithKeys(v, [B])).not.toMatch(/^v\d:/);
      expect(() => decryptWithKeys(v, [A])).toThrow();
    }
    const [legacy] = await db.select().from(customers).where(eq(customers.id, legacyCustomer.id));
    expect(decryptWithKeys(legacy!.phoneEnc!, [B])).toBe(legacyCustomer.phone);
    expect(decryptWithKeys(legacy!.addressEnc!, [B])).toBe(legacyCustomer.address);
    expect(legacy!.phoneHash).toBe(phoneHashWithKeys(legacyCustomer.phone, B));

    // After: only the new key is accepted, with or without the previous one still set.
    expect((await checkDataKey(db, decryptsWith)).outcome).toBe('matched');
    configure(keyB);
    expect((await checkDataKey(db, decryptsWith)).outcome).toBe('matched');
    configure(keyA);
    await expect(checkDataKey(db, decryptsWith)).rejects.toThrow(/is not the key this database is encrypted with/);

    // With the new key alone every phone is still found and every contact still readable.
    configure(keyB);
    for (const e of [...before, during]) expect(await foundByPhone(e), e.phone).toEqual([e.orderNo]);
    expect(await revealOrderContact({ ctx: supervisor, input: { orderNo: before[3]!.orderNo } })).toEqual({
      recipientPhone: before[3]!.phone,
      shippingAddress: before[3]!.address,
      customerPhone: before[3]!.phone,
    });
    expect(await db.transaction((tx) => findOrCreateCustomer(tx, { name: 'x', phone: legacyCustomer.phone }))).toBe(
      legacyCustomer.id,
    );
    // Old survey links live as long as the previous key stays configured (docs/keys.md).
    expect(verifySurveyToken(surveyLinkOfA, surveyTokenKeys(), Date.now())).toEqual({
      ok: false,
      code: 'token_tampered',
    });
    configure(keyB, keyA);
    expect(verifySurveyToken(surveyLinkOfA, surveyTokenKeys(), Date.now()).ok).toBe(true);
  });
});
