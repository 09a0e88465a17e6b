import { beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '@/lib/context';
import { createTestProduct, createTestUser, ctxFor, orderOfNewCustomer } from '@/test/factories';
import { applyCaseAction, closeCases, createCase } from './mutations';
import { getCase } from './queries';

let agent: Ctx;
let sku: string;

beforeAll(async () => {
  agent = await ctxFor(await createTestUser({ role: 'agent' }));
  sku = (await createTestProduct()).sku;
});

async function complaint(resolved: boolean) {
  const { orderNo, customer } = await orderOfNewCustomer(agent, sku);
  const { caseNo } = await createCase({
    ctx: customer,
    input: { orderNo, type: 'complaint', reason: 'other', description: '包装破损' },
  });
  if (resolved) {
    const { version } = await getCase({ ctx: agent, input: { caseNo } });
    await applyCaseAction({ ctx: agent, input: { caseNo, version, action: 'resolve' } });
  }
  return caseNo;
}

describe('closing cases in bulk', () => {
  it('counts a case asked for twice once, in the closed and in the skipped figures', async () => {
    const done = await complaint(true);
    const open = await complaint(false);
    const result = await closeCases({ ctx: agent, input: { caseNos: [done, done.toLowerCase(), open, open] } });
    expect(result).toEqual({ closed: 1, skipped: 1 });
    expect((await getCase({ ctx: agent, input: { caseNo: done } })).status).toBe('closed');
    expect((await getCase({ ctx: agent, input: { caseNo: open } })).status).toBe('open');
  });
});
