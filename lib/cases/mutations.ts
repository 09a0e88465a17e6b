import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { caseItems, cases, orderItems, orders, products } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import { authorize, can } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { env } from '@/lib/env';
import { AppError, expectVersion, NotFoundError, ValidationError } from '@/lib/errors';
import { orderAccessWhere } from '@/lib/orders/policy';
import { applyRefundToOrder } from '@/lib/orders/refunds';
import { policiesFor } from '@/lib/returns/policies';
import { evaluate, type Exclusion } from '@/lib/returns/policy-engine';
import { claimAttachments } from '@/lib/attachments';
import type { CaseFacts } from '@/lib/case-rules/conditions';
import { decidePriority, decideRoutingRule } from '@/lib/case-rules/evaluate';
import { loadCaseRulesInTx } from '@/lib/case-rules/load';
import { notifyCustomer, notifyStaff } from '@/lib/notifications';
import { ALWAYS_OPEN, dueAt } from '@/lib/sla/calendar';
import { loadSlaSettings } from '@/lib/sla/settings';
import { parseInput } from '@/lib/validation';
import { recordCaseEvent } from './events';
import { openClaimsByItem } from './claims';
import { announceCase } from './announce';
import { routeNewCase } from './assignment';
import { resumeClocks } from './clocks';
import { offerCsatSurvey } from '@/lib/feedback/surveys';
import { emailCustomerAboutCase } from './mail';
import { actorKind, lockVisibleCase } from './policy';
import { claimedPriceProblem, paidUnitCents, priceDifferenceCents } from './price-protection';
import { CaseActionInput, CreateCaseInput, ReturnTrackingInput } from './schemas';
import { replacementShipmentOf } from './shipments';
import { checkCaseAction, COMPLETED_STATUSES, initialStatus, waitingOnCustomer, type CaseStatus } from './workflow';

const REFUND_AFTER_RECEIPT_MINUTES = 7 * 24 * 60;

async function nextCaseNo(tx: Tx): Promise<string> {
  const r = rowsOf<{ n: string; d: string }>(
    await tx.execute(
      sql`select nextval('case_no_seq')::text as n, to_char(now() at time zone ${env().SHOP_TIMEZONE}, 'YYYYMMDD') as d`,
    ),
  )[0]!;
  return `AS-${r.d}-${r.n.padStart(4, '0')}`;
}

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
 * The body of createCase, in the caller's transaction, for verbs that open a case as part of a
 * larger change (a case opened from feedback links back to it in the same commit). The caller has
 * authorised the actor and parsed the input.
 */
