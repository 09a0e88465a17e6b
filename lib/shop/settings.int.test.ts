import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, getDb, openPostgres, setDbHandle } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { shopSettings } from '@/db/schema';
import { transaction } from '@/db/tx';
import type { Ctx } from '@/lib/context';
import { ConflictError, ForbiddenError, UnauthenticatedError } from '@/lib/errors';
import { anonymousCtx, auditFor, createTestUser, ctxFor } from '@/test/factories';
import { clearShopSettingsCache, getShopSettings, updateShopCurrency } from './settings';

/**
 * The shop currency is one value for the whole database, and every other test file's orders are
 * in CNY: on PostgreSQL this file works in a scratch database of its own (created here, dropped
 * after), so changing the currency neither fails because of their orders nor disturbs them.
 * On PGlite every file has its own database anyway.
 */
let scratch: { admin: postgres.Sql; name: string } | null = null;
let admin: Ctx, supervisor: Ctx, agent: Ctx, customer: Ctx;

beforeAll(async () => {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `afterdesk_shop_${process.pid}_${Date.now()}`;
    const pg = postgres(url, { max: 1, onnotice: () => {} });
    await pg.unsafe(`create database "${name}"`);
    scratch = { admin: pg, name };
    const u = new URL(url);
    u.pathname = `/${name}`;
    await closeDb();
    const handle = openPostgres(u.toString(), { max: 4 });
    await migrateDatabase(handle, u.toString());
    setDbHandle(handle);
  }
  admin = await ctxFor(await createTestUser({ role: 'admin' }));
  supervisor = await ctxFor(await createTestUser({ role: 'supervisor' }));
  agent = await ctxFor(await createTestUser({ role: 'agent' }));
  customer = await ctxFor(await createTestUser({ role: 'customer' }));
});

afterAll(async () => {
  if (scratch) {
    await closeDb();
    await scratch.admin.unsafe(`drop database if exists "${scratch.name}" with (force)`);
    await scratch.admin.end();
  }
});

/** An order in the given currency, written directly: only its currency matters here. */
async function orderIn(currency: string) {
  const db = await getDb();
  await db.execute(sql`
    with c as (insert into customers (name) values ('币种测试') returning id)
    insert into orders (order_no, channel, customer_id, status, currency, items_total_cents, total_cents, placed_at)
    select ${`T${randomUUID().slice(0, 12).toUpperCase()}`}, 'tmall', c.id, 'paid', ${currency}, 100, 100, now() from c`);
}

const row = async () => (await (await getDb()).select().from(shopSettings).where(eq(shopSettings.id, 1)))[0]!;

describe('shop currency', () => {
  it('starts as CNY and is changed by admins only, audited, while no order is in another currency', async () => {
    const db = await getDb();
    expect(await getShopSettings(db)).toMatchObject({ currency: 'CNY', version: 1 });

    for (const ctx of [supervisor, agent, customer])
      await expect(updateShopCurrency({ ctx, input: { currency: 'USD', version: 1 } })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    await expect(
      updateShopCurrency({ ctx: anonymousCtx(), input: { currency: 'USD', version: 1 } }),
    ).rejects.toBeInstanceOf(UnauthenticatedError);
    for (const bad of ['usd', 'XYZ', 'US', 'USDD', '']) {
      await expect(updateShopCurrency({ ctx: admin, input: { currency: bad, version: 1 } }), bad).rejects.toMatchObject(
        { fieldErrors: { currency: ['invalid_currency'] } },
      );
    }
    await expect(updateShopCurrency({ ctx: admin, input: { version: 1 } })).rejects.toMatchObject({
      fieldErrors: { currency: ['required'] },
    });
    expect(await row()).toMatchObject({ currency: 'CNY', version: 1 });
    expect(await auditFor('1')).toHaveLength(0);

    await expect(updateShopCurrency({ ctx: admin, input: { currency: 'USD', version: 1 } })).resolves.toMatchObject({
      currency: 'USD',
      version: 2,
    });
    // The cached copy was dropped: the very next read in this process sees the change.
    expect(await getShopSettings(db)).toMatchObject({ currency: 'USD', version: 2 });
    await expect(updateShopCurrency({ ctx: admin, input: { currency: 'EUR', version: 1 } })).rejects.toBeInstanceOf(
      ConflictError,
    );
    const events = await auditFor('1');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'shop.currency', entityType: 'shop_settings' });
    expect(events[0]!.changes).toEqual({ currency: { before: 'CNY', after: 'USD' } });
  });

  it('is refused with currency_in_use once an order exists in another currency', async () => {
    await orderIn('USD');
    const { version } = await row();
    await expect(updateShopCurrency({ ctx: admin, input: { currency: 'CNY', version } })).rejects.toMatchObject({
      code: 'currency_in_use',
      fieldErrors: { currency: ['currency_in_use'] },
    });
    expect(await row()).toMatchObject({ currency: 'USD', version });
    // Keeping the currency its orders are in is fine.
    await expect(updateShopCurrency({ ctx: admin, input: { currency: 'USD', version } })).resolves.toMatchObject({
      currency: 'USD',
      version: version + 1,
    });
    // Deleted orders count too: they may be restored.
    await orderIn('HKD');
    await (await getDb()).execute(sql`update orders set deleted_at = now() where currency = 'HKD'`);
    await expect(
      updateShopCurrency({ ctx: admin, input: { currency: 'HKD', version: version + 1 } }),
    ).rejects.toMatchObject({ code: 'currency_in_use' });
    expect((await auditFor('1')).filter((e) => e.action === 'shop.currency')).toHaveLength(2);
  });

  it('is read fresh inside a transaction, whatever the process has cached', async () => {
    const db = await getDb();
    const before = await getShopSettings(db);
    // Written behind the cache's back (as another app instance would).
    await db
      .update(shopSettings)
      .set({ currency: 'GBP', version: before.version + 1 })
      .where(eq(shopSettings.id, 1));
    expect(await getShopSettings(db)).toEqual(before);
    expect(await transaction((tx) => getShopSettings(tx))).toMatchObject({
      currency: 'GBP',
      version: before.version + 1,
    });
    clearShopSettingsCache();
    expect(await getShopSettings(db)).toMatchObject({ currency: 'GBP', version: before.version + 1 });
  });
});
