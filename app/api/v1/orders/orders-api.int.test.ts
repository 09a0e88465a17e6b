import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as postOrder } from '@/app/api/v1/orders/route';
import { POST as postStatus } from '@/app/api/v1/orders/[orderNo]/status/route';
import type { Ctx } from '@/lib/context';
import { ForbiddenError } from '@/lib/errors';
import { createTestProduct, createTestUser, ctxFor, uniquePhone } from '@/test/factories';
import { createApiKey, listApiKeys, revokeApiKey } from '@/lib/api-keys';

let admin: Ctx;
let sku: string;

beforeAll(async () => {
  admin = await ctxFor(await createTestUser({ role: 'admin' }));
  sku = (await createTestProduct({ priceCents: 2000 })).sku;
});

const call = (key: string | null, body: unknown, path = 'http://localhost/api/v1/orders') =>
  new Request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const order = (externalId: string, extra: Record<string, unknown> = {}) => ({
  channel: 'douyin',
  externalId,
  status: 'paid',
  customer: { name: 'API 客户', phone: uniquePhone() },
  items: [{ sku, quantity: 1 }],
  ...extra,
});

describe('channel API', () => {
  it('creates an order, then upserts it forward by channel + external id', async () => {
    const { key } = await createApiKey({
      ctx: admin,
      input: { name: `sync ${randomUUID().slice(0, 4)}`, scopes: ['orders:write'] },
    });
    const ext = `DY-${randomUUID()}`;
    const created = await postOrder(call(key, order(ext)));
    expect(created.status).toBe(201);
    const body = await created.json();
    expect(body).toMatchObject({ status: 'paid', created: true, version: 1 });

    const again = await postOrder(call(key, order(ext)));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ orderNo: body.orderNo, created: false, status: 'paid' });

    const delivered = await postOrder(
      call(key, order(ext, { status: 'delivered', carrier: '顺丰速运', trackingNo: 'SF99' })),
    );
    expect(await delivered.json()).toMatchObject({
      orderNo: body.orderNo,
      status: 'delivered',
      version: 3,
      created: false,
    });

    const step = await postStatus(
      call(key, { status: 'completed' }, `http://localhost/api/v1/orders/${body.orderNo}/status`),
      {
        params: Promise.resolve({ orderNo: body.orderNo }),
      },
    );
    expect(step.status).toBe(200);
    expect(await step.json()).toMatchObject({ status: 'completed' });
  });

  it('answers 401 without a key, with a bad key and with a revoked key', async () => {
    const { id, key } = await createApiKey({ ctx: admin, input: { name: 'to revoke', scopes: ['orders:write'] } });
    expect((await postOrder(call(null, order('x')))).status).toBe(401);
    expect((await postOrder(call(`${key.slice(0, -4)}AAAA`, order('x')))).status).toBe(401);
    expect((await postOrder(call('not-a-key', order('x')))).status).toBe(401);
    await revokeApiKey({ ctx: admin, input: { id } });
    const revoked = await postOrder(call(key, order('x')));
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toEqual({
      error: { code: 'unauthenticated', message: 'Please sign in to continue.' },
    });
  });

  it('answers 422 with field errors, 400 for broken JSON, 403 outside the key’s scopes, 404 for unknown orders', async () => {
    const { key } = await createApiKey({ ctx: admin, input: { name: 'validation', scopes: ['orders:write'] } });
    const bad = await postOrder(call(key, order('', { items: [{ sku: 'NOPE', quantity: 0 }] })));
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.fields).toMatchObject({ 'items.0.quantity': ['invalid_quantity'] });
    const unknownSku = await postOrder(
      call(key, order(`DY-${randomUUID()}`, { items: [{ sku: 'NOPE', quantity: 1 }] })),
    );
    expect((await unknownSku.json()).error.fields).toEqual({ 'items.0.sku': ['unknown_sku'] });
    expect((await postOrder(call(key, '{not json'))).status).toBe(400);

    const statusOnly = await createApiKey({ ctx: admin, input: { name: 'status only', scopes: ['orders:status'] } });
    expect((await postOrder(call(statusOnly.key, order(`DY-${randomUUID()}`)))).status).toBe(403);
    const missing = await postStatus(
      call(statusOnly.key, { status: 'paid' }, 'http://localhost/api/v1/orders/SO0/status'),
      {
        params: Promise.resolve({ orderNo: 'SO0' }),
      },
    );
    expect(missing.status).toBe(404);
  });

  it('keys are managed by admins only and stored as hashes', async () => {
    const agent = await ctxFor(await createTestUser({ role: 'agent' }));
    await expect(createApiKey({ ctx: agent, input: { name: 'x', scopes: ['orders:write'] } })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(listApiKeys({ ctx: agent })).rejects.toBeInstanceOf(ForbiddenError);
    const { key } = await createApiKey({ ctx: admin, input: { name: 'hashed', scopes: ['orders:write'] } });
    const listed = await listApiKeys({ ctx: admin });
    // The secret is base64url, so it may itself contain '_': cut by position, not by split.
    const secret = key.slice('ak_'.length + 12 + 1);
    expect(secret).toHaveLength(32);
    expect(JSON.stringify(listed)).not.toContain(secret);
  });
});
