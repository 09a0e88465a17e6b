import { describe, expect, it } from 'vitest';
import { ForbiddenError, UnauthenticatedError } from '@/lib/errors';
import { anonymousCtx, auditFor, createTestUser, ctxFor } from '@/test/factories';
import { getShopProfile, updateShopName } from './profile';

describe("the shop's name on its public pages", () => {
  it('is set by admins, audited, trimmed, and refused to others', async () => {
    const admin = await ctxFor(await createTestUser({ role: 'admin' }));
    const before = (await getShopProfile()).name;
    await updateShopName({ ctx: admin, input: { name: '  小米之家  ' } });
    expect(await getShopProfile()).toEqual({ name: '小米之家' });
    const [event] = (await auditFor('1')).filter((e) => e.action === 'shop.name').slice(-1);
    expect(event).toMatchObject({ entityType: 'shop_settings', changes: { name: { before, after: '小米之家' } } });

    await expect(updateShopName({ ctx: admin, input: { name: '<script>' } })).rejects.toMatchObject({
      fieldErrors: { name: ['invalid'] },
    });
    await expect(updateShopName({ ctx: admin, input: { name: '店'.repeat(61) } })).rejects.toMatchObject({
      fieldErrors: { name: ['too_long'] },
    });
    const supervisor = await ctxFor(await createTestUser({ role: 'supervisor' }));
    await expect(updateShopName({ ctx: supervisor, input: { name: 'x' } })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateShopName({ ctx: anonymousCtx(), input: { name: 'x' } })).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
    expect((await getShopProfile()).name).toBe('小米之家');
  });
});
