import 'server-only';
import { and, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '@/db/client';
import { channels, feedback, feedbackTagLinks, orderItems, orders } from '@/db/schema';
import { transaction } from '@/db/tx';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { env } from '@/lib/env';
import { ValidationError, type FieldErrors } from '@/lib/errors';
import { cell, type CsvGroup } from '@/lib/imports/csv-reader';
import type { ImportInput } from '@/lib/imports/registry';
import { scheduleRollupRefresh } from '@/lib/imports/rollups';
import { problemsOf, runCsvImport, type ImportSink, type ImportSpec } from '@/lib/imports/run';
import type { ImportProgress, ImportResult } from '@/lib/imports/types';
import { parseInput } from '@/lib/validation';
import { parseReviewScore, parseReviewTime, reviewExternalRef } from './review-csv';
import { COMMENT_MAX } from './schemas';
import { activeRules } from './taxonomy';
import { applyKeywordRules, words, type TaggingRule } from './text';

/** The columns of a reviews file (docs/reviews-csv.md). */
export const REVIEW_COLUMNS = [
  'channel',
  'external_id',
  'sku',
  'score',
  'comment',
  'reviewed_at',
  'review_id',
] as const;
type Column = (typeof REVIEW_COLUMNS)[number];
export const REQUIRED_REVIEW_COLUMNS: readonly Column[] = ['channel', 'external_id', 'sku', 'score'];

/** Where each field of a row came from, so a report line names the CSV column. */
const COLUMN_OF: Record<string, Column> = {
  channel: 'channel',
  externalId: 'external_id',
  sku: 'sku',
  score: 'score',
  comment: 'comment',
  reviewedAt: 'reviewed_at',
  reviewId: 'review_id',
};
const columnOf = (path: string) => ({ column: COLUMN_OF[path.split('.')[0] ?? ''] ?? '' });

/** Clocks differ a little between a platform's export and ours. */
const FUTURE_SLACK_MS = 5 * 60_000;
/** Rows validated and written together: two reads and one insert per batch, whatever its size. */
const BATCH_SIZE = 500;

const ReviewRow = z.object({
  channel: z.string().trim().toLowerCase().min(1, 'required').max(40, 'unknown_channel'),
  externalId: z.string().trim().min(1, 'required').max(64, 'too_long'),
  sku: z.string().trim().min(1, 'required').max(64, 'too_long'),
  // Missing and out of scale are the same mistake for the person fixing the file.
  score: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const score = parseReviewScore(v);
      if (score === null) ctx.addIssue({ code: 'custom', message: 'invalid_score' });
      return score ?? z.NEVER;
    }),
  comment: z.string().trim().max(COMMENT_MAX, 'too_long').default(''),
  reviewId: z.string().trim().max(100, 'too_long').optional(),
});
type ReviewRow = z.output<typeof ReviewRow>;

type OrderLink = {
  id: number;
  customerId: string;
  placedAt: Date;
  deliveredAt: Date | null;
  products: Map<string, string | null>;
};
type NewReview = typeof feedback.$inferInsert & { externalRef: string; tagIds: string[] };
type Checked = { line: number; reference: string; errors: FieldErrors; review?: NewReview };
/**
 * A row's fields, or its field errors; and, when its channel and order id are well formed, the key
 * of its order, so a row with another mistake is still checked against the order (every problem of
 * a row is reported at once).
 */
type Parsed = { data?: ReviewRow; errors: FieldErrors; key?: { channel: string; externalId: string } };

function parseRow(raw: Partial<Record<Column, string>>): Parsed {
  const parsed = parseFields(raw);
  const channel = cell(raw.channel)?.toLowerCase();
  const externalId = cell(raw.external_id);
  if (channel && externalId && !parsed.errors.channel && !parsed.errors.externalId)
    parsed.key = { channel, externalId };
  return parsed;
}

function parseFields(raw: Partial<Record<Column, string>>): Parsed {
  try {
    const data = parseInput(ReviewRow, {
      channel: cell(raw.channel),
      externalId: cell(raw.external_id),
      sku: cell(raw.sku),
      score: cell(raw.score),
      comment: raw.comment ?? '',
      reviewId: cell(raw.review_id),
    });
    return { data, errors: {} };
  } catch (err) {
    if (err instanceof ValidationError) return { errors: err.fieldErrors };
    throw err;
  }
}

