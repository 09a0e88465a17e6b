import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { applyKeywordRules, words, type TaggingRule } from '@/lib/feedback/text';
import type { Db } from '../client';
import {
  caseItems,
  cases,
  customers,
  feedback,
  feedbackCategories,
  feedbackRules,
  feedbackTagLinks,
  feedbackTags,
  orderItems,
  orders,
  surveys,
} from '../schema';
import { createRandom, pickWeighted, type Random } from './random';

/** Starter categories, tags and keyword rules (both languages), for the demo and a new shop alike. */
const CATEGORIES: { zh: string; en: string; keywords: string[] }[] = [
  {
    zh: '物流配送',
    en: 'Delivery',
    keywords: ['物流', '快递', '配送', '送货', '签收', 'delivery', 'courier', 'shipping', 'parcel'],
  },
  {
    zh: '商品质量',
    en: 'Product quality',
    keywords: ['质量', '坏', '破损', '瑕疵', '做工', 'quality', 'broken', 'defect', 'faulty'],
  },
  {
    zh: '客服服务',
    en: 'Customer service',
    keywords: ['客服', '态度', '回复', '服务', 'support', 'agent', 'service', 'reply'],
  },
  {
    zh: '售后流程',
    en: 'After-sales process',
    keywords: ['退款', '退货', '换货', '维修', '售后', 'refund', 'return', 'exchange', 'repair'],
  },
  {
    zh: '价格优惠',
    en: 'Price & promotions',
    keywords: ['价格', '优惠', '贵', '便宜', '活动', 'price', 'expensive', 'discount', 'coupon'],
  },
  {
    zh: '网站与App',
    en: 'Website & app',
    keywords: ['网站', '页面', 'app', '下单', '支付', 'website', 'checkout', 'login'],
  },
];
const TAGS: { zh: string; en: string; keywords: string[] }[] = [
  { zh: '太慢', en: 'Too slow', keywords: ['慢', '等了', 'slow', 'late', 'waited'] },
  { zh: '包装', en: 'Packaging', keywords: ['包装', '盒子', 'packaging', 'box'] },
  { zh: '表扬员工', en: 'Praised staff', keywords: ['耐心', '专业', '感谢', 'patient', 'helpful', 'thank'] },
  {
    zh: '功能建议',
    en: 'Feature idea',
    keywords: ['希望', '建议', '能不能', 'would be nice', 'please add', 'suggest'],
  },
];

const CSAT_COMMENTS: Record<number, string[]> = {
  5: [
    '客服很耐心，退款也很快，感谢！',
    '处理得很专业，换货两天就到了',
    'Very helpful agent, refund arrived quickly. Thank you!',
    '售后服务很好，下次还会买',
    '',
  ],
  4: ['整体不错，就是物流有点慢', '问题解决了，回复速度还可以', 'Good service, return label took a while', ''],
  3: ['一般吧，等了好几天才有人回复', '退货流程有点复杂', 'Okay, but I had to explain twice', ''],
  2: ['客服回复太慢，等了三天', '换货寄来的还是有瑕疵', 'Slow replies and the refund took too long'],
  1: ['态度很差，问题没解决', '退款拖了两周，非常失望', 'Nobody answered my messages, terrible service'],
};
const NPS_COMMENTS: [number, string[]][] = [
  [9, ['东西好，物流快，会推荐给朋友', '价格实惠，质量也不错', 'Great products and fast delivery', '']],
  [7, ['还可以，包装可以再好一点', '质量不错但价格偏贵', 'Decent, shipping could be faster', '']],
  [0, ['快递太慢了，包装也破损', '质量一般，客服也不专业', 'Item arrived broken and support was slow', '']],
];
const FREE: { kind: 'suggestion' | 'complaint' | 'praise' | 'other'; text: string[] }[] = [
  {
    kind: 'suggestion',
    text: [
      '希望支付页面能支持花呗分期',
      '建议增加夜间配送时段',
      'Would be nice to track returns in the app',
      '希望商品页面能显示更详细的尺码表',
    ],
  },
  {
    kind: 'complaint',
    text: [
      '快递员没打电话就把包裹放在门口',
      '优惠券在结算时用不了',
      'The website logged me out during checkout',
      '包装盒子压坏了',
    ],
  },
  { kind: 'praise', text: ['客服小王非常耐心，感谢！', '物流超快，第二天就到了', 'Thank you for the quick exchange!'] },
  { kind: 'other', text: ['发票什么时候能开好？', 'Do you have a physical store in Shanghai?'] },
];

