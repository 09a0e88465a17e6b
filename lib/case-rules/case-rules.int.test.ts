import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents, caseRuleSettings, cases, priorityRules, routingRules } from '@/db/schema';
import { createCase } from '@/lib/cases/mutations';
import { createChannel } from '@/lib/catalog/channels';
import type { Ctx } from '@/lib/context';
import { ConflictError, ForbiddenError, UnauthenticatedError, ValidationError } from '@/lib/errors';
import { createOrder } from '@/lib/orders/mutations';
import { createTeam } from '@/lib/users/mutations';
import en from '@/messages/en.json';
import zhCN from '@/messages/zh-CN.json';
import { anonymousCtx, auditFor, createTestProduct, createTestUser, ctxFor, orderInput } from '@/test/factories';
import type { CaseFacts } from './conditions';
import { decidePriority } from './evaluate';
import { loadCaseRulesInTx } from './load';
import {
  createPriorityRule,
  createRoutingRule,
  deletePriorityRule,
  deleteRoutingRule,
  movePriorityRule,
  moveRoutingRule,
  setDefaultPriority,
  setPriorityRuleEnabled,
  setRoutingRuleEnabled,
  updatePriorityRule,
  updateRoutingRule,
} from './mutations';
import { listPriorityRules, listRoutingRules, previewCaseRules } from './queries';
import { SEEDED_DEFAULT_PRIORITY, SEEDED_PRIORITY_RULES } from './seeded-rules';

/*
 * On PostgreSQL other test files open cases at the same time against the same rules, so every rule
 * made here matches only this file's cases: a sales channel and a product category of its own.
 */
let admin: Ctx, supervisor: Ctx, agent: Ctx, customer: Ctx;
let channel: string;
let category: string;
let sku: string;
let otherSku: string;
let teamId: string;
let teamName: string;
const made: { priority: string[]; routing: string[] } = { priority: [], routing: [] };

beforeAll(async () => {
  admin = await ctxFor(await createTestUser({ role: 'admin' }));
  supervisor = await ctxFor(await createTestUser({ role: 'supervisor' }));
  agent = await ctxFor(await createTestUser({ role: 'agent' }));
  customer = await ctxFor(await createTestUser({ role: 'customer' }));
  channel = `rule_ch_${randomUUID().slice(0, 8)}`;
  await createChannel({ ctx: admin, input: { code: channel, nameZh: '规则测试渠道', nameEn: 'Rule test channel' } });
  category = `rule_cat_${randomUUID().slice(0, 8)}`;
  sku = (await createTestProduct({ priceCents: 10_000, category })).sku;
  otherSku = (await createTestProduct({ priceCents: 10_000, category: 'apparel' })).sku;
  teamName = `Rules team ${randomUUID().slice(0, 8)}`;
  teamId = (await createTeam({ ctx: admin, input: { name: teamName } })).id;
});

afterEach(async () => {
  // Each test starts from the migrated rules, and the shared PostgreSQL database is left as it was.
  const db = await getDb();
  if (made.priority.length) await db.delete(priorityRules).where(inArray(priorityRules.id, made.priority));
  if (made.routing.length) await db.delete(routingRules).where(inArray(routingRules.id, made.routing));
  made.priority = [];
  made.routing = [];
});

/** Opens a return on a new delivered order (a new customer each time, so history rules stay out of it). */
async function openCase(opts: { channel?: string; sku?: string; description?: string } = {}) {
  const { orderNo } = await createOrder({
    ctx: agent,
    input: orderInput(opts.sku ?? sku, {
      channel: opts.channel ?? channel,
      status: 'delivered',
      trackingNo: 'SF1',
      carrier: '顺丰速运',
    }),
  });
  const { caseNo } = await createCase({
    ctx: agent,
    input: {
      orderNo,
      type: 'return_refund',
      reason: 'no_reason',
      description: opts.description ?? '尺码不合适',
      items: [{ sku: opts.sku ?? sku, quantity: 1 }],
    },
  });
  const db = await getDb();
  const [c] = await db.select().from(cases).where(eq(cases.caseNo, caseNo));
  return c!;
}

const priorityInput = (extra: Record<string, unknown> = {}) => ({
  nameZh: '测试渠道加急',
  nameEn: 'Test channel first',
  priority: 'urgent',
  conditions: { channels: [channel] },
  ...extra,
});

