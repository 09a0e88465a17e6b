import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { caseItems, cases, orderItems, orders } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import { authorize, can } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { env } from '@/lib/env';
import { AppError, expectVersion, ValidationError } from '@/lib/errors';
import { applyRefundToOrder } from '@/lib/orders/refunds';
import { notifyCustomer, notifyStaff } from '@/lib/notifications';
import { ALWAYS_OPEN, dueAt } from '@/lib/sla/calendar';
import { loadSlaSettings } from '@/lib/sla/settings';
import { parseInput } from '@/lib/validation';
import { recordCaseEvent } from './events';
import { openCaseInTx } from './open-case';
import { announceCase } from './announce';
import { resumeClocks } from './clocks';
import { offerCsatSurvey } from '@/lib/feedback/surveys';
import { emailCustomerAboutCase } from './mail';
import { actorKind, lockVisibleCase } from './policy';
import { paidUnitCents, priceDifferenceCents } from './price-protection';
import { CaseActionInput, CloseCasesInput, CreateCaseInput, ReturnTrackingInput } from './schemas';
import { replacementShipmentOf } from './shipments';
import { checkCaseAction, COMPLETED_STATUSES, waitingOnCustomer, type CaseStatus } from './workflow';

// Verbs that open a case inside a larger change (feedback → case) import it from here too.
export { openCaseInTx };

const REFUND_AFTER_RECEIPT_MINUTES = 7 * 24 * 60;

/**
 * Opens an after-sales case on an order: a customer on their own order (portal), or staff on any
 * order (desk). The items must be in the order and within what was bought and not yet refunded or
 * claimed by another open case. The return-policy engine decides eligibility; staff may override
 * a "no" with a recorded reason, customers may not.
 */
