import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { customers, orders } from '@/db/schema';
import { createCase } from '@/lib/cases/mutations';
import { previewCasePolicy } from '@/lib/cases/queries';
import { ConflictError, ForbiddenError } from '@/lib/errors';
import { createOrder } from '@/lib/orders/mutations';
import { createTestProduct, createTestUser, ctxFor, orderInput } from '@/test/factories';
import { listCategoryPolicies, saveCategoryPolicy } from './policies';

describe('return policies per category', () => {
  it('are admin-managed, versioned, never below the legal minimum, and applied to new requests', async () => {
    const admin = await ctxFor(await createTestUser({ role: 'admin' }));
    const agent = await ctxFor(await createTestUser({ role: 'agent' }));
    const category = `cat-${randomUUID().slice(0, 6)}`;
    const product = await createTestProduct({ category });
    const listed = (await listCategoryPolicies({ ctx: admin })).find((p) => p.category === category);
    expect(listed).toMatchObject({ configured: false, noReasonDays: 7, version: 0, products: 1 });

    await expect(
      saveCategoryPolicy({
        ctx: agent,
        input: {
          category,
          version: 0,
          noReasonDays: 30,
          qualityReturnDays: 7,
          qualityExchangeDays: 15,
          allowedTypes: ['inquiry'],
        },
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      saveCategoryPolicy({
        ctx: admin,
        input: {
          category,
          version: 0,
          noReasonDays: 3,
          qualityReturnDays: 7,
          qualityExchangeDays: 15,
          allowedTypes: ['inquiry'],
        },
      }),
    ).rejects.toMatchObject({
      fieldErrors: { noReasonDays: ['invalid_days'] },
    });
    // A category that offers questions and complaints only.
    await saveCategoryPolicy({
      ctx: admin,
      input: {
        category,
        version: 0,
        noReasonDays: 30,
        qualityReturnDays: 7,
        qualityExchangeDays: 15,
        allowedTypes: ['complaint', 'inquiry'],
      },
    });
    await expect(
      saveCategoryPolicy({
        ctx: admin,
        input: {
          category,
          version: 0,
          noReasonDays: 10,
          qualityReturnDays: 7,
          qualityExchangeDays: 15,
          allowedTypes: ['inquiry'],
        },
      }),
    ).rejects.toBeInstanceOf(ConflictError);

    const customerUser = await createTestUser({ role: 'customer' });
    const { orderNo } = await createOrder({
      ctx: agent,
      input: orderInput(product.sku, { status: 'delivered', trackingNo: 'SF3' }),
    });
    const db = await getDb();
    const [o] = await db.select({ c: orders.customerId }).from(orders).where(eq(orders.orderNo, orderNo));
    await db.update(customers).set({ userId: customerUser.id }).where(eq(customers.id, o!.c));
    const customer = await ctxFor(customerUser);
    const preview = await previewCasePolicy({ ctx: customer, input: { orderNo, reason: 'no_reason' } });
    expect(preview.answers.return_refund).toEqual({ eligible: false, code: 'type_not_offered' });
    expect(preview.answers.inquiry.eligible).toBe(true);
    await expect(
      createCase({
        ctx: customer,
        input: {
          orderNo,
          type: 'return_refund',
          reason: 'no_reason',
          description: 'x',
          items: [{ sku: product.sku, quantity: 1 }],
        },
      }),
    ).rejects.toMatchObject({ code: 'not_eligible', params: { policy: 'type_not_offered' } });
  });
});