async function newPriorityRule(extra: Record<string, unknown> = {}) {
  const { id } = await createPriorityRule({ ctx: admin, input: priorityInput(extra) });
  made.priority.push(id);
  return (await listPriorityRules({ ctx: admin })).rules.find((r) => r.id === id)!;
}

async function newRoutingRule(extra: Record<string, unknown> = {}) {
  const { id } = await createRoutingRule({
    ctx: admin,
    input: { teamId, conditions: { channels: [channel] }, ...extra },
  });
  made.routing.push(id);
  return (await listRoutingRules({ ctx: admin })).find((r) => r.id === id)!;
}

describe('the migrated rules', () => {
  it('are the rules that were hard-coded, in their order, with normal as the default', async () => {
    const { rules, defaultPriority } = await listPriorityRules({ ctx: admin });
    const seeded = SEEDED_PRIORITY_RULES.map((s) => rules.find((r) => r.nameEn === s.nameEn));
    expect(
      seeded.map((r) => r && { nameZh: r.nameZh, nameEn: r.nameEn, conditions: r.conditions, priority: r.priority }),
    ).toEqual(SEEDED_PRIORITY_RULES);
    const ranks = seeded.map((r) => r!.rank);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    expect(defaultPriority.priority).toBe(SEEDED_DEFAULT_PRIORITY);

    // Read the way a case open reads them: the old hard-coded results.
    const db = await getDb();
    const loaded = await db.transaction((tx) => loadCaseRulesInTx(tx, randomUUID()));
    const facts: CaseFacts = {
      type: 'return_refund',
      reason: 'no_reason',
      description: '不想要了',
      orderTotalCents: 10_000,
      channel: 'tmall',
      categories: ['apparel'],
      customer: loaded.customer,
    };
    const p = (over: Partial<CaseFacts>) =>
      decidePriority(loaded.priorityRules, loaded.defaultPriority, { ...facts, ...over }).priority;
    expect(loaded.customer).toEqual({ openCases: 0, recentCases: 0, tags: [] });
    expect(p({})).toBe('normal');
    expect(p({ description: '再不处理我就打12315' })).toBe('urgent');
    expect(p({ type: 'complaint' })).toBe('high');
    expect(p({ customer: { openCases: 2, recentCases: 2, tags: [] } })).toBe('high');
    expect(p({ orderTotalCents: 500_000 })).toBe('high');
    expect(p({ reason: 'wrong_item' })).toBe('high');
    expect(p({ type: 'inquiry' })).toBe('low');
  });
});

