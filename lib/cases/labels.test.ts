import { describe, expect, it } from 'vitest';
import { CASE_EVENT_KINDS } from './events';
import en from '@/messages/en.json';
import zhCN from '@/messages/zh-CN.json';
import { CASE_REASONS, EXCLUSIONS } from '@/lib/returns/policy-engine';
import { CASE_ACTIONS, CASE_STATUSES, CASE_TYPES } from './workflow';

const POLICY_CODES = [
  'type_not_offered',
  'always_open',
  'not_delivered_refund',
  'not_delivered_reissue',
  'not_delivered_yet',
  'window_expired',
  'not_received_until',
  'quality_return_until',
  'quality_return_expired',
  'quality_exchange_until',
  'quality_exchange_expired',
  'warranty_repair_until',
  'warranty_expired',
  'type_not_for_reason',
  'no_reason_until',
  'no_reason_expired',
  'price_protection_until',
  'price_protection_expired',
  'compensation_open',
  ...EXCLUSIONS.map((e) => `excluded_${e}`),
];

describe.each([
  ['en', en],
  ['zh-CN', zhCN],
])('case labels in %s', (_locale, m) => {
  it('name every type, status (internal and customer-facing), action, reason and policy answer', () => {
    expect(Object.keys(m.cases.types).sort()).toEqual([...CASE_TYPES].sort());
    expect(Object.keys(m.cases.status).sort()).toEqual([...CASE_STATUSES].sort());
    expect(Object.keys(m.cases.customerStatus).sort()).toEqual([...CASE_STATUSES].sort());
    expect(Object.keys(m.cases.actions).sort()).toEqual([...CASE_ACTIONS].sort());
    expect(Object.keys(m.cases.reasons).sort()).toEqual([...CASE_REASONS].sort());
    expect(Object.keys(m.cases.policy).sort()).toEqual([...POLICY_CODES].sort());
    // Timeline entries that are not workflow actions: exactly the other kinds the timeline records.
    const steps = CASE_EVENT_KINDS.filter((k) => !(CASE_ACTIONS as readonly string[]).includes(k));
    expect(Object.keys(m.cases.events).sort()).toEqual([...steps].sort());
  });
});
