import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as getProductRoute } from '@/app/api/v1/products/[sku]/route';
import { POST as postProduct } from '@/app/api/v1/products/route';
import { createApiKey, revokeApiKey } from '@/lib/api-keys';
import type { Ctx } from '@/lib/context';
import { auditFor, createTestUser, ctxFor } from '@/test/factories';
import { getProduct } from '@/lib/catalog/products';

let admin: Ctx;
let writeKey: string;
let readKey: string;
let ordersKey: string;
const tag = randomUUID().slice(0, 8).toUpperCase();
const sku = (label: string) => `A${tag}-${label}`;

const post = (key: string | null, body: unknown) =>
  postProduct(
    new Request('http://localhost/api/v1/products', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
const get = (key: string | null, s: string) =>
  getProductRoute(
    new Request(`http://localhost/api/v1/products/${encodeURIComponent(s)}`, {
      headers: key ? { authorization: `Bearer ${key}` } : {},
    }),
    {
      params: Promise.resolve({ sku: s }),
    },
  );

beforeAll(async () => {
  admin = await ctxFor(await createTestUser({ role: 'admin' }));
  writeKey = (await createApiKey({ ctx: admin, input: { name: `erp ${tag}`, scopes: ['products:write'] } })).key;
  readKey = (await createApiKey({ ctx: admin, input: { name: `shop ${tag}`, scopes: ['products:read'] } })).key;
  ordersKey = (await createApiKey({ ctx: admin, input: { name: `orders ${tag}`, scopes: ['orders:write'] } })).key;
});

describe('POST /api/v1/products', () => {
  it('creates (201), updates (200) and answers a repeat without writing', async () => {
    const s = sku('1');
    const body = {
      sku: s.toLowerCase(),
      name: '蓝牙耳机',
      nameEn: 'Earbuds',
      category: 'electronics',
      priceCents: 19_900,
      returnable: true,
      warrantyDays: 365,
    };
    const created = await post(writeKey, body);
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ sku: s, created: true, version: 1 });

    const same = await post(writeKey, body);
    expect(same.status).toBe(200);
    expect(await same.json()).toEqual({ sku: s, created: false, version: 1 });

    const changed = await post(writeKey, {
      sku: s,
      priceCents: 17_900,
      returnable: false,
      nonReturnableReason: 'confirmed',
      version: 1,
    });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toEqual({ sku: s, created: false, version: 2 });
    expect(await getProduct({ ctx: admin, input: { sku: s } })).toMatchObject({
      name: '蓝牙耳机',
      priceCents: 17_900,
      returnable: false,
      nonReturnableReason: 'confirmed',
    });
    // Audited as the key, on behalf of the admin who created it.
    const audit = await auditFor(s);
    expect(audit.map((e) => [e.action, e.actorLabel])).toEqual([
      ['product.create', `api-key:erp ${tag}`],
      ['product.update', `api-key:erp ${tag}`],
    ]);
  });

  it('answers 422 with field codes, 409 for a stale version, 400 for broken JSON', async () => {
    const bad = await post(writeKey, {
      sku: sku('2'),
      name: '',
      category: 'no-such',
      priceCents: -5,
      returnable: false,
      warrantyDays: 9999,
    });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error).toMatchObject({
      code: 'invalid_input',
      fields: { name: ['required'], priceCents: ['invalid_amount'], warrantyDays: ['invalid_warranty'] },
    });
    const unknown = await post(writeKey, { sku: sku('2'), name: '未知品类', category: 'no-such', priceCents: 100 });
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).error.fields).toEqual({ category: ['unknown_category'] });
    const missing = await post(writeKey, { sku: sku('2'), name: '缺价格', category: 'electronics' });
    expect((await missing.json()).error.fields).toEqual({ priceCents: ['required'] });

    const s = sku('3');
    expect((await post(writeKey, { sku: s, name: '版本', category: 'electronics', priceCents: 100 })).status).toBe(201);
    const stale = await post(writeKey, { sku: s, priceCents: 200, version: 5 });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.code).toBe('stale_version');
    expect((await post(writeKey, '{"sku": ')).status).toBe(400);
    await expect(getProduct({ ctx: admin, input: { sku: sku('2') } })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('answers 403 outside the key’s scopes and 401 without a valid key', async () => {
    const body = { sku: sku('4'), name: '越权', category: 'electronics', priceCents: 100 };
    expect((await post(readKey, body)).status).toBe(403);
    expect((await post(ordersKey, body)).status).toBe(403);
    expect((await post(null, body)).status).toBe(401);
    expect((await post('ak_000000000000_notakeynotakeynotakeynotakeynota', body)).status).toBe(401);
    const { id, key } = await createApiKey({
      ctx: admin,
      input: { name: `revoked ${tag}`, scopes: ['products:write'] },
    });
    await revokeApiKey({ ctx: admin, input: { id } });
    expect((await post(key, body)).status).toBe(401);
    await expect(getProduct({ ctx: admin, input: { sku: sku('4') } })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('GET /api/v1/products/{sku}', () => {
  it('returns the product to read and write keys, 404 for an unknown SKU, 403/401 otherwise', async () => {
    const s = sku('5');
    await post(writeKey, { sku: s, name: '充电器', category: 'electronics', priceCents: 5_900 });
    for (const key of [readKey, writeKey]) {
      const res = await get(key, s.toLowerCase());
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        sku: s,
        name: '充电器',
        nameEn: null,
        category: 'electronics',
        priceCents: 5_900,
        currency: 'CNY',
        returnable: true,
        nonReturnableReason: null,
        warrantyDays: 365,
        active: true,
        version: 1,
        orderLineCount: 0,
      });
    }
    const missing = await get(readKey, sku('nope'));
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('not_found');
    expect((await get(readKey, '%E0%A4%A')).status).toBe(404);
    expect((await get(ordersKey, s)).status).toBe(403);
    expect((await get(null, s)).status).toBe(401);
  });
});
