import { and, inArray, isNotNull, sql } from 'drizzle-orm';
import { DEFAULT_SLA_TARGETS } from '@/lib/sla/calendar';
import type { Db } from '../client';
import { rowsOf } from '../rows';
import { caseCompensations, caseEvents, caseItems, caseMessages, cases, orderItems, orders, users } from '../schema';
import { CARRIERS } from './catalog';
import { createRandom, pickWeighted, type Random } from './random';

type CaseRow = typeof cases.$inferInsert;
type Status = NonNullable<CaseRow['status']>;
type CaseType = CaseRow['type'];

/** Where seeded cases of each type may stand, in workflow order. */
const PATHS: Record<CaseType, Status[]> = {
  refund_only: ['submitted', 'approved', 'refunding', 'refunded', 'closed'],
  return_refund: [
    'submitted',
    'approved',
    'awaiting_return',
    'received',
    'inspected',
    'refunding',
    'refunded',
    'closed',
  ],
  exchange: [
    'submitted',
    'approved',
    'awaiting_return',
    'received',
    'shipping_replacement',
    'replacement_shipped',
    'delivered',
    'closed',
  ],
  repair: ['submitted', 'approved', 'awaiting_return', 'repairing', 'repaired_shipped', 'closed'],
  reissue: ['submitted', 'approved', 'shipping_replacement', 'replacement_shipped', 'delivered', 'closed'],
  price_protection: ['submitted', 'approved', 'refunding', 'refunded', 'closed'],
  compensation: ['submitted', 'approved', 'resolved', 'closed'],
  complaint: ['open', 'pending_customer', 'open', 'resolved', 'closed'],
  inquiry: ['open', 'resolved', 'closed'],
};
const TYPES: [CaseType, number][] = [
  ['return_refund', 35],
  ['refund_only', 20],
  ['exchange', 15],
  ['repair', 8],
  ['reissue', 7],
  ['price_protection', 6],
  ['compensation', 5],
  ['complaint', 8],
  ['inquiry', 7],
];
const REASONS: Record<CaseType, string[]> = {
  return_refund: ['no_reason', 'no_reason', 'quality_issue', 'not_as_described'],
  refund_only: ['damaged_in_transit', 'missing_item', 'quality_issue'],
  exchange: ['quality_issue', 'wrong_item', 'not_as_described'],
  repair: ['quality_issue'],
  reissue: ['missing_item', 'not_received', 'damaged_in_transit'],
  price_protection: ['price_drop'],
  compensation: ['damaged_in_transit', 'not_as_described', 'other'],
  complaint: ['other'],
  inquiry: ['other'],
};
const TEXT: Record<CaseType, string[]> = {
  return_refund: ['尺码不合适，未拆封', '颜色与图片差别较大', 'Changed my mind, unopened', '质量不好，有异味'],
  refund_only: ['包裹破损，商品摔坏了', '少发了一件', 'Arrived broken'],
  exchange: ['屏幕有坏点，想换新', '发错颜色了', 'Wrong size sent'],
  repair: ['用了一个月无法开机', '充电接口接触不良'],
  reissue: ['物流显示签收但没收到', '配件缺失'],
  price_protection: [
    '买完第三天就降价了，申请价保',
    '活动价比我买的便宜 50 元',
    'Price dropped two days after I bought it',
  ],
  compensation: ['外包装压坏了，商品能用，希望补偿', '晚到了一周', 'Box was crushed but the item works'],
  complaint: ['快递员态度很差', '客服回复太慢', 'Courier left the parcel in the rain'],
  inquiry: ['发票怎么开？', '保修期多久？', 'Do you ship to Hong Kong?'],
};

/** Statuses past the return leg: the goods came back, so the return postage is known. */
const RETURNED: readonly Status[] = [
  'received',
  'inspected',
  'needs_action',
  'refunding',
  'refunded',
  'shipping_replacement',
  'replacement_shipped',
  'delivered',
  'repairing',
  'repaired_shipped',
  'closed',
];
const METHODS = ['coupon', 'cash', 'points'] as const;
const COMP_REASONS = ['外包装破损致歉', '物流延误补偿', '客服响应慢致歉', 'Goodwill for the delay'];

