import 'server-only';
import { AddCaseMessageInput, AssignCaseInput, UpdateCaseFlagsInput } from './schemas';
import { recordCaseEvent } from './events';
import { and, eq, inArray } from 'drizzle-orm';
import { caseMessages, cases, users } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import { authorize, can, permissionsOf, rolesWith } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import { claimAttachments } from '@/lib/attachments';
import { notifyCustomer, notifyStaff } from '@/lib/notifications';
import { loadSlaSettings } from '@/lib/sla/settings';
import { hasUnfilledVariables } from '@/lib/replies/variables';
import { announceCase } from './announce';
import { resumeClocks } from './clocks';
import { emailCustomerAboutCase } from './mail';
import { lockVisibleCase } from './policy';
import type { CaseStatus } from './workflow';

/**
 * A reply or an internal note. A staff reply stops the first-response clock. A customer's reply
 * moves a case waiting on them back to the agents, and reopens a resolved conversation.
 */
export async function addCaseMessage({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ status: CaseStatus }> {
  const actor = ctx.actor;
  const staff = can(actor, 'update:case:any');
  if (!staff) authorize(actor, 'act:case:own');
  const data = parseInput(AddCaseMessageInput, input);
  if (data.internal && !staff) throw new ValidationError({ internal: ['invalid'] });
  // A canned reply's {{variables}} that the case could not fill must not reach the customer as such.
  if (staff && !data.internal && hasUnfilledVariables(data.body))
    throw new ValidationError({ body: ['unfilled_variables'] });
  return transaction(async (tx) => {
    const row = await lockVisibleCase(tx, actor, data.caseNo);
    if (row.status === 'closed' || row.status === 'cancelled') throw new ValidationError({ body: ['case_closed'] });
    const [message] = await tx
      .insert(caseMessages)
      .values({
        caseId: row.id,
        authorId: actor!.userId,
        authorLabel: actor!.name,
        authorKind: staff ? 'agent' : 'customer',
        body: data.body,
        internal: data.internal,
      })
      .returning({ id: caseMessages.id });
    await claimAttachments(tx, actor!.userId, data.attachments, { caseId: row.id, messageId: message!.id });
    let status: CaseStatus = row.status;
    const now = new Date();
    const patch: Partial<typeof cases.$inferInsert> = { updatedAt: now, version: row.version + 1 };
    if (staff && !data.internal && !row.firstRespondedAt) patch.firstRespondedAt = now;
    if (!staff && (row.status === 'pending_customer' || row.status === 'resolved')) {
      status = 'open';
      patch.status = status;
      Object.assign(patch, resumeClocks(row, now, (await loadSlaSettings(tx)).calendar));
      patch.pausedSince = null;
      patch.completedAt = null;
      await recordCaseEvent(tx, actor, {
        caseId: row.id,
        kind: row.status === 'resolved' ? 'reopen' : 'customer_reply',
        fromStatus: row.status,
        toStatus: status,
      });
    }
    await tx.update(cases).set(patch).where(eq(cases.id, row.id));
    if (!staff)
      await notifyStaff(tx, {
        userIds: [row.assigneeId],
        kind: 'customer_replied',
        caseId: row.id,
        caseNo: row.caseNo,
      });
    if (staff && !data.internal) {
      await emailCustomerAboutCase(tx, row, { kind: 'reply', status, body: data.body });
      // The portal bell; an internal note never reaches the customer, not even as a notice.
      await notifyCustomer(tx, {
        customerId: row.customerId,
        kind: 'case_reply',
        caseId: row.id,
        caseNo: row.caseNo,
      });
    }
    await announceCase(tx, row.id);
    await recordAudit(tx, ctx, {
      action: data.internal ? 'case.note' : 'case.reply',
      entityType: 'case',
      entityId: row.caseNo,
      after: { length: data.body.length, status, attachments: data.attachments.length },
    });
    return { status };
  });
}

/** Assigns one case, or many from the queue, to a member of staff who works the desk (or unassigns). */
export async function assignCase({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ updated: number }> {
  authorize(ctx.actor, 'update:case:any');
  const data = parseInput(AssignCaseInput, input);
  const caseNos = [
    ...new Set([...(data.caseNos ?? []), ...(data.caseNo ? [data.caseNo] : [])].map((c) => c.toUpperCase())),
  ];
  return transaction(async (tx) => {
    if (data.assigneeId) {
      const [u] = await tx
        .select({ role: users.role, active: users.active })
        .from(users)
        .where(eq(users.id, data.assigneeId));
      if (!u || !u.active || !permissionsOf(u.role).has('update:case:any'))
        throw new ValidationError({ assigneeId: ['invalid_assignee'] });
    }
    const rows = await tx.select().from(cases).where(inArray(cases.caseNo, caseNos)).orderBy(cases.id).for('update');
    if (rows.length === 0) throw new NotFoundError('case');
    let updated = 0;
    for (const row of rows) {
      if (row.assigneeId === data.assigneeId) continue;
      updated++;
      await tx
        .update(cases)
        .set({ assigneeId: data.assigneeId, version: row.version + 1, updatedAt: new Date() })
        .where(eq(cases.id, row.id));
      await announceCase(tx, row.id);
      await recordCaseEvent(tx, ctx.actor, { caseId: row.id, kind: 'assigned', note: data.assigneeId, public: false });
      await notifyStaff(tx, {
        userIds: [data.assigneeId],
        kind: 'assigned',
        caseId: row.id,
        caseNo: row.caseNo,
        exceptUserId: ctx.actor!.userId,
      });
      await recordAudit(tx, ctx, {
        action: 'case.assign',
        entityType: 'case',
        entityId: row.caseNo,
        before: { assigneeId: row.assigneeId },
        after: { assigneeId: data.assigneeId },
      });
    }
    return { updated };
  });
}

/** Priority and escalation for one or many cases (bulk from the queue). */
export async function updateCaseFlags({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ updated: number }> {
  authorize(ctx.actor, 'update:case:any');
  const data = parseInput(UpdateCaseFlagsInput, input);
  if (data.priority === undefined && data.escalated === undefined)
    throw new ValidationError({ priority: ['required'] });
  return transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(cases)
      .where(
        inArray(
          cases.caseNo,
          data.caseNos.map((c) => c.toUpperCase()),
        ),
      )
      .orderBy(cases.id)
      .for('update');
    let supervisors: string[] | null = null;
    for (const row of rows) {
      const after = { priority: data.priority ?? row.priority, escalated: data.escalated ?? row.escalated };
      if (after.priority === row.priority && after.escalated === row.escalated) continue;
      await tx
        .update(cases)
        .set({ ...after, version: row.version + 1, updatedAt: new Date() })
        .where(eq(cases.id, row.id));
      if (after.escalated && !row.escalated) {
        supervisors ??= (
          await tx
            .select({ id: users.id })
            .from(users)
            .where(and(inArray(users.role, rolesWith('supervise:case:any')), eq(users.active, true)))
        ).map((u) => u.id);
        await recordCaseEvent(tx, ctx.actor, { caseId: row.id, kind: 'escalated', public: false });
        await notifyStaff(tx, {
          userIds: supervisors,
          kind: 'escalated',
          caseId: row.id,
          caseNo: row.caseNo,
          exceptUserId: ctx.actor!.userId,
        });
      }
      await announceCase(tx, row.id);
      await recordAudit(tx, ctx, {
        action: 'case.flags',
        entityType: 'case',
        entityId: row.caseNo,
        before: { priority: row.priority, escalated: row.escalated },
        after,
      });
    }
    return { updated: rows.length };
  });
}
