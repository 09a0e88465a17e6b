import 'server-only';
import type { Tx } from '@/db/client';
import { caseEvents } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { CASE_ACTIONS, type CaseStatus } from './workflow';

/**
 * What a case's timeline records: every workflow action, plus the steps that are not actions.
 * The timeline labels each kind (cases.events.* or cases.actions.*; a test checks both languages).
 */
export const CASE_EVENT_KINDS = [
  ...CASE_ACTIONS,
  'created',
  'assigned',
  'escalated',
  'sla_breached',
  'return_shipped',
  'replacement_tracking_changed',
  'compensation_pending',
  'compensation_granted',
  'compensation_rejected',
  'return_freight_shop',
  'return_freight_customer',
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

export type CaseEventInput = {
  caseId: number;
  kind: CaseEventKind;
  fromStatus?: CaseStatus | null;
  toStatus?: CaseStatus | null;
  note?: string | null;
  /** Shown in the customer's timeline; internal steps (assignment, escalation) set false. */
  public?: boolean;
};

/**
 * One step in a case's timeline, in the caller's transaction. The actor is stored by id (the
 * timeline shows their current name) and by label (kept if the user is deleted); no actor means
 * the system (jobs, automatic assignment).
 */
export async function recordCaseEvent(tx: Tx, actor: Actor | null, event: CaseEventInput): Promise<void> {
  await tx.insert(caseEvents).values({
    caseId: event.caseId,
    actorId: actor?.userId ?? null,
    actorLabel: actor?.email ?? 'system',
    kind: event.kind,
    fromStatus: event.fromStatus ?? null,
    toStatus: event.toStatus ?? null,
    note: event.note ?? null,
    public: event.public ?? true,
  });
}
