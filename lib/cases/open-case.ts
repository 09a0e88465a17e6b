import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Tx } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { caseItems, cases, orderItems, orders, products } from '@/db/schema';
import { claimAttachments } from '@/lib/attachments';
import { recordAudit } from '@/lib/audit';
import { can, type Actor } from '@/lib/authz';
import type { CaseFacts } from '@/lib/case-rules/conditions';
import { decidePriority, decideRoutingRule } from '@/lib/case-rules/evaluate';
import { loadCaseRulesInTx } from '@/lib/case-rules/load';
import type { Ctx } from '@/lib/context';
import { env } from '@/lib/env';
import { AppError, NotFoundError, ValidationError } from '@/lib/errors';
import { notifyStaff } from '@/lib/notifications';
import { orderAccessWhere } from '@/lib/orders/policy';
import { policiesFor } from '@/lib/returns/policies';
import { evaluate, type Exclusion, type PolicyAnswer } from '@/lib/returns/policy-engine';
import { dueAt } from '@/lib/sla/calendar';
import { loadSlaSettings } from '@/lib/sla/settings';
import { announceCase } from './announce';
import { routeNewCase } from './assignment';
import { openClaimsByItem } from './claims';
import { recordCaseEvent } from './events';
import { emailCustomerAboutCase } from './mail';
import { claimedPriceProblem, paidUnitCents } from './price-protection';
import type { Priority } from './priority';
import type { CreateCaseInput } from './schemas';
import { initialStatus } from './workflow';

type NewCase = z.output<typeof CreateCaseInput>;
type Order = typeof orders.$inferSelect;
type Line = { item: typeof orderItems.$inferSelect; product: typeof products.$inferSelect | null };
type ClaimedItem = { line: Line; quantity: number; claimedUnitCents: number | undefined };

/** Types that move no goods: items are optional context (refund-only, compensation, conversations). */
const ITEMS_OPTIONAL: readonly string[] = ['complaint', 'inquiry', 'refund_only', 'compensation'];

/**
 * The body of createCase, in the caller's transaction, for verbs that open a case as part of a
 * larger change (a case opened from feedback links back to it in the same commit). The caller has
 * authorised the actor and parsed the input. Each step below is one decision: which items, what
 * the policy says, which priority and team, then the rows and what follows from them.
 */
export async function openCaseInTx(tx: Tx, ctx: Ctx, data: NewCase): Promise<{ id: number; caseNo: string }> {
  const actor = ctx.actor;
  const order = await lockOrderForCase(tx, actor, data.orderNo);
  const { lines, goods } = await claimedItems(tx, order, data);
  const now = new Date();
  const { answer, refused } = await policyAnswer(tx, ctx, order, goods, data, now);
  const { priority, route } = await priorityAndRoute(tx, order, lines, goods, data);
  const created = await insertCase(tx, { actor, order, goods, data, now, answer, refused, priority, route });
  await afterOpening(tx, ctx, { ...created, order, data, answer, refused, priority, route });
  return { id: created.id, caseNo: created.caseNo };
}

async function nextCaseNo(tx: Tx): Promise<string> {
  const r = rowsOf<{ n: string; d: string }>(
    await tx.execute(
      sql`select nextval('case_no_seq')::text as n, to_char(now() at time zone ${env().SHOP_TIMEZONE}, 'YYYYMMDD') as d`,
    ),
  )[0]!;
  return `AS-${r.d}-${r.n.padStart(4, '0')}`;
}

/** The order, locked for the rest of the transaction; "not found" for one the actor may not see. */
async function lockOrderForCase(tx: Tx, actor: Actor | null, orderNo: string): Promise<Order> {
  const [order] = await tx
    .select()
    .from(orders)
    .where(and(eq(orders.orderNo, orderNo.toUpperCase()), orderAccessWhere(actor)))
    .for('update');
  if (!order) throw new NotFoundError('order');
  return order;
}

/**
 * The order's lines and the ones this case claims: each must be in the order and within what was
 * bought, not yet refunded and not held by another open case; 价保 lines need the lower price seen.
 */