/** The batch's orders (by channel + external id) with the product of each SKU on them: two queries. */
async function linkOrders(tx: Tx, rows: { channel: string; externalId: string }[]): Promise<Map<string, OrderLink>> {
  const keys = [...new Map(rows.map((r) => [`${r.channel}\u0000${r.externalId}`, r])).values()];
  const linked = new Map<string, OrderLink>();
  if (!keys.length) return linked;
  const found = await tx
    .select({
      id: orders.id,
      channel: orders.channel,
      externalId: orders.externalId,
      customerId: orders.customerId,
      placedAt: orders.placedAt,
      deliveredAt: orders.deliveredAt,
    })
    .from(orders)
    .where(
      and(
        // `in (values …)` plans as one lookup per key in the partial unique index on (channel,
        // external_id); the not-null test lets the planner use that partial index.
        isNotNull(orders.externalId),
        isNull(orders.deletedAt),
        sql`(${orders.channel}, ${orders.externalId}) in (values ${sql.join(
          keys.map((k) => sql`(${k.channel}::text, ${k.externalId}::text)`),
          sql`, `,
        )})`,
      ),
    );
  if (!found.length) return linked;
  const byId = new Map<number, OrderLink>();
  for (const o of found) {
    const link: OrderLink = {
      id: o.id,
      customerId: o.customerId,
      placedAt: o.placedAt,
      deliveredAt: o.deliveredAt,
      products: new Map(),
    };
    linked.set(`${o.channel}\u0000${o.externalId}`, link);
    byId.set(o.id, link);
  }
  const lines = await tx
    .select({ orderId: orderItems.orderId, sku: orderItems.sku, productId: orderItems.productId })
    .from(orderItems)
    .where(inArray(orderItems.orderId, [...byId.keys()]));
  for (const l of lines) {
    const products = byId.get(l.orderId)!.products;
    // An order may list a SKU twice; any line with a product names it.
    if (!products.get(l.sku)) products.set(l.sku, l.productId);
  }
  return linked;
}

/**
 * Checks one row against what the batch read: known channel, an order of ours with that SKU, a
 * review time no earlier than the order and not in the future. Returns the review to insert, or
 * the row's field errors (all of them, each on its column).
 */
function checkRow(
  group: CsvGroup<Column>,
  parsed: Parsed,
  ctx: {
    channels: Set<string>;
    orders: Map<string, OrderLink>;
    rules: readonly TaggingRule[];
    tz: string;
    now: number;
  },
): Checked {
  const raw = group.rows[0]!;
  const errors: FieldErrors = { ...parsed.errors };
  const reference = cell(raw.review_id) ?? cell(raw.external_id) ?? '';
  const add = (field: keyof typeof COLUMN_OF, code: string) => void (errors[field] ??= []).push(code);
  const d = parsed.data;
  const key = parsed.key;
  let order: OrderLink | undefined;
  if (key && !ctx.channels.has(key.channel)) add('channel', 'unknown_channel');
  else if (key) {
    order = ctx.orders.get(`${key.channel}\u0000${key.externalId}`);
    if (!order) add('externalId', 'unknown_order');
  }
  const sku = cell(raw.sku);
  const productId = order && sku && !errors.sku ? order.products.get(sku) : undefined;
  if (order && sku && !errors.sku && !productId) add('sku', 'sku_not_in_order');

  let reviewedAt: Date | null = null;
  const when = cell(raw.reviewed_at);
  if (when) {
    reviewedAt = parseReviewTime(when, ctx.tz);
    if (!reviewedAt) add('reviewedAt', 'invalid_date');
    else if (reviewedAt.getTime() > ctx.now + FUTURE_SLACK_MS) add('reviewedAt', 'date_in_future');
    else if (order && reviewedAt < order.placedAt) add('reviewedAt', 'review_before_order');
  } else if (order) {
    // Without a time, the review is dated when the customer had the goods (or at least ordered them).
    reviewedAt = order.deliveredAt ?? order.placedAt;
  }

  if (Object.keys(errors).length || !d || !order || !productId || !reviewedAt)
    return { line: group.line, reference, errors };
  const comment = d.comment;
  const { categoryId, tagIds } = comment ? applyKeywordRules(comment, ctx.rules) : { categoryId: null, tagIds: [] };
  return {
    line: group.line,
    reference,
    errors,
    review: {
      kind: 'review',
      customerId: order.customerId,
      orderId: order.id,
      productId,
      score: d.score,
      comment,
      words: comment ? [...new Set(words(comment))] : [],
      categoryId,
      classifiedBy: categoryId || tagIds.length ? 'rule' : null,
      status: 'new',
      externalRef: reviewExternalRef({
        channel: d.channel,
        reviewId: d.reviewId,
        externalId: d.externalId,
        sku: d.sku,
        score: d.score,
        comment,
        reviewedAt,
      }),
      createdAt: reviewedAt,
      tagIds,
    },
  };
}

