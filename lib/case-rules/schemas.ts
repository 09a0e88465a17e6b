import { z } from 'zod';
import { PRIORITIES } from '@/lib/cases/priority';
import { CASE_TYPES } from '@/lib/cases/workflow';
import { CASE_REASONS } from '@/lib/returns/policy-engine';
import {
  MAX_CASE_COUNT,
  MAX_ORDER_VALUE_CENTS,
  MAX_TAGS,
  PriorityConditions,
  RoutingConditions,
  TAG_MAX,
} from './conditions';

/** Inputs of the priority and routing rule verbs (#18). Error codes are `validation.*` keys. */

export const RULE_NAME_MAX = 60;
export const SAMPLE_DESCRIPTION_MAX = 2000;

const nameField = z.string({ message: 'required' }).trim().min(1, 'required').max(RULE_NAME_MAX, 'too_long');
const idField = z.uuid('not_found');
const versionField = z.coerce.number({ message: 'invalid' }).int('invalid').min(1, 'invalid');
const enabledField = z.boolean({ message: 'invalid_choice' });
const priorityField = z.enum(PRIORITIES, { message: 'invalid_choice' });

export const CreatePriorityRuleInput = z.object({
  nameZh: nameField,
  nameEn: nameField,
  priority: priorityField,
  enabled: enabledField.optional().default(true),
  conditions: PriorityConditions,
});
export type CreatePriorityRuleInput = z.input<typeof CreatePriorityRuleInput>;

/** An edit replaces name, priority and conditions whole; the position changes only by moving. */
export const UpdatePriorityRuleInput = CreatePriorityRuleInput.omit({ enabled: true }).extend({
  id: idField,
  version: versionField,
});
export type UpdatePriorityRuleInput = z.input<typeof UpdatePriorityRuleInput>;

export const CreateRoutingRuleInput = z.object({
  teamId: z.uuid('unknown_team'),
  enabled: enabledField.optional().default(true),
  conditions: RoutingConditions,
});
export type CreateRoutingRuleInput = z.input<typeof CreateRoutingRuleInput>;

export const UpdateRoutingRuleInput = CreateRoutingRuleInput.omit({ enabled: true }).extend({
  id: idField,
  version: versionField,
});
export type UpdateRoutingRuleInput = z.input<typeof UpdateRoutingRuleInput>;

/** Switch a rule on or off, move it a step, or delete it: each names the version the admin saw. */
export const SetRuleEnabledInput = z.object({ id: idField, version: versionField, enabled: enabledField });
export const MoveRuleInput = z.object({
  id: idField,
  version: versionField,
  direction: z.enum(['up', 'down'], { message: 'invalid_choice' }),
});
export const DeleteRuleInput = z.object({ id: idField, version: versionField });

export const DefaultPriorityInput = z.object({ priority: priorityField, version: versionField });

const count = z.coerce
  .number({ message: 'invalid_number' })
  .int('invalid_number')
  .min(0, 'out_of_range')
  .max(MAX_CASE_COUNT, 'out_of_range');
const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

/** A made-up case for the preview: what the rules would see if it were opened now. */
export const SampleCaseInput = z.object({
  type: z.enum(CASE_TYPES, { message: 'invalid_choice' }),
  reason: z.enum(CASE_REASONS, { message: 'invalid_choice' }),
  orderValueCents: z
    .number({ message: 'invalid_amount' })
    .int('invalid_amount')
    .min(0, 'invalid_amount')
    .max(MAX_ORDER_VALUE_CENTS, 'invalid_amount'),
  channel: z.preprocess(blankToUndefined, z.string().trim().max(100, 'invalid_choice').optional()),
  category: z.preprocess(blankToUndefined, z.string().trim().max(100, 'invalid_choice').optional()),
  description: z.string({ message: 'invalid' }).max(SAMPLE_DESCRIPTION_MAX, 'too_long').optional().default(''),
  openCases: z.preprocess(blankToUndefined, count.optional().default(0)),
  recentCases: z.preprocess(blankToUndefined, count.optional().default(0)),
  tags: z
    .array(z.string().trim().toLowerCase().max(TAG_MAX, 'too_long'))
    .max(MAX_TAGS, 'too_many_tags')
    .optional()
    .default([])
    .transform((list) => list.filter(Boolean)),
});
export type SampleCaseInput = z.input<typeof SampleCaseInput>;