export async function openCaseInTx(
  tx: Tx,
  ctx: Ctx,
  data: z.output<typeof CreateCaseInput>,
): Promise<{ id: number; caseNo: string }> {
  const actor = ctx.actor;
  const staff = can(actor, 'create:case:any');
  const [order] = await tx
    .select()
    .from(orders)
    .where(and(eq(orders.orderNo, data.orderNo.toUpperCase()), orderAccessWhere(actor)))
    .for('update');
  if (!order) throw new NotFoundError('order');

  const lines = await tx
    .select({ item: orderItems, product: products })
    .from(orderItems)
    .leftJoin(products, eq(products.id, orderItems.productId))
    .where(eq(orderItems.orderId, order.id));
  const claimed = await openClaimsByItem(tx, order.id);

  const errors: Record<string, string[]> = {};
  const chosen = data.items.map((it, i) => {
    const line = lines.find((l) => l.item.sku === it.sku);
    if (!line) {
      errors[`items.${i}.sku`] = ['item_not_in_order'];
      return null;
    }
    const taken = claimed.get(line.item.id) ?? 0;
    if (it.quantity > line.item.quantity - line.item.refundedQuantity - taken)
      errors[`items.${i}.quantity`] = ['quantity_exceeds_order'];
    // 价保 asks for a price difference: each line needs the lower price the customer saw.
    const claimProblem =
      data.type === 'price_protection' ? claimedPriceProblem(it.claimedUnitCents, paidUnitCents(line.item)) : null;
    if (claimProblem) errors[`items.${i}.claimedUnitCents`] = [claimProblem];
    return {
      line,
      quantity: it.quantity,
      claimedUnitCents: data.type === 'price_protection' ? it.claimedUnitCents : undefined,
    };
  });
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const goods = chosen.filter((c): c is NonNullable<typeof c> => !!c);
  // Compensation only moves no goods: items are optional context, as for refund-only and conversations.
  if (goods.length === 0 && !['complaint', 'inquiry', 'refund_only', 'compensation'].includes(data.type))
    throw new ValidationError({ items: ['items_required'] });

  // The policy answer for the case is the strictest among its items (or the order alone).
  const now = new Date();
  const policies = await policiesFor(
    tx,
    goods.map((g) => g.line.product?.category ?? ''),
  );
  const answers = (goods.length ? goods : [null]).map((g) =>
    evaluate({
      policy: g ? policies.get(g.line.product?.category ?? '') : undefined,
      type: data.type,
      reason: data.reason,
      now,
      timeZone: env().SHOP_TIMEZONE,
      item: {
        exclusion:
          g?.line.product && !g.line.product.returnable
            ? ((g.line.product.nonReturnableReason as Exclusion | null) ?? 'confirmed')
            : null,
        warrantyDays: g?.line.product?.warrantyDays ?? 0,
        deliveredAt: order.deliveredAt,
        purchasedAt: order.placedAt,
      },
    }),
  );
  const refused = answers.find((a) => !a.eligible);
  if (refused && !data.overrideReason) {
    // Staff who may override are asked for the reason; customers get the policy's "no".
    if (can(actor, 'override:policy:any')) throw new ValidationError({ overrideReason: ['override_reason_required'] });
    throw new AppError('not_eligible', undefined, { policy: refused.code, until: refused.until ?? '' });
  }
  const answer = refused ?? answers[0]!;

  // The admins' priority and routing rules (#18), read in this transaction with the customer's
  // history in one query: the first matching rule decides each.
  const rules = await loadCaseRulesInTx(tx, order.customerId);
  const facts: CaseFacts = {
    type: data.type,
    reason: data.reason,
    description: data.description,
    orderTotalCents: Number(order.totalCents),
    channel: order.channel,
    // The case's items; a complaint or question about the order as a whole: the order's.
    categories: (goods.length ? goods.map((g) => g.line) : lines)
      .map((l) => l.product?.category)
      .filter((c): c is string => !!c),
    customer: rules.customer,
  };
  const { priority } = decidePriority(rules.priorityRules, rules.defaultPriority, facts);
  const sla = await loadSlaSettings(tx);
  const targets = sla.targets[priority];
  const calendar = sla.calendar;
  const route = await routeNewCase(tx, data.type, decideRoutingRule(rules.routingRules, facts)?.teamId ?? null);
  const caseNo = await nextCaseNo(tx);
  const status = initialStatus(data.type);
  const [created] = await tx
    .insert(cases)
    .values({
      caseNo,
      orderId: order.id,
      customerId: order.customerId,
      type: data.type,
      reason: data.reason,
      description: data.description,
      status,
      priority,
      channel: staff ? 'desk' : 'portal',
      policyCode: answer.code,
      policyUntil: answer.until ?? null,
      policyOverrideReason: refused ? data.overrideReason : null,
      currency: order.currency,
      firstResponseDueAt: dueAt(now, targets.firstResponse, calendar),
      decisionDueAt: status === 'submitted' ? dueAt(now, targets.decision, calendar) : null,
      resolutionDueAt: dueAt(now, targets.resolution, calendar),
      teamId: route.teamId,
      assigneeId: route.assigneeId,
    })
    .returning({ id: cases.id });
  if (goods.length) {
    await tx.insert(caseItems).values(
      goods.map((g) => ({
        caseId: created!.id,
        orderItemId: g.line.item.id,
        quantity: g.quantity,
        claimedUnitCents: g.claimedUnitCents ?? null,
      })),
    );
  }
  await recordCaseEvent(tx, actor, {
    caseId: created!.id,
    kind: 'created',
    toStatus: status,
    note: refused ? `override: ${data.overrideReason}` : null,
    public: !refused,
  });
  await claimAttachments(tx, actor!.userId, data.attachments, { caseId: created!.id });
  if (route.assigneeId) {
    await recordCaseEvent(tx, null, { caseId: created!.id, kind: 'assigned', note: route.assigneeId, public: false });
    await notifyStaff(tx, {
      userIds: [route.assigneeId],
      kind: 'assigned',
      caseId: created!.id,
      caseNo,
      exceptUserId: actor!.userId,
    });
  }
  await emailCustomerAboutCase(
    tx,
    { id: created!.id, caseNo, customerId: order.customerId },
    { kind: 'created', status },
  );
  await announceCase(tx, created!.id);
  await recordAudit(tx, ctx, {
    action: 'case.create',
    entityType: 'case',
    entityId: caseNo,
    after: {
      orderNo: order.orderNo,
      type: data.type,
      reason: data.reason,
      priority,
      policy: answer.code,
      override: refused ? data.overrideReason : null,
      assigneeId: route.assigneeId,
      attachments: data.attachments.length,
    },
  });
  return { id: created!.id, caseNo };
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

export const CloseCasesInput = z.object({
  caseNos: z.array(z.string().trim().min(1).max(40)).min(1, 'required').max(200, 'too_many'),
});

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