type Money = {
  compensation: { amountCents: number; method: (typeof METHODS)[number]; pending: boolean } | null;
  freight: { payer: 'shop' | 'customer'; cents: number } | null;
  replacement: { carrier: string; trackingNo: string } | null;
};

/**
 * The money around a seeded case (#18), from its own random stream so the cases themselves stay
 * as they were: compensations (all compensation-only cases once approved, some others; a few
 * above the demo threshold wait for the supervisor), return freight once goods came back, and the
 * replacement's tracking number once it shipped.
 */
function moneyOf(random: Random, type: CaseType, status: Status, reason: string): Money {
  const decided = !['submitted', 'open', 'rejected', 'cancelled'].includes(status);
  const pending = type !== 'compensation' && decided && status !== 'closed' && random.chance(0.04);
  const compensated = (type === 'compensation' && decided) || pending || (decided && random.chance(0.08));
  const carrier = random.pick(CARRIERS);
  const hasReturnLeg = type === 'return_refund' || type === 'exchange' || type === 'repair';
  return {
    compensation: compensated
      ? {
          // Pending ones lie above the default approval amount (CNY 100).
          amountCents: pending ? random.int(120, 300) * 100 : random.int(5, 80) * 100,
          method: random.pick(METHODS),
          pending,
        }
      : null,
    freight:
      hasReturnLeg && RETURNED.includes(status)
        ? { payer: reason === 'no_reason' ? 'customer' : 'shop', cents: random.int(8, 22) * 100 }
        : null,
    replacement:
      (type === 'exchange' || type === 'reissue') && ['replacement_shipped', 'delivered', 'closed'].includes(status)
        ? {
            carrier: carrier.name,
            trackingNo: `${carrier.prefix}${String(random.int(0, 10 ** 9)).padStart(carrier.digits - carrier.prefix.length, '0')}`,
          }
        : null,
  };
}

/**
 * After-sales cases on a share of delivered orders (5–10% in real shops), spread over every stage
 * of each type's workflow, assigned to seeded agents. Written directly in batches: seeding is not a
 * user action, so it bypasses the verbs (and their per-case audit events) on purpose.
 */
