import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ForbiddenError, UnauthenticatedError, ValidationError } from '@/lib/errors';
import { createTeam } from '@/lib/users/mutations';
import { anonymousCtx, createTestUser, ctxFor } from '@/test/factories';
import { listAuditEvents, listAuditFacets } from './queries';

describe('listAuditEvents', () => {
  it('is for admins only', async () => {
    for (const role of ['customer', 'agent', 'supervisor'] as const) {
      const ctx = await ctxFor(await createTestUser({ role }));
      await expect(listAuditEvents({ ctx, input: {} })).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(listAuditEvents({ ctx: anonymousCtx(), input: {} })).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('filters by action, record, actor and shop-time dates, newest first', async () => {
    const ctx = await ctxFor(await createTestUser({ role: 'admin' }));
    const { id } = await createTeam({ ctx, input: { name: `Audit ${randomUUID().slice(0, 6)}` } });
    const byEntity = await listAuditEvents({ ctx, input: { entityType: 'team', entityId: id } });
    expect(byEntity.items.map((e) => e.action)).toEqual(['team.create']);
    expect(byEntity.items[0]).toMatchObject({ actorLabel: ctx.actor!.email, ip: ctx.ip, requestId: ctx.requestId });

    const byActor = await listAuditEvents({ ctx, input: { actor: ctx.actor!.email, action: 'team.create' } });
    expect(byActor.items).toHaveLength(1);

    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const todays = await listAuditEvents({ ctx, input: { entityId: id, from: today, to: today } });
    expect(todays.items).toHaveLength(1);
    const past = await listAuditEvents({ ctx, input: { entityId: id, from: '2020-01-01', to: '2020-01-02' } });
    expect(past.items).toHaveLength(0);

    const facets = await listAuditFacets({ ctx });
    expect(facets.actions).toContain('team.create');
    expect(facets.entityTypes).toContain('team');
  });

  it('rejects an inverted or malformed date range', async () => {
    const ctx = await ctxFor(await createTestUser({ role: 'admin' }));
    await expect(listAuditEvents({ ctx, input: { from: '2026-12-01', to: '2026-11-01' } })).rejects.toMatchObject({
      fieldErrors: { to: ['date_range_inverted'] },
    });
    await expect(listAuditEvents({ ctx, input: { from: '01/12/2026' } })).rejects.toBeInstanceOf(ValidationError);
  });
});