describe('an admin editing the rules', () => {
  it('changes the priority and the team of the next case opened, and only of cases after the change', async () => {
    const before = await openCase();
    expect(before.priority).toBe('normal');
    expect(before.teamId).not.toBe(teamId);

    const rule = await newPriorityRule();
    const route = await newRoutingRule();
    const ruled = await openCase();
    expect(ruled).toMatchObject({ priority: 'urgent', teamId });
    // Elsewhere nothing changed: an order from another channel is judged as before.
    expect(await openCase({ channel: 'tmall', sku: otherSku })).toMatchObject({ priority: 'normal' });

    const { version } = await updatePriorityRule({
      ctx: admin,
      input: { id: rule.id, version: rule.version, ...priorityInput({ priority: 'low' }) },
    });
    expect(version).toBe(rule.version + 1);
    expect((await openCase()).priority).toBe('low');

    // Switched off: as if the rule were not there.
    await setPriorityRuleEnabled({ ctx: admin, input: { id: rule.id, version, enabled: false } });
    await setRoutingRuleEnabled({ ctx: admin, input: { id: route.id, version: route.version, enabled: false } });
    const off = await openCase();
    expect(off.priority).toBe('normal');
    expect(off.teamId).toBe(before.teamId);

    // What was opened before keeps what it got.
    const db = await getDb();
    const [kept] = await db.select().from(cases).where(eq(cases.id, ruled.id));
    expect(kept).toMatchObject({ priority: 'urgent', teamId });

    const events = await auditFor(rule.id);
    expect(events.map((e) => e.action)).toEqual([
      'priority_rule.create',
      'priority_rule.update',
      'priority_rule.disable',
    ]);
    expect(events[1]!.changes).toEqual({ priority: { before: 'urgent', after: 'low' } });
    expect(events.every((e) => e.actorId === admin.actor!.userId)).toBe(true);
  });

  it('routes by product category, first match wins, and moving a rule up changes which one wins', async () => {
    const second = await createTeam({ ctx: admin, input: { name: `Rules team B ${randomUUID().slice(0, 8)}` } });
    const byChannel = await newRoutingRule();
    const byCategory = await newRoutingRule({ teamId: second.id, conditions: { categories: [category] } });
    expect((await openCase()).teamId).toBe(teamId);
    expect((await openCase({ channel: 'tmall' })).teamId).toBe(second.id);

    await moveRoutingRule({ ctx: admin, input: { id: byCategory.id, version: byCategory.version, direction: 'up' } });
    const ranks = await listRoutingRules({ ctx: admin });
    expect(ranks.findIndex((r) => r.id === byCategory.id)).toBeLessThan(ranks.findIndex((r) => r.id === byChannel.id));
    expect((await openCase()).teamId).toBe(second.id);
    // The rule that moved past got a new position too: an edit made on the old version is refused.
    await expect(
      updateRoutingRule({
        ctx: admin,
        input: { id: byChannel.id, version: byChannel.version, teamId, conditions: { channels: [channel] } },
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await auditFor(byCategory.id)).map((e) => e.action)).toEqual(['routing_rule.create', 'routing_rule.move']);
  });

  it('reorders priority rules a step at a time and deletes one after a version check', async () => {
    const top = await newPriorityRule({
      nameEn: 'Test keyword',
      priority: 'low',
      conditions: { keywords: ['zz-move-me'] },
    });
    const { rules } = await listPriorityRules({ ctx: admin });
    // New rules go last, so a seeded rule (complaints, urgent words …) still wins over it…
    expect(rules.at(-1)!.id).toBe(top.id);
    expect((await openCase({ description: '12315 zz-move-me' })).priority).toBe('urgent');
    // …until it is moved above them, one step each.
    let version = top.version;
    for (let i = rules.length; i > 1; i--) {
      version = (await movePriorityRule({ ctx: admin, input: { id: top.id, version, direction: 'up' } })).version;
    }
    const moved = (await listPriorityRules({ ctx: admin })).rules;
    expect(moved[0]!.id).toBe(top.id);
    // Moving the first one up is a no-op, not an error.
    expect((await movePriorityRule({ ctx: admin, input: { id: top.id, version, direction: 'up' } })).version).toBe(
      version,
    );
    expect((await openCase({ description: '12315 zz-move-me' })).priority).toBe('low');

    await expect(
      deletePriorityRule({ ctx: admin, input: { id: top.id, version: version - 1 } }),
    ).rejects.toBeInstanceOf(ConflictError);
    await deletePriorityRule({ ctx: admin, input: { id: top.id, version } });
    expect((await listPriorityRules({ ctx: admin })).rules.some((r) => r.id === top.id)).toBe(false);
    expect((await openCase({ description: '12315 zz-move-me' })).priority).toBe('urgent');
    const events = await auditFor(top.id);
    expect(events.at(-1)).toMatchObject({ action: 'priority_rule.delete' });
    expect(events.at(-1)!.changes).toMatchObject({ nameEn: { before: 'Test keyword' }, priority: { before: 'low' } });
  });
});

describe('who may change the rules', () => {
  it('refuses agents, supervisors, customers and anonymous callers, writing nothing', async () => {
    const rule = await newPriorityRule();
    const route = await newRoutingRule();
    const calls = (ctx: Ctx) => [
      () => createPriorityRule({ ctx, input: priorityInput() }),
      () => updatePriorityRule({ ctx, input: { id: rule.id, version: rule.version, ...priorityInput() } }),
      () => setPriorityRuleEnabled({ ctx, input: { id: rule.id, version: rule.version, enabled: false } }),
      () => movePriorityRule({ ctx, input: { id: rule.id, version: rule.version, direction: 'up' } }),
      () => deletePriorityRule({ ctx, input: { id: rule.id, version: rule.version } }),
      () => setDefaultPriority({ ctx, input: { priority: 'low', version: 1 } }),
      () => createRoutingRule({ ctx, input: { teamId, conditions: { channels: [channel] } } }),
      () =>
        updateRoutingRule({
          ctx,
          input: { id: route.id, version: route.version, teamId, conditions: { caseTypes: ['exchange'] } },
        }),
      () => setRoutingRuleEnabled({ ctx, input: { id: route.id, version: route.version, enabled: false } }),
      () => moveRoutingRule({ ctx, input: { id: route.id, version: route.version, direction: 'up' } }),
      () => deleteRoutingRule({ ctx, input: { id: route.id, version: route.version } }),
      () => listPriorityRules({ ctx }),
      () => listRoutingRules({ ctx }),
      () => previewCaseRules({ ctx, input: { type: 'inquiry', reason: 'other', orderValueCents: 0 } }),
    ];
    for (const ctx of [agent, supervisor, customer])
      for (const call of calls(ctx)) await expect(call()).rejects.toBeInstanceOf(ForbiddenError);
    for (const call of calls(anonymousCtx())) await expect(call()).rejects.toBeInstanceOf(UnauthenticatedError);

    const db = await getDb();
    const [p] = await db.select().from(priorityRules).where(eq(priorityRules.id, rule.id));
    expect(p).toMatchObject({ version: rule.version, enabled: true, priority: 'urgent' });
    const [r] = await db.select().from(routingRules).where(eq(routingRules.id, route.id));
    expect(r).toMatchObject({ version: route.version, enabled: true });
    expect(await auditFor(rule.id)).toHaveLength(1);
    expect(await auditFor(route.id)).toHaveLength(1);
  });
});

describe('stale and invalid changes', () => {
  it('refuse a stale version, whoever changed the rule in between', async () => {
    const rule = await newPriorityRule();
    await updatePriorityRule({
      ctx: admin,
      input: { id: rule.id, version: rule.version, ...priorityInput({ priority: 'high' }) },
    });
    for (const call of [
      () => updatePriorityRule({ ctx: admin, input: { id: rule.id, version: rule.version, ...priorityInput() } }),
      () => setPriorityRuleEnabled({ ctx: admin, input: { id: rule.id, version: rule.version, enabled: false } }),
      () => movePriorityRule({ ctx: admin, input: { id: rule.id, version: rule.version, direction: 'up' } }),
      () => deletePriorityRule({ ctx: admin, input: { id: rule.id, version: rule.version } }),
    ])
      await expect(call()).rejects.toBeInstanceOf(ConflictError);
    const db = await getDb();
    const [row] = await db.select().from(priorityRules).where(eq(priorityRules.id, rule.id));
    expect(row).toMatchObject({ priority: 'high', version: rule.version + 1, enabled: true });

    // The default priority too. Saved unchanged here: cases other files open meanwhile keep 'normal'.
    const { defaultPriority } = await listPriorityRules({ ctx: admin });
    const { version } = await setDefaultPriority({
      ctx: admin,
      input: { priority: 'normal', version: defaultPriority.version },
    });
    expect(version).toBe(defaultPriority.version + 1);
    await expect(
      setDefaultPriority({ ctx: admin, input: { priority: 'low', version: defaultPriority.version } }),
    ).rejects.toBeInstanceOf(ConflictError);
    const [settings] = await db.select().from(caseRuleSettings).where(eq(caseRuleSettings.id, 1));
    expect(settings).toMatchObject({ defaultPriority: 'normal', version });
    const events = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'case_rule_settings.update'), eq(auditEvents.actorId, admin.actor!.userId)));
    expect(events).toHaveLength(1);
  });

  it('refuse invalid conditions field by field, with a message in both languages, writing nothing', async () => {
    const bad: [Record<string, unknown>, string, string][] = [
      [priorityInput({ conditions: {} }), 'conditions', 'conditions_required'],
      [priorityInput({ conditions: { keyword: ['x'] } }), 'conditions', 'unknown_condition'],
      [
        priorityInput({ conditions: { orderValueMinCents: 2000, orderValueMaxCents: 1000 } }),
        'conditions.orderValueMaxCents',
        'amount_range_inverted',
      ],
      [
        priorityInput({ conditions: { orderValueMinCents: '50 yuan' } }),
        'conditions.orderValueMinCents',
        'invalid_amount',
      ],
      [priorityInput({ conditions: { caseTypes: ['refund'] } }), 'conditions.caseTypes.0', 'invalid_choice'],
      [priorityInput({ conditions: { openCasesMin: 0 } }), 'conditions.openCasesMin', 'out_of_range'],
      [priorityInput({ conditions: { channels: ['no_such_channel'] } }), 'conditions.channels', 'unknown_channel'],
      [
        priorityInput({ conditions: { categories: ['no_such_category'] } }),
        'conditions.categories',
        'unknown_category_code',
      ],
      [priorityInput({ priority: 'asap' }), 'priority', 'invalid_choice'],
      [priorityInput({ nameEn: ' ' }), 'nameEn', 'required'],
    ];
    const db = await getDb();
    const count = async () => (await db.select({ id: priorityRules.id }).from(priorityRules)).length;
    const before = await count();
    for (const [input, field, code] of bad) {
      const err = await createPriorityRule({ ctx: admin, input }).catch((e: unknown) => e);
      expect(err, `${field}=${code}`).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).fieldErrors, `${field}=${code}`).toEqual({ [field]: [code] });
      // What the admin reads under the field.
      for (const messages of [en, zhCN])
        expect((messages.validation as Record<string, string>)[code], code).toMatch(/\S/);
    }
    expect(await count()).toBe(before);

    const routingBad: [Record<string, unknown>, string, string][] = [
      [{ teamId, conditions: { keywords: ['x'] } }, 'conditions', 'unknown_condition'],
      [{ teamId, conditions: {} }, 'conditions', 'conditions_required'],
      [{ teamId: randomUUID(), conditions: { channels: [channel] } }, 'teamId', 'unknown_team'],
      [{ teamId: 'team-a', conditions: { channels: [channel] } }, 'teamId', 'unknown_team'],
    ];
    for (const [input, field, code] of routingBad)
      await expect(createRoutingRule({ ctx: admin, input }), `${field}=${code}`).rejects.toMatchObject({
        fieldErrors: { [field]: [code] },
      });
  });
});

