import 'server-only';
import { eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { cases, customers, orders, users } from '@/db/schema';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { env } from '@/lib/env';
import { NotFoundError } from '@/lib/errors';
import { isLocale, type Locale } from '@/lib/i18n/config';
import { formatDate } from '@/lib/i18n/format';
import { formatMoney } from '@/lib/money';
import { parseInput } from '@/lib/validation';
import type { ReplyValues } from './variables';

export type CaseReplyContext = {
  /** The language the customer reads: their account's choice, else the shop's default. */
  locale: Locale;
  values: ReplyValues;
};

const customerUser = alias(users, 'customer_user');

/** The policy's last day is a shop date (YYYY-MM-DD), not an instant: format it as that day. */
function shopDay(value: string, locale: Locale, tz: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? formatDate(`${value}T00:00:00Z`, locale, 'UTC')
    : formatDate(value, locale, tz);
}

/**
 * What a canned reply's variables become on this case, formatted for the customer. One query; the
 * shipment is the replacement's once one has shipped, else the order's own.
 */
export async function caseReplyContext({ ctx, input }: { ctx: Ctx; input: { caseNo: unknown } }) {
  const actor = authorize(ctx.actor, 'read:case:any');
  const caseNo = parseInput(z.string().trim().min(1).max(40), input.caseNo).toUpperCase();
  const db = await getDb();
  const [row] = await db
    .select({
      caseNo: cases.caseNo,
      refundCents: cases.refundCents,
      currency: cases.currency,
      policyUntil: cases.policyUntil,
      returnTrackingNo: cases.returnTrackingNo,
      replacementCarrier: cases.replacementCarrier,
      replacementTrackingNo: cases.replacementTrackingNo,
      orderNo: orders.orderNo,
      orderCarrier: orders.carrier,
      orderTrackingNo: orders.trackingNo,
      customerName: customers.name,
      customerLocale: customerUser.locale,
      agentName: users.name,
    })
    .from(cases)
    .innerJoin(orders, eq(orders.id, cases.orderId))
    .innerJoin(customers, eq(customers.id, cases.customerId))
    .leftJoin(customerUser, eq(customerUser.id, customers.userId))
    .leftJoin(users, eq(users.id, actor.userId))
    .where(eq(cases.caseNo, caseNo))
    .limit(1);
  if (!row) throw new NotFoundError('case');
  const locale: Locale = isLocale(row.customerLocale) ? row.customerLocale : env().DEFAULT_LOCALE;
  const tz = env().SHOP_TIMEZONE;
  const replacement = !!row.replacementTrackingNo;
  const values: ReplyValues = {
    customer_name: row.customerName,
    order_no: row.orderNo,
    case_no: row.caseNo,
    carrier: (replacement ? row.replacementCarrier : row.orderCarrier) ?? undefined,
    tracking_no: (replacement ? row.replacementTrackingNo : row.orderTrackingNo) ?? undefined,
    return_tracking_no: row.returnTrackingNo ?? undefined,
    refund_amount: row.refundCents > 0 ? formatMoney(Number(row.refundCents), row.currency, locale) : undefined,
    agent_name: row.agentName ?? undefined,
    today: formatDate(new Date(), locale, tz),
    return_until: row.policyUntil ? shopDay(row.policyUntil, locale, tz) : undefined,
  };
  return { locale, values } satisfies CaseReplyContext;
}