export async function seedCases(db: Db, opts: { share?: number; seed?: number; now?: Date } = {}): Promise<number> {
  const random = createRandom((opts.seed ?? 20261124) + 11);
  const moneyRandom = createRandom((opts.seed ?? 20261124) + 29);
  const now = opts.now ?? new Date();
  const agents = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.role, ['agent', 'supervisor']));
  // The demo agent gets a fair share, so their desk (queue, CSAT) has something to show.
  const demoAgent = agents.find((a) => a.email === 'agent@example.com');
  const pickAgent = () => (demoAgent && random.chance(0.2) ? demoAgent.id : random.pick(agents).id);
  const candidates = await db
    .select({
      id: orders.id,
      customerId: orders.customerId,
      placedAt: orders.placedAt,
      deliveredAt: orders.deliveredAt,
      total: orders.totalCents,
    })
    .from(orders)
    .where(
      and(
        isNotNull(orders.deliveredAt),
        sql`${orders.id} % 100 < ${Math.round((opts.share ?? 0.07) * 100)}`,
        // Seeding again (more orders) never adds cases to orders that already have some.
        sql`not exists (select 1 from ${cases} where ${cases.orderId} = ${orders.id})`,
      ),
    );
  if (candidates.length === 0) return 0;
  let seq = Number(rowsOf<{ n: number }>(await db.execute(sql`select nextval('case_no_seq')::int as n`))[0]?.n ?? 1);
  const picks = candidates.map((o) => {
    const type = pickWeighted(random, TYPES);
    const path = PATHS[type];
    const created = new Date(
      Math.min(now.getTime() - 3600_000, o.deliveredAt!.getTime() + random.int(2, 240) * 3600_000),
    );
    // Old cases are finished; recent ones are spread over every stage.
    const old = now.getTime() - created.getTime() > 20 * 86_400_000;
    const status =
      old && random.chance(0.92)
        ? 'closed'
        : path[Math.min(path.length - 1, Math.floor(Math.pow(random.next(), 0.7) * path.length))]!;
    const priority =
      type === 'complaint'
        ? 'high'
        : random.chance(0.05)
          ? 'urgent'
          : random.chance(0.15)
            ? 'high'
            : random.chance(0.2)
              ? 'low'
              : 'normal';
    const targets = DEFAULT_SLA_TARGETS[priority];
    const plus = (min: number) => new Date(created.getTime() + min * 60_000);
    const decided = !['submitted', 'open'].includes(status);
    const done = ['refunded', 'delivered', 'repaired_shipped', 'resolved', 'closed'].includes(status);
    const reason = random.pick(REASONS[type]);
    const description = random.pick(TEXT[type]);
    const money = moneyOf(moneyRandom, type, status, reason);
    const conversation = type === 'complaint' || type === 'inquiry';
    return {
      order: o,
      money,
      row: {
        caseNo: `AS-${created.toISOString().slice(0, 10).replace(/-/g, '')}-${String(seq++).padStart(4, '0')}`,
        orderId: o.id,
        customerId: o.customerId,
        type,
        reason,
        description,
        status,
        priority,
        channel: random.chance(0.8) ? 'portal' : 'desk',
        assigneeId: status === 'submitted' && random.chance(0.6) ? null : agents.length ? pickAgent() : null,
        policyCode: conversation
          ? 'always_open'
          : type === 'compensation'
            ? 'compensation_open'
            : type === 'price_protection'
              ? 'price_protection_until'
              : 'quality_exchange_until',
        policyUntil:
          conversation || type === 'compensation'
            ? null
            : type === 'price_protection'
              ? new Date(o.placedAt.getTime() + 15 * 86_400_000).toISOString().slice(0, 10)
              : new Date(o.deliveredAt!.getTime() + 15 * 86_400_000).toISOString().slice(0, 10),
        refundCents:
          ['refunded', 'refunding', 'closed'].includes(status) && (type === 'refund_only' || type === 'return_refund')
            ? Math.min(Number(o.total), 5000 + random.int(0, 50_000))
            : // 价保 refunds a price difference, a small share of the price.
              ['refunded', 'refunding', 'closed'].includes(status) && type === 'price_protection'
              ? Math.min(Math.round(Number(o.total) / 4), moneyRandom.int(10, 120) * 100)
              : 0,
        compensationCents: money.compensation && !money.compensation.pending ? money.compensation.amountCents : 0,
        returnFreightPayer: money.freight?.payer ?? null,
        returnFreightCents: money.freight?.cents ?? 0,
        replacementCarrier: money.replacement?.carrier ?? null,
        replacementTrackingNo: money.replacement?.trackingNo ?? null,
        firstResponseDueAt: plus(targets.firstResponse),
        firstRespondedAt: decided || random.chance(0.5) ? plus(random.int(5, targets.firstResponse * 2)) : null,
        decisionDueAt: conversation ? null : plus(targets.decision),
        decidedAt: decided && !conversation ? plus(random.int(30, targets.decision * 2)) : null,
        resolutionDueAt: plus(4320),
        completedAt: done ? plus(random.int(600, 6000)) : null,
        closedAt: status === 'closed' ? plus(random.int(6000, 20000)) : null,
        pausedSince: ['pending_customer', 'awaiting_return'].includes(status) ? plus(60) : null,
        createdAt: created,
        updatedAt: created,
      } satisfies CaseRow,
    };
  });
  for (let i = 0; i < picks.length; i += 1000) {
    const slice = picks.slice(i, i + 1000);
    const inserted = await db
      .insert(cases)
      .values(slice.map((p) => p.row))
      .returning({
        id: cases.id,
        caseNo: cases.caseNo,
        orderId: cases.orderId,
        assigneeId: cases.assigneeId,
        refundCents: cases.refundCents,
        currency: cases.currency,
        type: cases.type,
        status: cases.status,
        createdAt: cases.createdAt,
        description: cases.description,
      });
    const firstItems = await db
      .select({
        id: orderItems.id,
        orderId: orderItems.orderId,
        lineTotalCents: orderItems.lineTotalCents,
        quantity: orderItems.quantity,
      })
      .from(orderItems)
      .where(
        inArray(
          orderItems.orderId,
          inserted.map((c) => c.orderId),
        ),
      );
    const itemOf = new Map<number, (typeof firstItems)[number]>();
    for (const it of firstItems) if (!itemOf.has(it.orderId)) itemOf.set(it.orderId, it);
    const goods = inserted.filter((c) => c.type !== 'complaint' && c.type !== 'inquiry' && itemOf.has(c.orderId));
    // 价保 lines carry the lower price the customer cited: what was paid less the refunded difference.
    const claimed = (c: (typeof inserted)[number]) => {
      const it = itemOf.get(c.orderId)!;
      const paid = Math.round(Number(it.lineTotalCents) / it.quantity);
      return Math.max(0, paid - (Number(c.refundCents) || Math.round(paid / 10)));
    };
    if (goods.length)
      await db.insert(caseItems).values(
        goods.map((c) => ({
          caseId: c.id,
          orderItemId: itemOf.get(c.orderId)!.id,
          quantity: 1,
          claimedUnitCents: c.type === 'price_protection' ? claimed(c) : null,
        })),
      );
    const moneyOfCase = new Map(slice.map((p) => [p.row.caseNo, p.money]));
    const compensations = inserted.flatMap((c) => {
      const comp = moneyOfCase.get(c.caseNo)?.compensation;
      if (!comp) return [];
      const by = agents.find((a) => a.id === c.assigneeId)?.email ?? 'agent@example.com';
      return [
        {
          caseId: c.id,
          amountCents: comp.amountCents,
          currency: c.currency,
          method: comp.method,
          reason: COMP_REASONS[c.id % COMP_REASONS.length]!,
          status: comp.pending ? ('pending_approval' as const) : ('approved' as const),
          recordedById: c.assigneeId,
          recordedByLabel: by,
          decidedById: comp.pending ? null : c.assigneeId,
          decidedByLabel: comp.pending ? null : by,
          decidedAt: comp.pending ? null : new Date(c.createdAt.getTime() + 2 * 3600_000),
          createdAt: new Date(c.createdAt.getTime() + 2 * 3600_000),
        },
      ];
    });
    if (compensations.length) await db.insert(caseCompensations).values(compensations);
    await db.insert(caseEvents).values(
      inserted.flatMap((c) => [
        { caseId: c.id, at: c.createdAt, actorLabel: 'customer', kind: 'created', toStatus: PATHS[c.type][0]! },
        ...(c.status !== PATHS[c.type][0]
          ? [
              {
                caseId: c.id,
                at: new Date(c.createdAt.getTime() + 3600_000),
                actorLabel: 'agent@example.com',
                kind: 'status_changed',
                toStatus: c.status,
              },
            ]
          : []),
      ]),
    );
    await db.insert(caseMessages).values(
      inserted
        .filter((c) => c.status !== 'submitted')
        .map((c) => ({
          caseId: c.id,
          authorLabel: '客服',
          authorKind: 'agent',
          body: '您好，已收到您的申请，我们会尽快处理。',
          createdAt: new Date(c.createdAt.getTime() + 30 * 60_000),
        })),
    );
  }
  await db.execute(sql`select setval('case_no_seq', ${seq})`);
  return picks.length;
}