describe('the preview', () => {
  it('names the rule that matches a sample case, with the priority and the team it would get', async () => {
    const rule = await newPriorityRule({
      priority: 'high',
      conditions: { channels: [channel], customerTags: ['vip'] },
    });
    const route = await newRoutingRule({ conditions: { categories: [category], caseTypes: ['exchange'] } });
    const sample = { type: 'exchange', reason: 'no_reason', orderValueCents: 10_000, channel, category, tags: ['VIP'] };

    const hit = await previewCaseRules({ ctx: admin, input: sample });
    expect(hit).toMatchObject({
      priority: 'high',
      priorityRule: { id: rule.id, rank: rule.rank, nameEn: 'Test channel first' },
      team: { id: teamId, name: teamName },
      routedBy: 'rule',
      routingRule: { id: route.id, rank: route.rank },
    });

    // Without the tag and as a return: the seeded rules and the type fallback answer.
    const plain = await previewCaseRules({ ctx: admin, input: { ...sample, type: 'return_refund', tags: [] } });
    expect(plain).toMatchObject({ priority: 'normal', priorityRule: null, routingRule: null });
    expect(plain.routedBy).toBe(plain.team ? 'case_type' : 'none');
    const complaint = await previewCaseRules({
      ctx: admin,
      input: { ...sample, type: 'complaint', tags: [], description: 'I will talk to a JOURNALIST' },
    });
    expect(complaint).toMatchObject({ priority: 'urgent', priorityRule: { nameEn: 'Legal or public escalation' } });

    // A disabled rule is not previewed as matching, and the preview writes nothing.
    await setPriorityRuleEnabled({ ctx: admin, input: { id: rule.id, version: rule.version, enabled: false } });
    expect((await previewCaseRules({ ctx: admin, input: sample })).priorityRule).toBeNull();
    expect((await auditFor(rule.id)).map((e) => e.action)).toEqual(['priority_rule.create', 'priority_rule.disable']);

    await expect(previewCaseRules({ ctx: admin, input: { ...sample, orderValueCents: -1 } })).rejects.toMatchObject({
      fieldErrors: { orderValueCents: ['invalid_amount'] },
    });
  });
});
