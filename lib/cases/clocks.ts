import 'server-only';
import type { cases } from '@/db/schema';
import { resumeDue, type BusinessCalendar } from '@/lib/sla/calendar';

type CaseRow = typeof cases.$inferSelect;

/**
 * The SLA fields to write when a case stops waiting on the customer: each running deadline moves
 * on by the business time the pause lasted (the legal refund clock is not the agents' to pause).
 */
export function resumeClocks(row: CaseRow, now: Date, cal: BusinessCalendar): Partial<typeof cases.$inferInsert> {
  if (!row.pausedSince) return {};
  const since = row.pausedSince;
  return {
    pausedSince: null,
    firstResponseDueAt: row.firstRespondedAt
      ? row.firstResponseDueAt
      : resumeDue(row.firstResponseDueAt, since, now, cal),
    decisionDueAt: row.decidedAt ? row.decisionDueAt : resumeDue(row.decisionDueAt, since, now, cal),
    resolutionDueAt: row.completedAt ? row.resolutionDueAt : resumeDue(row.resolutionDueAt, since, now, cal),
  };
}
