import { describe, expect, it } from 'vitest';
import { ValidationError } from '@/lib/errors';
import { statusOf } from '@/lib/http';
import { createOrder } from '@/lib/orders/mutations';
import { getOrder, listOrders } from '@/lib/orders/queries';
import { createTestProduct, createTestUser, ctxFor, orderInput } from '@/test/factories';

/**
 * Input that used to reach PostgreSQL and fail there as a 500: now each is a 422 with a field
 * message, through the real verbs, and nothing is written.
 */
describe('input that PostgreSQL cannot take is a field error (422), not a 500', () => {
  async function setup() {
    const agent = await ctxFor(await createTestUser({ role: 'agent' }));
    const product = await createTestProduct();
    return { agent, sku: product.sku };
  }

  it('refuses placedAt in year 0000 and +275760', async () => {
    const { agent, sku } = await setup();
    for (const placedAt of ['0000-01-01T00:00:00Z', '+275760-09-13T00:00:00.000Z']) {
      const attempt = createOrder({ ctx: agent, input: orderInput(sku, { placedAt }) });
      await expect(attempt).rejects.toMatchObject({ fieldErrors: { placedAt: ['invalid_date'] } });
      await attempt.catch((err) => expect(statusOf(err)).toBe(422));
    }
  });

  it('refuses a NUL byte in a text field, naming the field', async () => {
    const { agent, sku } = await setup();
    const attempt = createOrder({ ctx: agent, input: orderInput(sku, { notes: 'call before\u0000delivery', customer: { name: 'Li\u0000Lei' } }) });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ fieldErrors: { notes: ['invalid_characters'], 'customer.name': ['invalid_characters'] } });
  });

  it('answers a NUL in a looked-up number or a search as not found / no match, never a database error', async () => {
    const { agent } = await setup();
    await expect(getOrder({ ctx: agent, input: { orderNo: 'ORD\u00001' } })).rejects.toSatisfy((err) => [404, 422].includes(statusOf(err)));
    await expect(listOrders({ ctx: agent, input: { q: 'x\u0000y' } })).rejects.toSatisfy((err) => statusOf(err) === 422);
  });
});
