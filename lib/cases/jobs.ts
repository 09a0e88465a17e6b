import 'server-only';
import { rolesWith } from '@/lib/authz';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { rowsOf } from '@/db/rows';
import { cases, users } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import { systemCtx } from '@/lib/context';
import { notifyCustomer, notifyStaff } from '@/lib/notifications';
import { loadSlaSettings } from '@/lib/sla/settings';
import { recordCaseEvent } from './events';
import { announceCase } from './announce';
import { checkCaseAction, COMPLETED_STATUSES } from './workflow';

const BATCH = 200;

type DueRow = { id: number; case_no: string; assignee_id: string | null; next_due_at: string | Date };

/**
 * The SLA watch, run every minute by the job worker. Each running deadline is reported once:
 * two hours before it falls due (to the assignee), and when it is missed (the case is flagged
 * escalated and the assignee and every supervisor are told). Only deadlines of the last week are
 * looked at, through the next-due index, so the scan stays small however many old cases exist.
 */
export async function scanSla(): Promise<{ warned: number; breached: number }> {
  return transaction(async (tx) => {
    const breached = rowsOf<DueRow>(
      await tx.execute(sql`select id, case_no, assignee_id, next_due_at from cases
        where status not in ('closed', 'cancelled') and paused_since is null
          and next_due_at < now() and next_due_at > now() - interval '7 days'
          and sla_alerted_due_at is distinct from next_due_at
        order by next_due_at limit ${BATCH} for update skip locked`),
    );
    const soon = rowsOf<DueRow>(
      await tx.execute(sql`select id, case_no, assignee_id, next_due_at from cases
        where status not in ('closed', 'cancelled') and paused_since is null
          and next_due_at between now() and now() + interval '2 hours'
          and assignee_id is not null and sla_warned_due_at is distinct from next_due_at
        order by next_due_at limit ${BATCH} for update skip locked`),
    );
    const supervisors = breached.length
      ? (
          await tx
            .select({ id: users.id })
            .from(users)
            .where(and(inArray(users.role, rolesWith('supervise:case:any')), eq(users.active, true)))
        ).map((u) => u.id)
      : [];
    const ctx = systemCtx('job:sla.scan');
    for (const c of breached) {
      const due = new Date(c.next_due_at);
      // Copied in SQL, not through a JS Date: the column has microseconds a Date would drop, and the
      // next scan compares the two exactly.
      await tx
        .update(cases)
        .set({ slaAlertedDueAt: sql`${cases.nextDueAt}`, escalated: true })
        .where(eq(cases.id, Number(c.id)));
      await recordCaseEvent(tx, null, { caseId: Number(c.id), kind: 'sla_breached', public: false });
      await notifyStaff(tx, {
        userIds: [c.assignee_id, ...supervisors],
        kind: 'sla_breached',
        caseId: Number(c.id),
        caseNo: c.case_no,
        dedupeKey: `breach:${due.toISOString()}`,
      });
      await recordAudit(tx, ctx, {
        action: 'case.sla_breached',
        entityType: 'case',
        entityId: c.case_no,
        after: { dueAt: due.toISOString(), escalated: true },
      });
      await announceCase(tx, Number(c.id));
    }
    for (const c of soon) {
      const due = new Date(c.next_due_at);
      await tx
        .update(cases)
        .set({ slaWarnedDueAt: sql`${cases.nextDueAt}` })
        .where(eq(cases.id, Number(c.id)));
      await notifyStaff(tx, {
        userIds: [c.assignee_id],
        kind: 'sla_due_soon',
        caseId: Number(c.id),
        caseNo: c.case_no,
        dedupeKey: `soon:${due.toISOString()}`,
      });
    }
    return { warned: soon.length, breached: breached.length };
  });
}

/**
 * Closes cases that have stayed completed for the configured number of days (default 7). Until
 * then a customer's reply can still reopen a resolved conversation; afterwards the case is final.
 */
export async function autoCloseCases(now: Date = new Date()): Promise<number> {
  return transaction(async (tx) => {
    const { autoCloseDays } = await loadSlaSettings(tx);
    const cutoff = new Date(now.getTime() - autoCloseDays * 86_400_000);
    const rows = await tx
      .select()
      .from(cases)
      .where(and(inArray(cases.status, [...COMPLETED_STATUSES]), lt(cases.completedAt, cutoff)))
      .orderBy(cases.completedAt)
      .limit(BATCH)
      .for('update', { skipLocked: true });
    const ctx = systemCtx('job:cases.autoclose');
    let closed = 0;
    for (const row of rows) {
      const check = checkCaseAction({ type: row.type, status: row.status, action: 'close', by: 'system' });
      if (!check.ok) continue;
      closed++;
      await tx
        .update(cases)
        .set({ status: 'closed', closedAt: now, version: row.version + 1, updatedAt: now })
        .where(eq(cases.id, row.id));
      await recordCaseEvent(tx, null, {
        caseId: row.id,
        kind: 'close',
        fromStatus: row.status,
        toStatus: 'closed',
        note: `auto: ${autoCloseDays}d`,
      });
      await notifyCustomer(tx, { customerId: row.customerId, kind: 'case_status', caseId: row.id, caseNo: row.caseNo });
      await recordAudit(tx, ctx, {
        action: 'case.close',
        entityType: 'case',
        entityId: row.caseNo,
        before: { status: row.status },
        after: { status: 'closed', auto: true },
      });
      await announceCase(tx, row.id);
    }
    return closed;
  });
}
