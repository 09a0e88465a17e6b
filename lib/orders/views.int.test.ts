import { describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '@/lib/errors';
import { anonymousCtx, createTestUser, ctxFor } from '@/test/factories';
import { listSavedViews } from './queries';
import { deleteOrderView, saveOrderView } from './views';

describe('saved order views', () => {
  it('belong to the agent who saved them; saving a name again replaces it', async () => {
    const alice = await ctxFor(await createTestUser({ role: 'agent' }));
    const bob = await ctxFor(await createTestUser({ role: 'agent' }));
    const { id } = await saveOrderView({
      ctx: alice,
      input: { name: '待发货', query: { status: 'paid', cursor: 'x', bogus: 'y' } },
    });
    await saveOrderView({ ctx: alice, input: { name: '待发货', query: { status: 'paid', channel: 'jd' } } });
    expect(await listSavedViews({ ctx: alice, scope: 'orders' })).toEqual([
      { id, name: '待发货', query: { status: 'paid', channel: 'jd' } },
    ]);
    expect(await listSavedViews({ ctx: bob, scope: 'orders' })).toEqual([]);
    await expect(deleteOrderView({ ctx: bob, input: { id } })).rejects.toBeInstanceOf(NotFoundError);
    await deleteOrderView({ ctx: alice, input: { id } });
    expect(await listSavedViews({ ctx: alice, scope: 'orders' })).toEqual([]);
  });

  it('needs at least one filter, and is refused to customers and anonymous callers', async () => {
    const agent = await ctxFor(await createTestUser({ role: 'agent' }));
    await expect(saveOrderView({ ctx: agent, input: { name: 'empty', query: { cursor: 'x' } } })).rejects.toMatchObject(
      { fieldErrors: { name: ['view_empty'] } },
    );
    const customer = await ctxFor(await createTestUser({ role: 'customer' }));
    await expect(
      saveOrderView({ ctx: customer, input: { name: 'x', query: { status: 'paid' } } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      saveOrderView({ ctx: anonymousCtx(), input: { name: 'x', query: { status: 'paid' } } }),
    ).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});
