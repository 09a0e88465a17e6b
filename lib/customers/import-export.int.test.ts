import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents, customerExternalIds, customerNotes, customers, importJobs } from '@/db/schema';
import { transaction } from '@/db/tx';
import type { Ctx } from '@/lib/context';
import { decryptNullable, phoneHash } from '@/lib/crypto';
import { ForbiddenError, UnauthenticatedError } from '@/lib/errors';
import type { ImportResult } from '@/lib/imports/types';
import { findOrCreateCustomer } from '@/lib/orders/customer-match';
import { anonymousCtx, auditFor, createTestProduct, createTestUser, ctxFor, uniquePhone } from '@/test/factories';
import { createOrder } from '@/lib/orders/mutations';
import { exportCustomersCsv } from './export';
import { importCustomersCsv } from './import-customers';
import { insertCustomer, uniqueTag } from './testing';

let supervisor: Ctx;
let agent: Ctx;

beforeAll(async () => {
  supervisor = await ctxFor(await createTestUser({ role: 'supervisor', name: '主管老陈' }));
  agent = await ctxFor(await createTestUser({ role: 'agent' }));
});

async function runImport(ctx: Ctx, csv: string): Promise<ImportResult> {
  const gen = importCustomersCsv({
    ctx,
    input: { fileName: 'customers.csv', body: Readable.from([Buffer.from(csv)]), options: {} },
  });
  for (;;) {
    const step = await gen.next();
    if (step.done) return step.value;
  }
}

async function byPhone(phone: string) {
  const db = await getDb();
  return db
    .select()
    .from(customers)
    .where(eq(customers.phoneHash, phoneHash(phone)));
}

async function extIdsOf(id: string) {
  const db = await getDb();
  return (await db.select().from(customerExternalIds).where(eq(customerExternalIds.customerId, id))).map(
    (e) => `${e.channel}:${e.externalId}`,
  );
}

