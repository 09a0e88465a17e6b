import 'server-only';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Queryable, Tx } from '@/db/client';
import { caseCompensations, cases, users } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import { authorize, can, ROLE_PERMISSIONS, ROLES } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { AppError, expectVersion } from '@/lib/errors';
import { notifyStaff } from '@/lib/notifications';
import { compensationApprovalCents } from '@/lib/shop/settings';
import { parseInput } from '@/lib/validation';
import { recordCaseEvent } from './events';
import { announceCase } from './announce';
import { lockVisibleCase } from './policy';
import {
  DecideCompensationInput,
  RecordCompensationInput,
  ReturnFreightInput,
  type CompensationMethod,
} from './schemas';

/**
 * After-sales money beyond the refund (#18 item 6): compensations (coupon, cash, points) and who
 * pays the return freight. Reports read both from the case row — cases.compensation_cents (the sum
 * of approved compensations, kept here in the same transaction as each decision) and
 * cases.return_freight_cents with its payer — so the rollup trigger re-rolls the case's days on
 * every change and the dashboards never scan this table.
 */

export type CompensationDto = {
  id: number;
  version: number;
  amountCents: number;
  method: CompensationMethod;
  reason: string;
  status: 'pending_approval' | 'approved' | 'rejected';
  recordedBy: string;
  decidedBy: string | null;
  decisionNote: string | null;
  createdAt: string;
  decidedAt: string | null;
};

/** Roles whose users may approve and see cases: who hears about a compensation waiting for approval. */
const APPROVER_ROLES = ROLES.filter(
  (r) => ROLE_PERMISSIONS[r].includes('approve:compensation:any') && ROLE_PERMISSIONS[r].includes('read:case:any'),
);

async function notifyApprovers(tx: Tx, c: { id: number; caseNo: string }, exceptUserId: string) {
  const approvers = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.role, APPROVER_ROLES)));
  await notifyStaff(tx, {
    userIds: approvers.map((u) => u.id),
    kind: 'compensation_pending',
    caseId: c.id,
    caseNo: c.caseNo,
    exceptUserId,
  });
}

/** A case that was withdrawn gets no money; closed ones may (goodwill after the fact is common). */
function assertOpenForMoney(row: { status: string }) {
  if (row.status === 'cancelled') throw new AppError('case_cancelled');
}

/** The timeline note: the amount only (the method and reason are on the case page, in the reader's language). */
const amountNote = (cents: number, currency: string) => `${currency} ${(cents / 100).toFixed(2)}`;

/**
 * Staff record a compensation on a case. Up to the shop's threshold — or by someone who may approve
 * — it is approved at once and counts; above it, it waits for an approver (who is notified).
 */