export async function seedFeedbackTaxonomy(db: Db): Promise<TaggingRule[]> {
  const [{ n } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(feedbackCategories);
  if (Number(n) === 0) {
    const cats = await db
      .insert(feedbackCategories)
      .values(CATEGORIES.map((c, i) => ({ nameZh: c.zh, nameEn: c.en, position: i })))
      .returning({ id: feedbackCategories.id });
    const tags = await db
      .insert(feedbackTags)
      .values(TAGS.map((t) => ({ nameZh: t.zh, nameEn: t.en })))
      .returning({ id: feedbackTags.id });
    await db
      .insert(feedbackRules)
      .values([
        ...CATEGORIES.map((c, i) => ({ keywords: c.keywords, categoryId: cats[i]!.id, position: (i + 1) * 10 })),
        ...TAGS.map((t, i) => ({ keywords: t.keywords, tagId: tags[i]!.id, position: 100 + i * 10 })),
      ]);
  }
  return db
    .select({ keywords: feedbackRules.keywords, categoryId: feedbackRules.categoryId, tagId: feedbackRules.tagId })
    .from(feedbackRules)
    .orderBy(feedbackRules.position);
}

type FeedbackRow = typeof feedback.$inferInsert;

/**
 * Survey answers and free feedback with realistic shapes: CSAT on most finished cases (answered
 * two times in three, mostly good, worse when the case took long), NPS on a share of delivered
 * orders, and free remarks from some customers. Classified by the same keyword rules as live
 * feedback; older items are already reviewed or actioned. Written in batches, bypassing the verbs.
 */
export async function seedFeedback(db: Db, opts: { seed?: number; now?: Date } = {}): Promise<number> {
  const random = createRandom((opts.seed ?? 20261124) + 23);
  const now = opts.now ?? new Date();
  const rules = await seedFeedbackTaxonomy(db);
  const rows: { survey?: typeof surveys.$inferInsert; fb?: FeedbackRow }[] = [];

  const finished = await db
    .select({
      id: cases.id,
      orderId: cases.orderId,
      customerId: cases.customerId,
      agentId: cases.assigneeId,
      completedAt: cases.completedAt,
      productId: orderItems.productId,
    })
    .from(cases)
    .leftJoin(caseItems, eq(caseItems.caseId, cases.id))
    .leftJoin(orderItems, eq(orderItems.id, caseItems.orderItemId))
    .where(
      and(
        isNotNull(cases.completedAt),
        sql`not exists (select 1 from surveys s where s.case_id = cases.id and s.kind = 'csat')`,
      ),
    );
  const seenCase = new Set<number>();
  for (const c of finished) {
    if (seenCase.has(c.id)) continue;
    seenCase.add(c.id);
    const offeredAt = c.completedAt!;
    const answered = random.chance(0.65) && offeredAt.getTime() < now.getTime() - 3600_000;
    const at = new Date(Math.min(now.getTime() - 60_000, offeredAt.getTime() + random.int(10, 72 * 60) * 60_000));
    const score = pickWeighted(random, [
      [5, 45],
      [4, 25],
      [3, 12],
      [2, 8],
      [1, 10],
    ] as const);
    const survey = {
      kind: 'csat' as const,
      customerId: c.customerId,
      caseId: c.id,
      orderId: c.orderId,
      agentId: c.agentId,
      productId: c.productId,
      offeredAt,
      expiresAt: new Date(offeredAt.getTime() + 14 * 86_400_000),
      answeredAt: answered ? at : null,
    };
    rows.push({
      survey,
      fb: answered
        ? {
            kind: 'csat',
            customerId: c.customerId,
            orderId: c.orderId,
            caseId: c.id,
            agentId: c.agentId,
            productId: c.productId,
            score,
            comment: random.pick(CSAT_COMMENTS[score]!),
            createdAt: at,
          }
        : undefined,
    });
  }

  const delivered = await db
    .select({
      id: orders.id,
      customerId: orders.customerId,
      deliveredAt: orders.deliveredAt,
      productId: sql<
        string | null
      >`(select oi.product_id from order_items oi where oi.order_id = orders.id order by oi.line_total_cents desc limit 1)`,
    })
    .from(orders)
    .where(
      and(
        isNotNull(orders.deliveredAt),
        isNull(orders.deletedAt),
        sql`${orders.id} % 10 < 3`,
        sql`${orders.deliveredAt} < ${new Date(now.getTime() - 7 * 86_400_000).toISOString()}`,
        sql`not exists (select 1 from surveys s where s.order_id = orders.id and s.kind = 'nps')`,
      ),
    );
  for (const o of delivered) {
    const offeredAt = new Date(o.deliveredAt!.getTime() + 7 * 86_400_000);
    const answered = random.chance(0.35);
    const at = new Date(Math.min(now.getTime() - 60_000, offeredAt.getTime() + random.int(10, 96 * 60) * 60_000));
    const score = pickWeighted(random, [
      [10, 22],
      [9, 20],
      [8, 16],
      [7, 12],
      [6, 8],
      [5, 7],
      [4, 4],
      [3, 3],
      [2, 3],
      [1, 2],
      [0, 3],
    ] as const);
    const comments = NPS_COMMENTS.find(([min]) => score >= min)![1];
    const survey = {
      kind: 'nps' as const,
      customerId: o.customerId,
      orderId: o.id,
      productId: o.productId,
      offeredAt,
      expiresAt: new Date(offeredAt.getTime() + 14 * 86_400_000),
      answeredAt: answered ? at : null,
    };
    rows.push({
      survey,
      fb: answered
        ? {
            kind: 'nps',
            customerId: o.customerId,
            orderId: o.id,
            productId: o.productId,
            score,
            comment: random.pick(comments),
            createdAt: at,
          }
        : undefined,
    });
  }

  // Free feedback: about one customer in fifteen, mostly about one of their orders.
  const [{ n: existingFree } = { n: 0 }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(feedback)
    .where(sql`${feedback.surveyId} is null`);
  if (Number(existingFree) === 0) {
    const some = await db
      .select({
        customerId: customers.id,
        orderId: sql<
          number | null
        >`(select o.id from orders o where o.customer_id = customers.id order by o.placed_at desc limit 1)`,
      })
      .from(customers)
      .where(sql`abs(hashtext(${customers.id}::text)) % 15 = 0 or ${customers.email} = 'customer@example.com'`);
    for (const c of some) {
      const pick = pickWeighted(random, [
        [FREE[0]!, 35],
        [FREE[1]!, 35],
        [FREE[2]!, 20],
        [FREE[3]!, 10],
      ] as const);
      const at = new Date(now.getTime() - random.int(1, 120 * 24 * 60) * 60_000);
      rows.push({
        fb: {
          kind: pick.kind,
          customerId: c.customerId,
          orderId: c.orderId && random.chance(0.7) ? Number(c.orderId) : null,
          comment: random.pick(pick.text),
          createdAt: at,
        },
      });
    }
  }
  await writeFeedback(db, rows, rules, random, now);
  return rows.filter((r) => r.fb).length;
}

async function writeFeedback(
  db: Db,
  rows: { survey?: typeof surveys.$inferInsert; fb?: FeedbackRow }[],
  rules: TaggingRule[],
  random: Random,
  now: Date,
) {
  for (let i = 0; i < rows.length; i += 1000) {
    const slice = rows.slice(i, i + 1000);
    const withSurvey = slice.filter((r) => r.survey);
    const ids = withSurvey.length
      ? await db
          .insert(surveys)
          .values(withSurvey.map((r) => r.survey!))
          .onConflictDoNothing()
          .returning({ id: surveys.id, caseId: surveys.caseId, orderId: surveys.orderId, kind: surveys.kind })
      : [];
    const surveyOf = new Map(ids.map((s) => [`${s.kind}:${s.kind === 'csat' ? s.caseId : s.orderId}`, s.id]));
    const tagged: { tagIds: string[] }[] = [];
    const values: FeedbackRow[] = [];
    for (const r of slice) {
      if (!r.fb) continue;
      const key = r.survey ? `${r.survey.kind}:${r.survey.kind === 'csat' ? r.survey.caseId : r.survey.orderId}` : null;
      if (key && !surveyOf.has(key)) continue;
      const { categoryId, tagIds } = r.fb.comment
        ? applyKeywordRules(r.fb.comment, rules)
        : { categoryId: null, tagIds: [] };
      const ageDays = (now.getTime() - (r.fb.createdAt as Date).getTime()) / 86_400_000;
      const status =
        ageDays > 14
          ? random.chance(0.6)
            ? 'actioned'
            : 'reviewed'
          : ageDays > 3 && random.chance(0.5)
            ? 'reviewed'
            : 'new';
      values.push({
        ...r.fb,
        surveyId: key ? surveyOf.get(key)! : null,
        words: r.fb.comment ? [...new Set(words(r.fb.comment))] : [],
        categoryId,
        classifiedBy: categoryId || tagIds.length ? 'rule' : null,
        status,
        updatedAt: r.fb.createdAt,
      });
      tagged.push({ tagIds });
    }
    if (!values.length) continue;
    const inserted = await db.insert(feedback).values(values).returning({ id: feedback.id });
    const links = inserted.flatMap((f, j) => tagged[j]!.tagIds.map((tagId) => ({ feedbackId: f.id, tagId })));
    if (links.length) await db.insert(feedbackTagLinks).values(links).onConflictDoNothing();
  }
}
