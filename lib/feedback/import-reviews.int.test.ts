import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { and, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { rowsOf } from '@/db/rows';
import {
  auditEvents,
  emailOutbox,
  feedback,
  feedbackTagLinks,
  importJobs,
  notifications,
  orders,
  surveys,
} from '@/db/schema';
import { refreshRollups } from '@/lib/analytics/rollup';
import type { Ctx } from '@/lib/context';
import { env } from '@/lib/env';
import { ForbiddenError, UnauthenticatedError } from '@/lib/errors';
import type { ImportResult } from '@/lib/imports/types';
import { anonymousCtx, createTestProduct, createTestUser, ctxFor, orderOfNewCustomer } from '@/test/factories';
import type { SystemNotificationKind } from '@/lib/notifications';
import { importReviewsCsv } from './import-reviews';
import { editOwnFeedback } from './mutations';
import { getFeedback, listFeedback, listOwnFeedback } from './queries';
import { reviewExternalRef } from './review-csv';
import { feedbackStats } from './stats';
import { saveCategory, saveRule, saveTag } from './taxonomy';

/**
 * Statistics are global and other files write feedback too, so this file's orders and reviews live
 * in one month of a year long past (chosen at random per run), and every figure is checked against
 * a raw count of feedback over exactly that month.
 */
// From 1992: China kept summer time from 1986 to 1991, and this file writes shop times as +08:00.
const year = 1992 + Math.floor(Math.random() * 28);
const month = String(1 + Math.floor(Math.random() * 12)).padStart(2, '0');
const day = (d: number) => `${year}-${month}-${String(d).padStart(2, '0')}`;
const at = (d: number, hour = 12) => new Date(`${day(d)}T${String(hour).padStart(2, '0')}:00:00+08:00`);
const tag = `RV${randomUUID().slice(0, 8)}`;
const word = `zq${Math.random().toString(36).slice(2, 7).replace(/\d/g, 'x')}`;

let supervisor: Ctx;
let productA: { id: string; sku: string };
let productB: { id: string; sku: string };
let productC: { id: string; sku: string };
let categoryId: string;
let tagId: string;
let first: { id: number; customerId: string; customer: Ctx; email: string };
let second: { id: number; customerId: string; customer: Ctx };

async function runImport(ctx: Ctx, csv: string): Promise<ImportResult> {
  const gen = importReviewsCsv({
    ctx,
    input: { fileName: 'reviews.csv', body: Readable.from([Buffer.from(csv)]), options: {} },
  });
  for (;;) {
    const step = await gen.next();
    if (step.done) return step.value;
  }
}

const HEADER = 'channel,external_id,sku,score,comment,reviewed_at,review_id';
/** The good rows: lines 2–5. */
const goodRows = () => [
  `tmall,${tag}-1,${productA.sku},5,"${word}，做工很好",${day(10)} 10:00:00,${tag}-R1`,
  `tmall,${tag}-1,${productB.sku},2,"${tag}颜色偏暗 dim",${day(11)}T09:30:00+08:00,`,
  `jd,${tag}-2,${productA.sku},4,,,${tag}-R3`,
  `JD,${tag}-2,${productA.sku},3.0,"${word}",${day(12)},${tag}-R4`,
];
/** One bad input per row, lines 6–18, with the column and code each must be reported under. */
const badRows = () => [
  { row: `amazon,${tag}-1,${productA.sku},5,ok,,`, field: 'channel', code: 'unknown_channel' },
  { row: `tmall,${tag}-404,${productA.sku},5,ok,,`, field: 'external_id', code: 'unknown_order' },
  { row: `tmall,${tag}-1,${productC.sku},5,ok,,`, field: 'sku', code: 'sku_not_in_order' },
  { row: `tmall,${tag}-1,NO-SUCH-SKU,5,ok,,`, field: 'sku', code: 'sku_not_in_order' },
  { row: `tmall,${tag}-1,${productA.sku},6,ok,,`, field: 'score', code: 'invalid_score' },
  { row: `tmall,${tag}-1,${productA.sku},,ok,,`, field: 'score', code: 'invalid_score' },
  { row: `tmall,${tag}-1,${productA.sku},4.5,ok,,`, field: 'score', code: 'invalid_score' },
  { row: `tmall,${tag}-1,${productA.sku},5,ok,${year}-13-45,`, field: 'reviewed_at', code: 'invalid_date' },
  {
    row: `tmall,${tag}-1,${productA.sku},5,ok,2099-01-01T00:00:00+08:00,`,
    field: 'reviewed_at',
    code: 'date_in_future',
  },
  { row: `tmall,${tag}-1,${productA.sku},5,ok,${day(1)} 08:00,`, field: 'reviewed_at', code: 'review_before_order' },
  { row: `tmall,${tag}-1,${productA.sku},5,${'长'.repeat(2001)},,`, field: 'comment', code: 'too_long' },
  { row: `tmall,,${productA.sku},5,ok,,`, field: 'external_id', code: 'required' },
  { row: `tmall,${tag}-1,,5,ok,,`, field: 'sku', code: 'required' },
];
const fileOf = (rows: string[]) => [HEADER, ...rows].join('\n');

async function reviewsOfTheseOrders() {
  const db = await getDb();
  return db
    .select()
    .from(feedback)
    .where(and(eq(feedback.kind, 'review'), inArray(feedback.orderId, [first.id, second.id])))
    .orderBy(feedback.createdAt);
}

beforeAll(async () => {
  supervisor = await ctxFor(await createTestUser({ role: 'supervisor' }));
  const admin = await ctxFor(await createTestUser({ role: 'admin' }));
  [productA, productB, productC] = await Promise.all([
    createTestProduct({ name: '评价商品 A' }),
    createTestProduct({ name: '评价商品 B' }),
    createTestProduct(),
  ]);
  categoryId = (await saveCategory({ ctx: admin, input: { nameZh: `做工${word}`, nameEn: `Build ${word}` } })).id;
  tagId = (await saveTag({ ctx: admin, input: { nameZh: `好评${word}`, nameEn: `Praise ${word}` } })).id;
  await saveRule({ ctx: admin, input: { keywords: word, categoryId, tagId } });

  const db = await getDb();
  const placed = (d: number) => ({ placedAt: at(d, 9).toISOString(), deliveredAt: at(d + 2, 15).toISOString() });
  const o1 = await orderOfNewCustomer(supervisor, productA.sku, {
    channel: 'tmall',
    externalId: `${tag}-1`,
    items: [
      { sku: productA.sku, quantity: 1 },
      { sku: productB.sku, quantity: 1 },
    ],
    ...placed(3),
  });
  const o2 = await orderOfNewCustomer(supervisor, productA.sku, {
    channel: 'jd',
    externalId: `${tag}-2`,
    ...placed(4),
  });
  const idOf = async (orderNo: string) =>
    (await db.select({ id: orders.id }).from(orders).where(eq(orders.orderNo, orderNo)))[0]!.id;
  first = { id: await idOf(o1.orderNo), customerId: o1.customerId, customer: o1.customer, email: o1.user.email };
  second = { id: await idOf(o2.orderNo), customerId: o2.customerId, customer: o2.customer };
});

const SYSTEM_KINDS: SystemNotificationKind[] = ['backup_overdue', 'verify_overdue'];

describe('importReviewsCsv', () => {
  let result: ImportResult;
  beforeAll(async () => {
    result = await runImport(supervisor, fileOf([...goodRows(), ...badRows().map((b) => b.row)]));
  });

  it('imports each good row as a review linked to its order, product and customer', async () => {
    expect(result).toMatchObject({ rows: 17, imported: 4, updated: 0, skipped: 0, rejected: 13 });
    const rows = await reviewsOfTheseOrders();
    expect(rows).toHaveLength(4);
    const byRef = new Map(rows.map((r) => [r.externalRef, r]));

    const r1 = byRef.get(`tmall:${tag}-R1`)!;
    expect(r1).toMatchObject({
      kind: 'review',
      orderId: first.id,
      customerId: first.customerId,
      productId: productA.id,
      score: 5,
      status: 'new',
      authorId: null,
    });
    expect(r1.comment).toBe(`${word}，做工很好`);
    expect(r1.createdAt.toISOString()).toBe(new Date(`${day(10)}T10:00:00+08:00`).toISOString());
    expect(r1.words).toContain(word);

    // No review id: the reference is the order, the SKU and a digest of score, comment and time.
    const reviewedAt = new Date(`${day(11)}T09:30:00+08:00`);
    const r2 = byRef.get(
      reviewExternalRef({
        channel: 'tmall',
        externalId: `${tag}-1`,
        sku: productB.sku,
        score: 2,
        comment: `${tag}颜色偏暗 dim`,
        reviewedAt,
      }),
    )!;
    expect(r2).toMatchObject({
      orderId: first.id,
      productId: productB.id,
      score: 2,
      categoryId: null,
      classifiedBy: null,
    });
    expect(r2.createdAt.toISOString()).toBe(reviewedAt.toISOString());
    expect(r2.externalRef).toMatch(new RegExp(`^tmall:${tag}-1:${productB.sku}:[0-9a-f]{16}$`));

    // Without reviewed_at the review is dated at delivery; a bare date is the start of the shop day,
    // and the channel is read case-insensitively (JD).
    const r3 = byRef.get(`jd:${tag}-R3`)!;
    expect(r3).toMatchObject({
      orderId: second.id,
      customerId: second.customerId,
      productId: productA.id,
      score: 4,
      comment: '',
    });
    expect(r3.createdAt.toISOString()).toBe(at(6, 15).toISOString());
    expect(byRef.get(`jd:${tag}-R4`)).toMatchObject({ score: 3, createdAt: new Date(`${day(12)}T00:00:00+08:00`) });
  });

  it('classifies the comments by the keyword rules, as other feedback', async () => {
    const db = await getDb();
    const rows = await reviewsOfTheseOrders();
    const classified = rows.filter((r) => r.comment.includes(word));
    expect(classified).toHaveLength(2);
    for (const r of classified) expect(r).toMatchObject({ categoryId, classifiedBy: 'rule' });
    const links = await db
      .select()
      .from(feedbackTagLinks)
      .where(
        inArray(
          feedbackTagLinks.feedbackId,
          rows.map((r) => r.id),
        ),
      );
    expect(links.map((l) => [l.feedbackId, l.tagId]).sort()).toEqual(classified.map((r) => [r.id, tagId]).sort());
  });

  it('reports every bad row on its CSV column with its code, and writes nothing of it', async () => {
    const bad = badRows();
    expect(result.report.map((r) => [r.line, r.field, r.code])).toEqual(bad.map((b, i) => [6 + i, b.field, b.code]));
    expect(result.report.every((r) => !/\./.test(r.field))).toBe(true);
    // Nothing of the bad rows: still the four good reviews on these orders, none about product C.
    expect(await reviewsOfTheseOrders()).toHaveLength(4);
    const db = await getDb();
    expect(await db.select({ id: feedback.id }).from(feedback).where(eq(feedback.productId, productC.id))).toEqual([]);
  });

  it('reports all problems of one row at once', async () => {
    const r = await runImport(supervisor, fileOf([`tmall,${tag}-405,${productA.sku},0,ok,not-a-date,`]));
    expect(r).toMatchObject({ rows: 1, imported: 0, rejected: 1 });
    expect(r.report.map((p) => [p.field, p.code]).sort()).toEqual([
      ['external_id', 'unknown_order'],
      ['reviewed_at', 'invalid_date'],
      ['score', 'invalid_score'],
    ]);
  });

  it('records one audit event for the import, sends no mail, notification or survey', async () => {
    const db = await getDb();
    const [job] = await db.select().from(importJobs).where(eq(importJobs.id, result.jobId));
    expect(job).toMatchObject({
      kind: 'reviews',
      totalRows: 17,
      imported: 4,
      skipped: 0,
      rejected: 13,
      userId: supervisor.actor!.userId,
    });
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.entityId, result.jobId));
    expect(audit.map((a) => a.action)).toEqual(['review.import']);
    const ids = (await reviewsOfTheseOrders()).map((r) => String(r.id));
    // Feedback ids are small numbers that other entities' audit events share: match the type too.
    expect(
      await db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.entityType, 'feedback'), inArray(auditEvents.entityId, ids))),
    ).toEqual([]);
    expect(
      await db
        .select()
        .from(surveys)
        .where(inArray(surveys.orderId, [first.id, second.id])),
    ).toEqual([]);
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, first.email))).toEqual([]);
    // None about the import. The installation's own notices (a backup overdue, raised by another
    // test file on a shared database) reach every supervisor, so they are not the import's.
    expect(
      await db
        .select()
        .from(notifications)
        .where(
          and(
            eq(notifications.userId, supervisor.actor!.userId),
            isNull(notifications.caseId),
            notInArray(notifications.kind, SYSTEM_KINDS),
          ),
        ),
    ).toEqual([]);
  });

  it('skips everything on a second import of the same file, and a review twice in one file', async () => {
    const again = await runImport(supervisor, fileOf([...goodRows(), ...badRows().map((b) => b.row)]));
    expect(again).toMatchObject({ rows: 17, imported: 0, skipped: 4, rejected: 13 });
    expect(await reviewsOfTheseOrders()).toHaveLength(4);

    const twice = `tmall,${tag}-1,${productB.sku},4,"${tag} twice",${day(13)} 12:00,${tag}-R9`;
    const r = await runImport(supervisor, fileOf([twice, twice]));
    expect(r).toMatchObject({ rows: 2, imported: 1, skipped: 1, rejected: 0 });
    expect(await reviewsOfTheseOrders()).toHaveLength(5);
  });

  it('counts the reviews in the statistics: stars and products equal a raw count', async () => {
    const db = await getDb();
    const tz = env().SHOP_TIMEZONE;
    const from = day(1);
    const to = day(28);
    const inPeriod = sql`${feedback.createdAt} >= (${from}::date)::timestamp at time zone ${tz} and ${feedback.createdAt} < ((${to}::date) + 1)::timestamp at time zone ${tz}`;
    const raw = rowsOf<{ score: number; n: number }>(
      await db.execute(
        sql`select score, count(*)::int as n from feedback where kind = 'review' and ${inPeriod} group by score`,
      ),
    );
    const perProduct = rowsOf<{ id: string; n: number }>(
      await db.execute(
        sql`select product_id::text as id, count(*)::int as n from feedback where product_id in (${productA.id}, ${productB.id}) and ${inPeriod} group by product_id`,
      ),
    );
    // The import asked the rollup job to run; run it here as the job runner would.
    const jobs = rowsOf<{ n: number }>(
      await db.execute(
        sql`select count(*)::int as n from jobs where kind = 'analytics.rollup' and payload->>'reason' = 'import'`,
      ),
    );
    expect(jobs[0]!.n).toBeGreaterThan(0);
    await refreshRollups({ waitForOthers: true });
    const s = await feedbackStats({ ctx: supervisor, input: { from, to } });
    const expected = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } as Record<number, number>;
    for (const r of raw) expected[r.score] = r.n;
    expect(s.current.reviews.counts).toEqual(expected);
    // Ours are among them: 5, 4, 3, 2 and the 4 of the file with a review twice.
    for (const [score, n] of [
      [5, 1],
      [4, 2],
      [3, 1],
      [2, 1],
    ] as const)
      expect(s.current.reviews.counts[score]).toBeGreaterThanOrEqual(n);
    expect(s.current.reviews.average).toBeCloseTo(
      raw.reduce((a, r) => a + r.score * r.n, 0) / s.current.reviews.total,
      6,
    );
    expect(s.current.byKind.review).toBe(s.current.reviews.total);
    const totalOf = (id: string) => s.byProduct.find((p) => p.productId === id)?.total;
    expect(totalOf(productA.id)).toBe(perProduct.find((p) => p.id === productA.id)?.n);
    expect(totalOf(productB.id)).toBe(perProduct.find((p) => p.id === productB.id)?.n);
    expect(totalOf(productA.id)).toBe(3);
    expect(totalOf(productB.id)).toBe(2);
    // Per-product review figures (rollup columns reviews / review_score_sum / reviews_low).
    const rawReviews = rowsOf<{ id: string; n: number; score: number; low: number }>(
      await db.execute(sql`select product_id::text as id, count(*)::int as n, sum(score)::int as score, count(*) filter (where score <= 2)::int as low
        from feedback where kind = 'review' and product_id in (${productA.id}, ${productB.id}) and ${inPeriod} group by product_id`),
    );
    for (const r of rawReviews) {
      expect(s.reviewProducts.find((p) => p.productId === r.id)).toMatchObject({
        reviews: r.n,
        average: r.score / r.n,
        lowShare: (r.low / r.n) * 100,
      });
    }
  });

  it('lists reviews in the inbox by kind, band and product, with their detail', async () => {
    const low = await listFeedback({ ctx: supervisor, input: { kind: 'review', band: 'low', productId: productB.id } });
    expect(low.items.map((f) => [f.kind, f.score])).toEqual([['review', 2]]);
    const high = await listFeedback({
      ctx: supervisor,
      input: { kind: 'review', band: 'high', productId: productA.id },
    });
    expect(high.items.map((f) => f.score).sort()).toEqual([4, 5]);
    const mid = await listFeedback({ ctx: supervisor, input: { band: 'mid', productId: productA.id } });
    expect(mid.items.map((f) => [f.kind, f.score])).toEqual([['review', 3]]);

    const detail = await getFeedback({ ctx: supervisor, input: { id: low.items[0]!.id } });
    expect(detail).toMatchObject({
      kind: 'review',
      score: 2,
      productId: productB.id,
      productSku: productB.sku,
      productName: '评价商品 B',
      orderNo: expect.any(String),
    });
    expect(detail.externalRef).toMatch(/^tmall:/);
  });

  it("shows a review in its customer's portal list as theirs, but not as editable", async () => {
    const own = await listOwnFeedback({ ctx: first.customer, input: {} });
    const reviews = own.items.filter((f) => f.kind === 'review');
    expect(reviews.map((f) => f.score).sort()).toEqual([2, 4, 5]);
    expect(reviews.every((f) => !f.editable)).toBe(true);
    const theirs = (await listOwnFeedback({ ctx: second.customer, input: {} })).items.filter(
      (f) => f.kind === 'review',
    );
    expect(theirs.map((f) => f.score).sort()).toEqual([3, 4]);
    const r = reviews[0]!;
    await expect(
      editOwnFeedback({
        ctx: first.customer,
        input: { id: r.id, version: r.version, kind: 'praise', comment: 'changed' },
      }),
    ).rejects.toMatchObject({ code: 'review_not_editable' });
    // Another customer's review is not found for them.
    await expect(
      editOwnFeedback({
        ctx: second.customer,
        input: { id: r.id, version: r.version, kind: 'praise', comment: 'changed' },
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
    const db = await getDb();
    expect(
      (await db.select({ comment: feedback.comment }).from(feedback).where(eq(feedback.id, r.id)))[0]!.comment,
    ).toBe(r.comment);
  });
});

describe('importReviewsCsv authorisation', () => {
  it('refuses agents, customers and anonymous callers, and writes nothing', async () => {
    const agent = await ctxFor(await createTestUser({ role: 'agent' }));
    const customer = await ctxFor(await createTestUser({ role: 'customer' }));
    const file = fileOf([`tmall,${tag}-1,${productB.sku},1,"${tag} refused",${day(14)} 12:00,${tag}-R-refused`]);
    await expect(runImport(agent, file)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(runImport(customer, file)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(runImport(anonymousCtx(), file)).rejects.toBeInstanceOf(UnauthenticatedError);
    const db = await getDb();
    expect(
      await db
        .select()
        .from(feedback)
        .where(eq(feedback.externalRef, `tmall:${tag}-R-refused`)),
    ).toEqual([]);
    const jobs = await db
      .select()
      .from(importJobs)
      .where(inArray(importJobs.userId, [agent.actor!.userId, customer.actor!.userId]));
    expect(jobs).toEqual([]);
  });
});
