import { describe, expect, it } from 'vitest';
import { ValidationError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import { PriorityConditions, RoutingConditions, type CaseFacts } from './conditions';
import { decidePriority, decideRoutingRule, planMove, type PriorityRuleForEval } from './evaluate';
import { SEEDED_PRIORITY_RULES } from './seeded-rules';

const facts = (over: Partial<Omit<CaseFacts, 'customer'>> & { customer?: Partial<CaseFacts['customer']> } = {}) => ({
  type: 'return_refund' as const,
  reason: 'no_reason' as const,
  description: '不想要了',
  orderTotalCents: 10_000,
  channel: 'tmall',
  categories: ['apparel'],
  ...over,
  customer: { openCases: 0, recentCases: 0, tags: [], ...over.customer },
});

const seeded: PriorityRuleForEval[] = SEEDED_PRIORITY_RULES.map((r, i) => ({ ...r, id: String(i), enabled: true }));
const priorityOf = (f: CaseFacts, rules = seeded) => decidePriority(rules, 'normal', f).priority;

describe('the seeded priority rules', () => {
  // The rules that were hard-coded before #18, now rows: a database upgraded to them opens every
  // case with the priority it had before.
  it('give the priorities the hard-coded rules gave, in the same order', () => {
    expect(priorityOf(facts())).toBe('normal');
    expect(priorityOf(facts({ description: '再不处理我就打12315' }))).toBe('urgent');
    expect(priorityOf(facts({ type: 'complaint' }))).toBe('high');
    expect(priorityOf(facts({ customer: { openCases: 2 } }))).toBe('high');
    expect(priorityOf(facts({ customer: { openCases: 1 } }))).toBe('normal');
    expect(priorityOf(facts({ orderTotalCents: 500_000 }))).toBe('high');
    expect(priorityOf(facts({ orderTotalCents: 499_999 }))).toBe('normal');
    expect(priorityOf(facts({ reason: 'wrong_item' }))).toBe('high');
    expect(priorityOf(facts({ type: 'inquiry' }))).toBe('low');
    expect(priorityOf(facts({ type: 'inquiry', description: 'I will call my LAWYER' }))).toBe('urgent');
  });
});

describe('first match wins', () => {
  const rule = (id: string, conditions: PriorityRuleForEval['conditions'], priority: PriorityRuleForEval['priority']) =>
    ({ id, enabled: true, conditions, priority }) as PriorityRuleForEval;

  it('takes the first enabled rule whose conditions all hold, else the default', () => {
    const rules = [
      rule('a', { channels: ['jd'], caseTypes: ['complaint'] }, 'urgent'),
      rule('b', { channels: ['jd'] }, 'high'),
      rule('c', { categories: ['electronics', 'appliances'] }, 'low'),
    ];
    expect(decidePriority(rules, 'normal', facts({ channel: 'jd', type: 'complaint' })).rule?.id).toBe('a');
    expect(decidePriority(rules, 'normal', facts({ channel: 'jd' })).rule?.id).toBe('b');
    expect(decidePriority(rules, 'normal', facts({ categories: ['food', 'appliances'] }))).toMatchObject({
      priority: 'low',
      rule: { id: 'c' },
    });
    expect(decidePriority(rules, 'high', facts())).toEqual({ priority: 'high', rule: null });
    // Switched off, a rule is skipped as if it were not there.
    expect(
      decidePriority([{ ...rules[0]!, enabled: false }, ...rules.slice(1)], 'normal', facts({ channel: 'jd' })).rule
        ?.id,
    ).toBe('b');
  });

  it('tests order value (inclusive), customer history, tags, keywords and missing facts', () => {
    const value = rule('v', { orderValueMinCents: 1000, orderValueMaxCents: 2000 }, 'high');
    expect([999, 1000, 2000, 2001].map((c) => priorityOf(facts({ orderTotalCents: c }), [value]))).toEqual([
      'normal',
      'high',
      'high',
      'normal',
    ]);
    const history = rule('h', { recentCasesMin: 3 }, 'high');
    expect(priorityOf(facts({ customer: { recentCases: 2 } }), [history])).toBe('normal');
    expect(priorityOf(facts({ customer: { recentCases: 3 } }), [history])).toBe('high');
    const vip = rule('t', { customerTags: ['vip'] }, 'urgent');
    expect(priorityOf(facts({ customer: { tags: ['批发', 'VIP'] } }), [vip])).toBe('urgent');
    expect(priorityOf(facts({ customer: { tags: ['批发'] } }), [vip])).toBe('normal');
    const words = rule('k', { keywords: ['Broken', '碎了'] }, 'high');
    expect(priorityOf(facts({ description: 'arrived BROKEN' }), [words])).toBe('high');
    expect(priorityOf(facts({ description: '屏幕碎了' }), [words])).toBe('high');
    expect(priorityOf(facts({ description: 'fine' }), [words])).toBe('normal');
    // No known category (products deleted since): a category rule does not apply.
    expect(priorityOf(facts({ categories: [] }), [rule('c', { categories: ['apparel'] }, 'high')])).toBe('normal');
    expect(priorityOf(facts({ channel: null }), [rule('ch', { channels: ['tmall'] }, 'high')])).toBe('normal');
  });

  it('routes by channel, category and type, or leaves it to the type fallback', () => {
    const rules = [
      { id: 'r1', enabled: true, teamId: 'vip-desk', conditions: { channels: ['jd'], categories: ['electronics'] } },
      { id: 'r2', enabled: true, teamId: 'complaints', conditions: { caseTypes: ['complaint' as const] } },
    ];
    expect(decideRoutingRule(rules, facts({ channel: 'jd', categories: ['electronics'] }))?.teamId).toBe('vip-desk');
    expect(decideRoutingRule(rules, facts({ channel: 'jd' }))).toBeNull();
    expect(decideRoutingRule(rules, facts({ type: 'complaint' }))?.teamId).toBe('complaints');
  });
});

describe('conditions', () => {
  const parse = (c: unknown) => parseInput(PriorityConditions, c);
  const fieldErrorsOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      if (e instanceof ValidationError) return e.fieldErrors;
      throw e;
    }
    throw new Error('expected a validation error');
  };

  it('are stored compact, deduplicated and in canonical order', () => {
    expect(
      parse({
        caseTypes: ['inquiry', 'complaint', 'inquiry'],
        keywords: [' 律师 ', 'Lawyer', 'lawyer'],
        customerTags: ['VIP', 'vip'],
        channels: [],
        reasons: undefined,
      }),
    ).toEqual({ caseTypes: ['complaint', 'inquiry'], keywords: ['律师', 'Lawyer'], customerTags: ['vip'] });
  });

  it('refuse, field by field, what would make a rule mean something else', () => {
    expect(fieldErrorsOf(() => parse({}))).toEqual({ _form: ['conditions_required'] });
    expect(fieldErrorsOf(() => parse({ channels: [] }))).toEqual({ _form: ['conditions_required'] });
    expect(fieldErrorsOf(() => parse({ keyword: ['x'] }))).toEqual({ _form: ['unknown_condition'] });
    expect(fieldErrorsOf(() => parse({ caseTypes: ['refund'] }))).toEqual({ 'caseTypes.0': ['invalid_choice'] });
    expect(fieldErrorsOf(() => parse({ orderValueMinCents: 2000, orderValueMaxCents: 1000 }))).toEqual({
      orderValueMaxCents: ['amount_range_inverted'],
    });
    expect(fieldErrorsOf(() => parse({ orderValueMinCents: 12.5 }))).toEqual({
      orderValueMinCents: ['invalid_amount'],
    });
    expect(fieldErrorsOf(() => parse({ orderValueMinCents: 'abc' }))).toEqual({
      orderValueMinCents: ['invalid_amount'],
    });
    expect(fieldErrorsOf(() => parse({ openCasesMin: 0 }))).toEqual({ openCasesMin: ['out_of_range'] });
    expect(fieldErrorsOf(() => parse({ keywords: ['x'.repeat(51)] }))).toEqual({ 'keywords.0': ['too_long'] });
    // Routing looks only at the case type, the channel and the category.
    expect(fieldErrorsOf(() => parseInput(RoutingConditions, { keywords: ['x'] }))).toEqual({
      _form: ['unknown_condition'],
    });
    expect(parseInput(RoutingConditions, { channels: ['jd', 'jd'] })).toEqual({ channels: ['jd'] });
  });
});

describe('reordering', () => {
  const rows = [
    { id: 'a', position: 10 },
    { id: 'b', position: 20 },
    { id: 'c', position: 20 },
  ];
  it('swaps a rule with its neighbour and renumbers only what changed', () => {
    // b, a, c → 10, 20, 30: the tie b/c left by a hand edit is gone too.
    expect(planMove(rows, 'b', 'up')).toEqual([
      { id: 'b', position: 10 },
      { id: 'a', position: 20 },
      { id: 'c', position: 30 },
    ]);
    // a, c, b → 10, 20, 30: c already holds 20.
    expect(planMove(rows, 'b', 'down')).toEqual([{ id: 'b', position: 30 }]);
    expect(planMove(rows, 'a', 'up')).toEqual([]);
    expect(planMove(rows, 'c', 'down')).toEqual([]);
    expect(planMove(rows, 'zz', 'up')).toBeNull();
  });
});