async function claimedItems(tx: Tx, order: Order, data: NewCase): Promise<{ lines: Line[]; goods: ClaimedItem[] }> {
  const lines = await tx
    .select({ item: orderItems, product: products })
    .from(orderItems)
    .leftJoin(products, eq(products.id, orderItems.productId))
    .where(eq(orderItems.orderId, order.id));
  const claimed = await openClaimsByItem(tx, order.id);
  const errors: Record<string, string[]> = {};
  const chosen = data.items.map((it, i): ClaimedItem | null => {
    const line = lines.find((l) => l.item.sku === it.sku);
    if (!line) {
      errors[`items.${i}.sku`] = ['item_not_in_order'];
      return null;
    }
    const taken = claimed.get(line.item.id) ?? 0;
    if (it.quantity > line.item.quantity - line.item.refundedQuantity - taken)
      errors[`items.${i}.quantity`] = ['quantity_exceeds_order'];
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
  const goods = chosen.filter((c): c is ClaimedItem => !!c);
  if (goods.length === 0 && !ITEMS_OPTIONAL.includes(data.type))
    throw new ValidationError({ items: ['items_required'] });
  return { lines, goods };
}

/**
 * The policy answer for the case: the strictest among its items (or the order alone). A "no"
 * stops a customer; staff who may override must give the reason, which is then recorded.
 */
async function policyAnswer(tx: Tx, ctx: Ctx, order: Order, goods: ClaimedItem[], data: NewCase, now: Date) {
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
    if (can(ctx.actor, 'override:policy:any'))
      throw new ValidationError({ overrideReason: ['override_reason_required'] });
    throw new AppError('not_eligible', undefined, { policy: refused.code, until: refused.until ?? '' });
  }
  return { answer: (refused ?? answers[0]!) as PolicyAnswer, refused: !!refused };
}

/**
 * The admins' priority and routing rules (#18), read in this transaction with the customer's
 * history in one query: the first matching rule decides each; routing then picks the member.
 */
async function priorityAndRoute(tx: Tx, order: Order, lines: Line[], goods: ClaimedItem[], data: NewCase) {
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
  const route = await routeNewCase(tx, data.type, decideRoutingRule(rules.routingRules, facts)?.teamId ?? null);
  return { priority, route };
}

type Route = Awaited<ReturnType<typeof routeNewCase>>;

/** The case row (with its SLA deadlines from the priority's targets) and its items. */
async function insertCase(
  tx: Tx,
  c: {
    actor: Actor | null;
    order: Order;
    goods: ClaimedItem[];
    data: NewCase;
    now: Date;
    answer: PolicyAnswer;
    refused: boolean;
    priority: Priority;
    route: Route;
  },
): Promise<{ id: number; caseNo: string; status: ReturnType<typeof initialStatus> }> {
  const sla = await loadSlaSettings(tx);
  const targets = sla.targets[c.priority];
  const caseNo = await nextCaseNo(tx);
  const status = initialStatus(c.data.type);
  const [created] = await tx
    .insert(cases)
    .values({
      caseNo,
      orderId: c.order.id,
      customerId: c.order.customerId,
      type: c.data.type,
      reason: c.data.reason,
      description: c.data.description,
      status,
      priority: c.priority,
      channel: can(c.actor, 'create:case:any') ? 'desk' : 'portal',
      policyCode: c.answer.code,
      policyUntil: c.answer.until ?? null,
      policyOverrideReason: c.refused ? c.data.overrideReason : null,
      currency: c.order.currency,
      firstResponseDueAt: dueAt(c.now, targets.firstResponse, sla.calendar),
      decisionDueAt: status === 'submitted' ? dueAt(c.now, targets.decision, sla.calendar) : null,
      resolutionDueAt: dueAt(c.now, targets.resolution, sla.calendar),
      teamId: c.route.teamId,
      assigneeId: c.route.assigneeId,
    })
    .returning({ id: cases.id });
  if (c.goods.length) {
    await tx.insert(caseItems).values(
      c.goods.map((g) => ({
        caseId: created!.id,
        orderItemId: g.line.item.id,
        quantity: g.quantity,
        claimedUnitCents: g.claimedUnitCents ?? null,
      })),
    );
  }
  return { id: created!.id, caseNo, status };
}

/** What follows from a new case: timeline, attachments, the assignee's bell, the e-mail, live lists, audit. */
async function afterOpening(
  tx: Tx,
  ctx: Ctx,
  c: {
    id: number;
    caseNo: string;
    status: ReturnType<typeof initialStatus>;
    order: Order;
    data: NewCase;
    answer: PolicyAnswer;
    refused: boolean;
    priority: Priority;
    route: Route;
  },
): Promise<void> {
  const actor = ctx.actor;
  await recordCaseEvent(tx, actor, {
    caseId: c.id,
    kind: 'created',
    toStatus: c.status,
    note: c.refused ? `override: ${c.data.overrideReason}` : null,
    public: !c.refused,
  });
  await claimAttachments(tx, actor!.userId, c.data.attachments, { caseId: c.id });
  if (c.route.assigneeId) {
    await recordCaseEvent(tx, null, { caseId: c.id, kind: 'assigned', note: c.route.assigneeId, public: false });
    await notifyStaff(tx, {
      userIds: [c.route.assigneeId],
      kind: 'assigned',
      caseId: c.id,
      caseNo: c.caseNo,
      exceptUserId: actor!.userId,
    });
  }
  await emailCustomerAboutCase(
    tx,
    { id: c.id, caseNo: c.caseNo, customerId: c.order.customerId },
    { kind: 'created', status: c.status },
  );
  await announceCase(tx, c.id);
  await recordAudit(tx, ctx, {
    action: 'case.create',
    entityType: 'case',
    entityId: c.caseNo,
    after: {
      orderNo: c.order.orderNo,
      type: c.data.type,
      reason: c.data.reason,
      priority: c.priority,
      policy: c.answer.code,
      override: c.refused ? c.data.overrideReason : null,
      assigneeId: c.route.assigneeId,
      attachments: c.data.attachments.length,
    },
  });
}
