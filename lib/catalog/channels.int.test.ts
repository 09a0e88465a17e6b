import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { channels } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError } from '@/lib/errors';
import { anonymousCtx, auditFor, createTestUser, ctxFor } from '@/test/factories';
import { channelName, createChannel, listChannels, loadChannels, updateChannel } from './channels';
import { catalogOptions, nameMap, nameOf } from './names';

const code = () => `ch_${randomUUID().slice(0, 8)}`;
const input = (c: string, extra: Record<string, unknown> = {}) => ({
  code: c,
  nameZh: '小红书',
  nameEn: 'Xiaohongshu',
  ...extra,
});
const rowOf = async (c: string) => (await (await getDb()).select().from(channels).where(eq(channels.code, c)))[0];

let admin: Ctx, supervisor: Ctx, agent: Ctx, customer: Ctx;
beforeAll(async () => {
  admin = await ctxFor(await createTestUser({ role: 'admin' }));
  supervisor = await ctxFor(await createTestUser({ role: 'supervisor' }));
  agent = await ctxFor(await createTestUser({ role: 'agent' }));
  customer = await ctxFor(await createTestUser({ role: 'customer' }));
});

describe('sales channels', () => {
  it('are created by admins only, audited, and go last unless given a position', async () => {
    const c = code();
    for (const ctx of [supervisor, agent, customer])
      await expect(createChannel({ ctx, input: input(c) })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createChannel({ ctx: anonymousCtx(), input: input(c) })).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(await rowOf(c)).toBeUndefined();
    expect(await auditFor(c)).toHaveLength(0);

    const created = await createChannel({ ctx: admin, input: input(c) });
    expect(created).toMatchObject({ code: c, nameZh: '小红书', nameEn: 'Xiaohongshu', active: true, version: 1 });
    const all = await loadChannels(await getDb());
    expect(all.at(-1)?.code).toBe(c);
    expect(all.find((r) => r.code === 'tmall')).toMatchObject({ nameZh: '天猫', nameEn: 'Tmall', active: true });
    const [event] = await auditFor(c);
    expect(event).toMatchObject({ action: 'channel.create', entityType: 'channel' });
    expect(event!.changes).toMatchObject({ nameZh: { after: '小红书' }, active: { after: true } });
  });

  it('refuse a malformed or taken code and bad names, field by field, writing nothing', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [input('Tmall2'), 'code', 'invalid_code'],
      [input('1shop'), 'code', 'invalid_code'],
      [input('a'), 'code', 'invalid_code'],
      [input(`a${'b'.repeat(32)}`), 'code', 'invalid_code'],
      [input('has-dash'), 'code', 'invalid_code'],
      [{ nameZh: 'x', nameEn: 'x' }, 'code', 'required'],
      [input(code(), { nameZh: '  ' }), 'nameZh', 'required'],
      [input(code(), { nameEn: 'x'.repeat(41) }), 'nameEn', 'too_long'],
      [input(code(), { position: -1 }), 'position', 'out_of_range'],
      [input(code(), { position: 'first' }), 'position', 'invalid_number'],
      [input('tmall'), 'code', 'duplicate_code'],
    ];
    for (const [bad, field, message] of cases) {
      await expect(createChannel({ ctx: admin, input: bad }), `${field}=${message}`).rejects.toMatchObject({
        fieldErrors: { [field]: [message] },
      });
    }
    expect(await rowOf('tmall')).toMatchObject({ nameZh: '天猫', version: 1 });
    // Exactly 40 characters is fine.
    const c = code();
    await expect(
      createChannel({ ctx: admin, input: input(c, { nameEn: 'x'.repeat(40), position: 5 }) }),
    ).resolves.toMatchObject({ position: 5 });
  });

  it('are renamed, reordered and retired by admins with a version check; the code never changes', async () => {
    const c = code();
    const created = await createChannel({ ctx: admin, input: input(c) });
    const change = { code: c, version: created.version, nameZh: '小红书商城', nameEn: 'RED store', position: 7 };
    for (const ctx of [supervisor, agent, customer])
      await expect(updateChannel({ ctx, input: change })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateChannel({ ctx: anonymousCtx(), input: change })).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(await rowOf(c)).toMatchObject({ nameZh: '小红书', version: 1 });

    // Extra keys (a new code) are not fields of an update.
    const renamed = await updateChannel({
      ctx: admin,
      input: { ...change, newCode: 'renamed', nameZh: ' 小红书商城 ' },
    });
    expect(renamed).toMatchObject({
      code: c,
      nameZh: '小红书商城',
      nameEn: 'RED store',
      position: 7,
      active: true,
      version: 2,
    });
    expect(await rowOf('renamed')).toBeUndefined();
    await expect(updateChannel({ ctx: admin, input: { ...change, nameEn: 'stale' } })).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(updateChannel({ ctx: admin, input: { ...change, code: code(), version: 1 } })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(updateChannel({ ctx: admin, input: { code: c, version: 2, nameEn: '' } })).rejects.toMatchObject({
      fieldErrors: { nameEn: ['required'] },
    });
    expect(await rowOf(c)).toMatchObject({ nameEn: 'RED store', version: 2 });

    // Retired: still named (old orders), no longer offered for new ones — unless it is the current value.
    await updateChannel({ ctx: admin, input: { code: c, version: 2, active: false } });
    const rows = await loadChannels(await getDb());
    const retired = rows.find((r) => r.code === c)!;
    expect(retired).toMatchObject({ active: false, nameZh: '小红书商城', version: 3 });
    expect(channelName(retired, 'en')).toBe('RED store');
    expect(nameOf(nameMap(rows, 'zh-CN'), c)).toBe('小红书商城');
    expect(nameOf(nameMap(rows, 'zh-CN'), 'no_such_channel')).toBe('no_such_channel');
    expect(catalogOptions(rows, 'en').map((o) => o.code)).not.toContain(c);
    expect(catalogOptions(rows, 'en').map((o) => o.code)).toContain('tmall');
    expect(catalogOptions(rows, 'en', c).find((o) => o.code === c)).toEqual({
      code: c,
      name: 'RED store',
      active: false,
    });

    // Reactivated from the form (a checkbox's "on").
    await expect(updateChannel({ ctx: admin, input: { code: c, version: 3, active: 'on' } })).resolves.toMatchObject({
      active: true,
      version: 4,
    });
    const actions = (await auditFor(c)).map((e) => e.action).sort();
    expect(actions).toEqual(['channel.create', 'channel.update', 'channel.update', 'channel.update']);
    const rename = (await auditFor(c)).find((e) => e.action === 'channel.update' && e.changes && 'nameZh' in e.changes);
    expect(rename!.changes).toMatchObject({
      nameZh: { before: '小红书', after: '小红书商城' },
      position: { after: 7 },
    });
  });

  it('are listed for staff with their order counts, and not for customers', async () => {
    for (const ctx of [admin, supervisor, agent]) {
      const rows = await listChannels({ ctx });
      expect(rows.map((r) => r.code)).toEqual(
        expect.arrayContaining(['own_site', 'tmall', 'jd', 'douyin', 'pinduoduo', 'offline']),
      );
      expect(rows.every((r) => Number.isInteger(r.orders) && r.orders >= 0)).toBe(true);
      const positions = rows.map((r) => r.position);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    }
    await expect(listChannels({ ctx: customer })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listChannels({ ctx: anonymousCtx() })).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});