export async function createCase({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ caseNo: string }> {
  const actor = ctx.actor;
  const staff = can(actor, 'create:case:any');
  if (!staff) authorize(actor, 'create:case:own');
  const data = parseInput(CreateCaseInput, input);
  if (data.overrideReason && !can(actor, 'override:policy:any'))
    throw new ValidationError({ overrideReason: ['invalid'] });

  return transaction(async (tx) => ({ caseNo: (await openCaseInTx(tx, ctx, data)).caseNo }));
}

/**
 * Takes one workflow action on a case. The workflow decides whether the action is possible now
 * and for this actor; side effects follow the action: decision and receipt times for the SLA,
 * the refund amount (never more than is left to refund), and the order's refund on confirmation.
 */
export async function applyCaseAction({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ status: CaseStatus; version: number }> {
  const actor = ctx.actor;
  if (!can(actor, 'update:case:any')) authorize(actor, 'act:case:own');
  const data = parseInput(CaseActionInput, input);
  return transaction(async (tx) => {
    const row = await lockVisibleCase(tx, actor, data.caseNo);
    expectVersion(row.version, data.version);
    const check = checkCaseAction({
      type: row.type,
      status: row.status,
      action: data.action,
      by: actorKind(actor!),
      appealUsed: row.appealUsed,
    });
    if (!check.ok) throw new AppError(check.code, undefined, { action: data.action, status: row.status });
    // The replacement ships with its carrier and tracking number: the customer follows the parcel by them.
    const shipment =
      data.action === 'confirm_shipment' ? replacementShipmentOf(data.carrier, data.trackingNo) : undefined;
    // A compensation-only case is resolved by the compensation it grants.
    if (data.action === 'resolve' && row.type === 'compensation' && Number(row.compensationCents) <= 0)
      throw new AppError('compensation_required');

    const now = new Date();
    const patch: Partial<typeof cases.$inferInsert> = { status: check.to, version: row.version + 1, updatedAt: now };
    if (shipment)
      Object.assign(patch, {
        replacementCarrier: shipment.carrier,
        replacementTrackingNo: shipment.trackingNo,
        replacementShippedAt: now,
      });
    if (data.action === 'approve' || data.action === 'reject') patch.decidedAt = now;
    if (data.action === 'appeal') patch.appealUsed = true;
    if (data.action === 'receive_return') {
      patch.receivedAt = now;
      patch.refundDueAt = dueAt(now, REFUND_AFTER_RECEIPT_MINUTES, ALWAYS_OPEN(env().SHOP_TIMEZONE));
    }
    if (COMPLETED_STATUSES.includes(check.to)) patch.completedAt = now;
    // closedAt: when the case ended, closed or withdrawn (the backlog counts it as finished then).
    if (check.to === 'closed' || check.to === 'cancelled') patch.closedAt = now;
    if (waitingOnCustomer(check.to)) patch.pausedSince = row.pausedSince ?? now;
    else if (row.pausedSince) Object.assign(patch, resumeClocks(row, now, (await loadSlaSettings(tx)).calendar));

    const items = await tx
      .select({ ci: caseItems, oi: orderItems })
      .from(caseItems)
      .innerJoin(orderItems, eq(orderItems.id, caseItems.orderItemId))
      .where(eq(caseItems.caseId, row.id));
    if (data.action === 'start_refund') {
      const [order] = await tx.select().from(orders).where(eq(orders.id, row.orderId));
      const remaining = Number(order!.totalCents) - Number(order!.refundedCents);
      const itemsValue = items.reduce(
        (s, { ci, oi }) => s + Math.round((Number(oi.lineTotalCents) / oi.quantity) * ci.quantity),
        0,
      );
      // 价保 refunds the price difference (the agent confirms or corrects it), never the goods' value.
      const suggested =
        row.type === 'price_protection'
          ? priceDifferenceCents(
              items.map(({ ci, oi }) => ({
                paidUnitCents: paidUnitCents(oi),
                claimedUnitCents: ci.claimedUnitCents === null ? null : Number(ci.claimedUnitCents),
                quantity: ci.quantity,
              })),
            )
          : items.length
            ? itemsValue
            : remaining;
      const amount = data.refundCents ?? Math.min(suggested, remaining);
      if (row.type === 'price_protection' && amount > itemsValue)
        throw new ValidationError({ refundCents: ['refund_exceeds_paid'] });
      if (amount <= 0 || amount > remaining) throw new ValidationError({ refundCents: ['refund_exceeds_paid'] });
      patch.refundCents = amount;
    }
    if (data.action === 'confirm_refund') {
      // Spread the refund over the case's items (up to their value); any rest is order-level (e.g. shipping).
      let left = Number(row.refundCents);
      const lines = items.map(({ ci, oi }) => {
        const cents = Math.min(left, Math.round((Number(oi.lineTotalCents) / oi.quantity) * ci.quantity));
        left -= cents;
        // A price difference gives money back without taking goods back: no refunded quantity.
        return { orderItemId: oi.id, quantity: row.type === 'price_protection' ? 0 : ci.quantity, cents };
      });
      await applyRefundToOrder(tx, ctx, {
        orderId: row.orderId,
        lines,
        totalCents: Number(row.refundCents),
        caseNo: row.caseNo,
      });
      if (lines.length) {
        for (const l of lines)
          await tx
            .update(caseItems)
            .set({ refundCents: l.cents })
            .where(and(eq(caseItems.caseId, row.id), eq(caseItems.orderItemId, l.orderItemId)));
      }
    }
    const [after] = await tx
      .update(cases)
      .set(patch)
      .where(eq(cases.id, row.id))
      .returning({ version: cases.version, status: cases.status });
    await recordCaseEvent(tx, actor, {
      caseId: row.id,
      kind: data.action,
      fromStatus: row.status,
      toStatus: check.to,
      note:
        [shipment ? `${shipment.carrier} ${shipment.trackingNo}` : null, data.note].filter(Boolean).join('\n') || null,
    });
    await emailCustomerAboutCase(tx, row, { kind: 'status', status: check.to, shipment });
    // The portal bell, unless the customer took the step themselves (cancel, appeal, confirm).
    await notifyCustomer(tx, {
      customerId: row.customerId,
      kind: 'case_status',
      caseId: row.id,
      caseNo: row.caseNo,
      exceptUserId: actor!.userId,
    });
    // Resolved: ask the customer how we did (once per case; the score counts for the assignee).
    if (COMPLETED_STATUSES.includes(check.to)) await offerCsatSurvey(tx, row);
    await announceCase(tx, row.id);
    await recordAudit(tx, ctx, {
      action: `case.${data.action}`,
      entityType: 'case',
      entityId: row.caseNo,
      before: { status: row.status },
      after: { status: check.to, refundCents: patch.refundCents, note: data.note, shipment },
    });
    return { status: after!.status, version: after!.version };
  });
}

/**
 * The customer (or an agent on their behalf) records how the goods were sent back while the case
 * awaits the return. The status stays: receipt is confirmed by the warehouse, not by the sender.
 */
export async function setReturnTracking({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  const actor = ctx.actor;
  if (!can(actor, 'update:case:any')) authorize(actor, 'act:case:own');
  const data = parseInput(ReturnTrackingInput, input);
  await transaction(async (tx) => {
    const row = await lockVisibleCase(tx, actor, data.caseNo);
    if (row.status !== 'awaiting_return') throw new AppError('return_not_expected', undefined, { status: row.status });
    const trackingNo = data.trackingNo.toUpperCase();
    await tx
      .update(cases)
      .set({
        returnCarrier: data.carrier,
        returnTrackingNo: trackingNo,
        version: row.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(cases.id, row.id));
    await recordCaseEvent(tx, actor, { caseId: row.id, kind: 'return_shipped', note: `${data.carrier} ${trackingNo}` });
    if (actorKind(actor!) === 'customer')
      await notifyStaff(tx, {
        userIds: [row.assigneeId],
        kind: 'customer_replied',
        caseId: row.id,
        caseNo: row.caseNo,
      });
    await announceCase(tx, row.id);
    await recordAudit(tx, ctx, {
      action: 'case.return_tracking',
      entityType: 'case',
      entityId: row.caseNo,
      before: { carrier: row.returnCarrier, trackingNo: row.returnTrackingNo },
      after: { carrier: data.carrier, trackingNo },
    });
  });
}

/**
 * Closes many cases from the queue. Only cases the workflow lets this actor close now (completed
 * ones) are closed; the others are reported as skipped, untouched.
 */
export async function closeCases({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ closed: number; skipped: number }> {
  const actor = authorize(ctx.actor, 'update:case:any');
  const data = parseInput(CloseCasesInput, input);
  return transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(cases)
      .where(inArray(cases.caseNo, [...new Set(data.caseNos.map((c) => c.toUpperCase()))]))
      .orderBy(cases.id)
      .for('update');
    const now = new Date();
    let closed = 0;
    for (const row of rows) {
      const check = checkCaseAction({ type: row.type, status: row.status, action: 'close', by: actorKind(actor) });
      if (!check.ok) continue;
      closed++;
      await tx
        .update(cases)
        .set({ status: 'closed', closedAt: now, version: row.version + 1, updatedAt: now })
        .where(eq(cases.id, row.id));
      await recordCaseEvent(tx, actor, { caseId: row.id, kind: 'close', fromStatus: row.status, toStatus: 'closed' });
      await notifyCustomer(tx, { customerId: row.customerId, kind: 'case_status', caseId: row.id, caseNo: row.caseNo });
      await recordAudit(tx, ctx, {
        action: 'case.close',
        entityType: 'case',
        entityId: row.caseNo,
        before: { status: row.status },
        after: { status: 'closed' },
      });
      await announceCase(tx, row.id);
    }
    // Skipped counts distinct cases asked for: the same number twice is one case, not one skip.
    return { closed, skipped: new Set(data.caseNos.map((c) => c.toUpperCase())).size - closed };
  });
}
