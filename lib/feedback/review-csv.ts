import { createHash } from 'node:crypto';
import { parseCsvTime } from '@/lib/csv-time';

/**
 * Pure pieces of the reviews import (lib/feedback/import-reviews.ts): reading a review's time and
 * score as shops export them, and the reference that makes a second import of the same review a
 * no-op. Kept free of the database so they are unit-tested on their own (review-csv.test.ts).
 */

/** A review's time (docs/reviews-csv.md): the shared reading of CSV times (lib/csv-time.ts). */
export const parseReviewTime = parseCsvTime;

/** A star score 1–5 as a whole number (`4`, or `4.0` as some platforms export it); null otherwise. */
export function parseReviewScore(value: string | undefined): number | null {
  const m = /^([1-5])(?:\.0+)?$/.exec((value ?? '').trim());
  return m ? Number(m[1]) : null;
}

/**
 * What identifies an imported review, so importing it again is skipped: the platform's own review
 * id when the file has one (`tmall:R123`); otherwise the order, the SKU and a digest of what the
 * customer said and when (`tmall:E1001:SKU-1:<first 16 hex of sha256("score\ncomment\nISO time")>`).
 */
export function reviewExternalRef(r: {
  channel: string;
  reviewId?: string;
  externalId: string;
  sku: string;
  score: number;
  comment: string;
  reviewedAt: Date;
}): string {
  if (r.reviewId) return `${r.channel}:${r.reviewId}`;
  const digest = createHash('sha256')
    .update(`${r.score}\n${r.comment}\n${r.reviewedAt.toISOString()}`)
    .digest('hex')
    .slice(0, 16);
  return `${r.channel}:${r.externalId}:${r.sku}:${digest}`;
}
