import { beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '@/lib/context';
import { createTestProduct, createTestUser, ctxFor, orderOfNewCustomer } from '@/test/factories';
import { createCase } from './mutations';
import { previewCasePolicy } from './queries';

let agent: Ctx;
let sku: string;

beforeAll(async () => {
  agent = await ctxFor(await createTestUser({ role: 'agent' }));
  sku = (await createTestProduct()).sku;
});

const returnOf = (orderNo: string, quantity: number) => ({
  orderNo,
  type: 'return_refund' as const,
  reason: 'quality_issue' as const,
  description: '屏幕有坏点',
  items: [{ sku, quantity }],
});

describe('what the request form offers', () => {
  it('subtracts the quantity held by requests in progress, so it never offers what opening refuses', async () => {
    const { orderNo, customer } = await orderOfNewCustomer(agent, sku); // 2 × the product
    const before = await previewCasePolicy({ ctx: customer, input: { orderNo, reason: 'quality_issue' } });
    expect(before.lines).toEqual([expect.objectContaining({ sku, available: 2, inOpenCases: 0 })]);

    await createCase({ ctx: customer, input: returnOf(orderNo, 1) });
    const after = await previewCasePolicy({ ctx: customer, input: { orderNo, reason: 'quality_issue' } });
    expect(after.lines).toEqual([expect.objectContaining({ sku, available: 1, inOpenCases: 1 })]);

    // What the form says can be claimed is exactly what opening accepts.
    await expect(createCase({ ctx: customer, input: returnOf(orderNo, 2) })).rejects.toMatchObject({
      fieldErrors: { 'items.0.quantity': ['quantity_exceeds_order'] },
    });
    await createCase({ ctx: customer, input: returnOf(orderNo, 1) });
    const none = await previewCasePolicy({ ctx: customer, input: { orderNo, reason: 'quality_issue' } });
    expect(none.lines).toEqual([expect.objectContaining({ sku, available: 0, inOpenCases: 2 })]);
  });
});