export async function recordCompensation({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ id: number; status: CompensationDto['status'] }> {
  const actor = authorize(ctx.actor, 'update:case:any');
  const data = parseInput(RecordCompensationInput, input);
  return transaction(async (tx) => {
    const row = await lockVisibleCase(tx, actor, data.caseNo);
    assertOpenForMoney(row);
    const threshold = await compensationApprovalCents(tx);
    const needsApproval = data.amountCents > threshold && !can(actor, 'approve:compensation:any');
    const now = new Date();
    const [created] = await tx
      .insert(caseCompensations)
      .values({
        caseId: row.id,
        amountCents: data.amountCents,
        currency: row.currency,
        method: data.method,
        reason: data.reason,
        status: needsApproval ? 'pending_approval' : 'approved',
        recordedById: actor.userId,
        recordedByLabel: actor.name,
        // Approved at once: recorded within the threshold, or by someone who may approve it.
        ...(needsApproval ? {} : { decidedById: actor.userId, decidedByLabel: actor.name, decidedAt: now }),
      })
      .returning({ id: caseCompensations.id, status: caseCompensations.status });
    await tx
      .update(cases)
      .set({
        ...(needsApproval ? {} : { compensationCents: sql`${cases.compensationCents} + ${data.amountCents}` }),
        version: row.version + 1,
        updatedAt: now,
      })
      .where(eq(cases.id, row.id));
    await recordCaseEvent(tx, actor, {
      caseId: row.id,
      kind: needsApproval ? 'compensation_pending' : 'compensation_granted',
      note: amountNote(data.amountCents, row.currency),
      // The customer hears of a compensation once it is granted, never of one still under review.
      public: !needsApproval,
    });
    if (needsApproval) await notifyApprovers(tx, row, actor.userId);
    await announceCase(tx, row.id);
    await recordAudit(tx, ctx, {
      action: 'case.compensation.record',
      entityType: 'case',
      entityId: row.caseNo,
      after: {
        compensationId: created!.id,
        amountCents: data.amountCents,
        method: data.method,
        reason: data.reason,
        status: created!.status,
        thresholdCents: threshold,
      },
    });
    return { id: created!.id, status: created!.status };
  });
}

/** An approver approves or rejects a compensation waiting for approval. Audited either way. */
export async function decideCompensation({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ status: CompensationDto['status'] }> {
  const actor = authorize(ctx.actor, 'approve:compensation:any');
  const data = parseInput(DecideCompensationInput, input);
  return transaction(async (tx) => {
    const row = await lockVisibleCase(tx, actor, data.caseNo);
    const [comp] = await tx
      .select()
      .from(caseCompensations)
      .where(and(eq(caseCompensations.id, data.compensationId), eq(caseCompensations.caseId, row.id)))
      .for('update');
    if (!comp) throw new AppError('not_found');
    expectVersion(comp.version, data.version);
    if (comp.status !== 'pending_approval')
      throw new AppError('compensation_decided', undefined, { status: comp.status });
    const approve = data.decision === 'approve';
    if (approve) assertOpenForMoney(row);
    const status = approve ? 'approved' : 'rejected';
    const now = new Date();
    await tx
      .update(caseCompensations)
      .set({
        status,
        decidedById: actor.userId,
        decidedByLabel: actor.name,
        decidedAt: now,
        decisionNote: data.note ?? null,
        version: comp.version + 1,
      })
      .where(eq(caseCompensations.id, comp.id));
    await tx
      .update(cases)
      .set({
        ...(approve ? { compensationCents: sql`${cases.compensationCents} + ${Number(comp.amountCents)}` } : {}),
        version: row.version + 1,
        updatedAt: now,
      })
      .where(eq(cases.id, row.id));
    await recordCaseEvent(tx, actor, {
      caseId: row.id,
      kind: approve ? 'compensation_granted' : 'compensation_rejected',
      note: amountNote(Number(comp.amountCents), comp.currency) + (data.note ? `\n${data.note}` : ''),
      public: approve,
    });
    await notifyStaff(tx, {
      userIds: [comp.recordedById],
      kind: 'compensation_decided',
      caseId: row.id,
      caseNo: row.caseNo,
      exceptUserId: actor.userId,
    });
    await announceCase(tx, row.id);
    await recordAudit(tx, ctx, {
      action: `case.compensation.${data.decision}`,
      entityType: 'case',
      entityId: row.caseNo,
      before: { compensationId: comp.id, status: comp.status },
      after: { compensationId: comp.id, status, amountCents: Number(comp.amountCents), note: data.note },
    });
    return { status };
  });
}

/**
 * Staff record who pays the return postage and how much. Only the shop's share is an after-sales
 * cost (the rollups count return_freight_cents where the payer is the shop).
 */
export async function setReturnFreight({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  const actor = authorize(ctx.actor, 'update:case:any');
  const data = parseInput(ReturnFreightInput, input);
  await transaction(async (tx) => {
    const row = await lockVisibleCase(tx, actor, data.caseNo);
    assertOpenForMoney(row);
    await tx
      .update(cases)
      .set({
        returnFreightPayer: data.payer,
        returnFreightCents: data.amountCents,
        version: row.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(cases.id, row.id));
    await recordCaseEvent(tx, actor, {
      caseId: row.id,
      kind: `return_freight_${data.payer}`,
      note: amountNote(data.amountCents, row.currency),
      public: false,
    });
    await announceCase(tx, row.id);
    await recordAudit(tx, ctx, {
      action: 'case.return_freight',
      entityType: 'case',
      entityId: row.caseNo,
      before: { payer: row.returnFreightPayer, amountCents: Number(row.returnFreightCents) },
      after: { payer: data.payer, amountCents: data.amountCents },
    });
  });
}

/** A case's compensations, oldest first; customers see only the granted ones. */
/** `caseId` may be a subquery for it (the case page reads everything at once). */
export async function compensationsOfCase(
  db: Queryable,
  caseId: number | SQL,
  staff: boolean,
): Promise<CompensationDto[]> {
  const rows = await db
    .select()
    .from(caseCompensations)
    .where(and(eq(caseCompensations.caseId, caseId), staff ? undefined : eq(caseCompensations.status, 'approved')))
    .orderBy(asc(caseCompensations.createdAt), asc(caseCompensations.id));
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    amountCents: Number(r.amountCents),
    method: r.method,
    // The reason and the people are the shop's business; the customer sees amount and method.
    reason: staff ? r.reason : '',
    status: r.status,
    recordedBy: staff ? r.recordedByLabel : '',
    decidedBy: staff ? r.decidedByLabel : null,
    decisionNote: staff ? r.decisionNote : null,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
  }));
}