describe('importCustomersCsv', () => {
  it('creates new customers with encrypted contacts, tags, a channel id and a note', async () => {
    const phone = uniquePhone();
    const buyer = `b-${randomUUID().slice(0, 8)}`;
    const r = await runImport(
      supervisor,
      `name,phone,email,channel,external_id,region,address,tags,notes\n"王, 小明",${phone},WXM-${buyer}@Example.com,tmall,${buyer},浙江省 杭州市,文三路 100 号,VIP|批发;vip,老客户`,
    );
    expect(r).toMatchObject({ rows: 1, imported: 1, updated: 0, skipped: 0, rejected: 0 });
    const [c] = await byPhone(phone);
    expect(c).toMatchObject({
      name: '王, 小明',
      email: `wxm-${buyer}@example.com`,
      region: '浙江省 杭州市',
      tags: ['vip', '批发'],
      phoneMasked: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
    });
    expect(c!.phoneEnc).not.toContain(phone);
    expect(decryptNullable(c!.phoneEnc)).toBe(phone);
    expect(decryptNullable(c!.addressEnc)).toBe('文三路 100 号');
    expect(await extIdsOf(c!.id)).toEqual([`tmall:${buyer}`]);
    const db = await getDb();
    expect(
      await db
        .select({ body: customerNotes.body, authorLabel: customerNotes.authorLabel })
        .from(customerNotes)
        .where(eq(customerNotes.customerId, c!.id)),
    ).toEqual([{ body: '老客户', authorLabel: '主管老陈' }]);
    const [job] = await db.select().from(importJobs).where(eq(importJobs.id, r.jobId));
    expect(job).toMatchObject({ kind: 'customers', imported: 1, totalRows: 1 });
    expect((await auditFor(r.jobId)).map((e) => e.action)).toEqual(['customer.import']);
  });

  it('matches by phone, then e-mail, then channel + buyer id; fills only what is missing; counts updated and skipped', async () => {
    const tag = uniqueTag('imp');
    const byPhoneC = await insertCustomer({ name: '按电话', email: null, region: '北京市' });
    const email = `m-${randomUUID().slice(0, 8)}@example.com`;
    const byEmailC = await insertCustomer({ name: '按邮箱', phone: null, email });
    const byExtC = await insertCustomer({ name: '按渠道', phone: null });
    const buyer = `jd-${randomUUID().slice(0, 8)}`;
    const db = await getDb();
    await db.insert(customerExternalIds).values({ channel: 'jd', externalId: buyer, customerId: byExtC.id });
    const unchanged = await insertCustomer({ name: '无变化', tags: [tag] });
    const newPhone = uniquePhone();
    const csv = [
      'name,phone,email,channel,external_id,region,tags',
      // Phone wins even though the e-mail belongs to someone else: the e-mail is not moved, only filled when empty.
      `电话新名字,${byPhoneC.phone},${email},,,上海市,${tag}`,
      // E-mail match (upper-case in the file): gets the phone it lacked.
      `邮箱,${newPhone},${email.toUpperCase()},,,,`,
      // Buyer id match.
      `渠道,,,jd,${buyer},广东省,`,
      // Matches with nothing new: skipped.
      `无变化,${unchanged.phone},,,,,${tag.toUpperCase()}`,
    ].join('\n');
    const r = await runImport(supervisor, csv);
    expect(r).toMatchObject({ rows: 4, imported: 0, updated: 3, skipped: 1, rejected: 0 });
    const p = (await db.select().from(customers).where(eq(customers.id, byPhoneC.id)))[0]!;
    expect(p).toMatchObject({ name: '按电话', email, region: '北京市', tags: [tag], version: 2 });
    const e = (await db.select().from(customers).where(eq(customers.id, byEmailC.id)))[0]!;
    expect(e).toMatchObject({ name: '按邮箱', phoneHash: phoneHash(newPhone) });
    const x = (await db.select().from(customers).where(eq(customers.id, byExtC.id)))[0]!;
    expect(x).toMatchObject({ region: '广东省' });
    expect((await db.select().from(customers).where(eq(customers.id, unchanged.id)))[0]).toMatchObject({ version: 1 });

    // The same file again changes nothing: every row is skipped.
    expect(await runImport(supervisor, csv)).toMatchObject({ updated: 0, skipped: 4, imported: 0 });
  });

  it('adds a buyer id and a new note to a matched customer; the same row twice in a file is skipped the second time', async () => {
    const c = await insertCustomer();
    const buyer = `dy-${randomUUID().slice(0, 8)}`;
    const row = `${c.name},${c.phone},douyin,${buyer},常买零食`;
    const r = await runImport(supervisor, `name,phone,channel,external_id,notes\n${row}\n${row}`);
    expect(r).toMatchObject({ rows: 2, updated: 1, skipped: 1, imported: 0 });
    expect(await extIdsOf(c.id)).toEqual([`douyin:${buyer}`]);
    const db = await getDb();
    expect(
      (await db.select().from(customerNotes).where(eq(customerNotes.customerId, c.id))).map((n) => n.body),
    ).toEqual(['常买零食']);

    const phone = uniquePhone();
    const twice = await runImport(supervisor, `name,phone\n新客,${phone}\n新客,${phone}`);
    expect(twice).toMatchObject({ imported: 1, skipped: 1 });
    expect(await byPhone(phone)).toHaveLength(1);
  });

  it('rejects bad rows with a report naming the CSV column, writing nothing for them', async () => {
    const taken = await insertCustomer();
    const buyer = `tm-${randomUUID().slice(0, 8)}`;
    const db = await getDb();
    await db.insert(customerExternalIds).values({ channel: 'tmall', externalId: buyer, customerId: taken.id });
    const other = await insertCustomer();
    const good = uniquePhone();
    const csv = [
      'name,phone,email,channel,external_id,tags',
      `,${uniquePhone()},,,,`, // 2: no name
      `坏电话,12,,,,`, // 3
      `坏邮箱,,not-an-email,,,`, // 4
      `未知渠道,,,taobao_x,u1,`, // 5
      `只有渠道,,,tmall,,`, // 6
      `只有编号,,,,u2,`, // 7
      `标签太长,,,,,${'x'.repeat(31)}`, // 8
      `标签太多,,,,,${Array.from({ length: 21 }, (_, i) => `t${i}`).join('|')}`, // 9
      // 10: the phone says one customer, the buyer id another.
      `冲突,${other.phone},,tmall,${buyer},`,
      `好的,${good},,,,`, // 11
    ].join('\n');
    const r = await runImport(supervisor, csv);
    expect(r).toMatchObject({ rows: 10, imported: 1, rejected: 9 });
    expect(r.report.map((x) => [x.line, x.field, x.code])).toEqual([
      [2, 'name', 'required'],
      [3, 'phone', 'invalid_phone'],
      [4, 'email', 'invalid_email'],
      [5, 'channel', 'unknown_channel'],
      [6, 'external_id', 'required'],
      [7, 'channel', 'required'],
      [8, 'tags', 'tag_too_long'],
      [9, 'tags', 'too_many_tags'],
      [10, 'external_id', 'external_id_other_customer'],
    ]);
    expect(r.report[0]).toMatchObject({ externalId: '' });
    expect(r.report[5]).toMatchObject({ externalId: 'u2' });
    expect(await byPhone(good)).toHaveLength(1);
    expect(await extIdsOf(other.id)).toEqual([]);
    const [o] = await db.select().from(customers).where(eq(customers.id, other.id));
    expect(o!.version).toBe(1);
  });

  it('needs the name column and the import permission', async () => {
    await expect(runImport(supervisor, 'phone\n13800000000')).rejects.toMatchObject({
      code: 'csv_missing_columns',
      params: { columns: 'name' },
    });
    await expect(runImport(agent, 'name\n某人')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(runImport(anonymousCtx(), 'name\n某人')).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});

async function exportCsv(ctx: Ctx, input: Record<string, string>) {
  let out = '';
  for await (const chunk of exportCustomersCsv({ ctx, input })) out += chunk;
  return out;
}

describe('exportCustomersCsv', () => {
  it('exports the filtered customers with the phone masked, no street address, tags, orders and refunds — audited', async () => {
    const tag = uniqueTag('exp');
    const sku = (await createTestProduct({ priceCents: 10_000 })).sku;
    const c = await insertCustomer({
      name: '=HYPERLINK("x")',
      email: 'exp@example.com',
      region: '浙江省 杭州市',
      address: '文三路 100 号',
      tags: [tag, '批发'],
    });
    await createOrder({
      ctx: agent,
      input: { channel: 'tmall', customer: { name: 'x', phone: c.phone }, items: [{ sku, quantity: 1 }] },
    });
    const csv = await exportCsv(supervisor, { tag });
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('id,name,phone,email,region,tags,orders,refunded,created_at');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(
      `${c.id},"'=HYPERLINK(""x"")",${c.phone!.slice(0, 3)}****${c.phone!.slice(-4)},exp@example.com,浙江省 杭州市,${tag}|批发,1,0.00,`,
    );
    expect(csv).not.toContain(c.phone!);
    expect(csv).not.toContain('文三路');
    const db = await getDb();
    const events = await db.select().from(auditEvents).where(eq(auditEvents.action, 'customer.export'));
    expect(events.some((e) => e.actorId === supervisor.actor!.userId)).toBe(true);
  });

  it('is refused to an agent and anonymous before anything is read', async () => {
    await expect(exportCsv(agent, {})).rejects.toBeInstanceOf(ForbiddenError);
    await expect(exportCsv(anonymousCtx(), {})).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});

describe('findOrCreateCustomer with a channel buyer id', () => {
  it('finds a returning buyer by channel + buyer id after phone and e-mail, and records new buyer ids', async () => {
    const buyer = `fo-${randomUUID().slice(0, 8)}`;
    // First order: no phone or e-mail, only the buyer id → a new customer, with the id recorded.
    const first = await transaction((tx) =>
      findOrCreateCustomer(tx, { name: '买家', channel: 'pinduoduo', externalId: buyer }),
    );
    expect(await extIdsOf(first)).toEqual([`pinduoduo:${buyer}`]);
    // Next order, same buyer id, still no contact: the same customer.
    expect(
      await transaction((tx) => findOrCreateCustomer(tx, { name: '买家', channel: 'pinduoduo', externalId: buyer })),
    ).toBe(first);
    // Another channel's id with the same text is someone else.
    const other = await transaction((tx) =>
      findOrCreateCustomer(tx, { name: '买家', channel: 'jd', externalId: buyer }),
    );
    expect(other).not.toBe(first);
    // A phone match records the buyer id on the customer the phone found.
    const known = await insertCustomer();
    const buyer2 = `fo2-${randomUUID().slice(0, 8)}`;
    expect(
      await transaction((tx) =>
        findOrCreateCustomer(tx, { name: 'x', phone: known.phone!, channel: 'tmall', externalId: buyer2 }),
      ),
    ).toBe(known.id);
    expect(await extIdsOf(known.id)).toEqual([`tmall:${buyer2}`]);
    // An unknown phone falls through to the buyer id.
    expect(
      await transaction((tx) =>
        findOrCreateCustomer(tx, { name: 'x', phone: uniquePhone(), channel: 'tmall', externalId: buyer2 }),
      ),
    ).toBe(known.id);
    // A phone naming someone else wins; the buyer id stays with the customer it already names.
    const someoneElse = await insertCustomer();
    expect(
      await transaction((tx) =>
        findOrCreateCustomer(tx, { name: 'x', phone: someoneElse.phone!, channel: 'tmall', externalId: buyer2 }),
      ),
    ).toBe(someoneElse.id);
    expect(await extIdsOf(known.id)).toEqual([`tmall:${buyer2}`]);
    expect(await extIdsOf(someoneElse.id)).toEqual([]);
    // Callers that pass no buyer id behave as before.
    const db = await getDb();
    const plain = await transaction((tx) => findOrCreateCustomer(tx, { name: 'plain', phone: uniquePhone() }));
    expect(
      await db
        .select()
        .from(customerExternalIds)
        .where(inArray(customerExternalIds.customerId, [plain])),
    ).toEqual([]);
  });
});