/**
 * Imports product reviews from another platform as feedback of kind `review` (docs/reviews-csv.md):
 * each row is linked to its order (channel + external_id), the order's customer and the product of
 * its SKU, dated when it was written, and classified by the keyword rules like any other feedback.
 * A batch is checked set-wise (one query for its orders, one for their lines) and written with one
 * insert in one transaction; a review imported before (same reference) is skipped, so a second
 * import of the file changes nothing. Reviews are history: no e-mail, notification or survey.
 * The rollups are refreshed once at the end, so the statistics count the reviews at once.
 */
export async function* importReviewsCsv({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: ImportInput;
}): AsyncGenerator<ImportProgress, ImportResult> {
  authorize(ctx.actor, 'import:review:any');
  const tz = env().SHOP_TIMEZONE;
  // Loaded once per import, not per row or batch: the rules and the channels are small and stable.
  let known: { rules: TaggingRule[]; channels: Set<string> } | null = null;
  let inserted = 0;

  const spec: ImportSpec<Column> = {
    kind: 'reviews',
    permission: 'import:review:any',
    columns: REVIEW_COLUMNS,
    required: REQUIRED_REVIEW_COLUMNS,
    batchSize: BATCH_SIZE,
    handle: async (batch: CsvGroup<Column>[], sink: ImportSink) => {
      const parsed = batch.map((g) => parseRow(g.rows[0]!));
      const result = await transaction(async (tx) => {
        known ??= {
          rules: await activeRules(tx),
          channels: new Set((await tx.select({ code: channels.code }).from(channels)).map((c) => c.code)),
        };
        const k = known;
        const linkable = parsed.flatMap((p) => (p.key && k.channels.has(p.key.channel) ? [p.key] : []));
        const linked = await linkOrders(tx, linkable);
        const now = Date.now();
        const checked = batch.map((g, i) =>
          checkRow(g, parsed[i]!, { channels: k.channels, orders: linked, rules: k.rules, tz, now }),
        );
        const reviews = checked.flatMap((c) => (c.review ? [c.review] : []));
        let written = 0;
        if (reviews.length) {
          // A reference seen before (an earlier import, or twice in this file) is skipped, not an error.
          const rows = await tx
            .insert(feedback)
            .values(reviews.map(({ tagIds: _tags, ...r }) => r))
            .onConflictDoNothing()
            .returning({ id: feedback.id, externalRef: feedback.externalRef });
          written = rows.length;
          const tagsOf = new Map(reviews.map((r) => [r.externalRef, r.tagIds]));
          const links = rows.flatMap((r) =>
            (tagsOf.get(r.externalRef!) ?? []).map((tagId) => ({ feedbackId: r.id, tagId })),
          );
          if (links.length) await tx.insert(feedbackTagLinks).values(links);
        }
        return { checked, valid: reviews.length, written };
      });
      for (const c of result.checked) {
        if (!c.review) sink.reject(problemsOf(new ValidationError(c.errors), c.line, columnOf), c.reference);
      }
      sink.imported(result.written);
      sink.skipped(result.valid - result.written);
      inserted += result.written;
    },
    finish: async () => {
      if (!inserted) return;
      // The rollup job recomputes the reviews' days (lib/imports/rollups.ts).
      await scheduleRollupRefresh();
    },
  };
  return yield* runCsvImport(ctx, spec, input);
}
