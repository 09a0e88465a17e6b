import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { channelField } from '@/lib/orders/schemas';
import { daySpan, type Period } from '@/lib/shop-calendar';
import { dayField } from '@/lib/validation';

/** The longest period a report answers for (two years and a day): longer asks are refused. */
export const MAX_DAYS = 731;

const isoDate = dayField();
const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

/**
 * A report's period (shop days, both ends included) and filters. Channel and team must be real
 * values (a hand-edited link gets a field message); a category nobody sells simply matches nothing.
 */
export const ReportInput = z
  .object({
    from: isoDate,
    to: isoDate,
    channel: z.preprocess(blankToUndefined, channelField.optional()),
    category: z.preprocess(blankToUndefined, z.string().trim().max(64, 'too_long').optional()),
    teamId: z.preprocess(blankToUndefined, z.uuid('invalid_choice').optional()),
  })
  .refine((v) => v.from <= v.to, { message: 'date_range_inverted', path: ['to'] })
  .refine((v) => daySpan(v.from, v.to) <= MAX_DAYS, {
    message: 'period_too_long',
    path: ['from'],
  });
export type ReportInput = z.output<typeof ReportInput>;

export const inPeriod = (p: Period, col: SQL = sql`day`) => sql`${col} >= ${p.from}::date and ${col} <= ${p.to}::date`;

/** The filters that apply to rollups having these dimensions (absent dimensions are ignored). */
export function filterWhere(
  f: ReportInput,
  has: { channel?: boolean; category?: boolean; team?: boolean },
  prefix = '',
): SQL {
  const parts: SQL[] = [sql`true`];
  const col = (name: string) => sql.raw(`${prefix}${name}`);
  if (has.channel && f.channel) parts.push(sql`${col('channel')} = ${f.channel}`);
  if (has.category && f.category) parts.push(sql`${col('category')} = ${f.category}`);
  if (has.team && f.teamId) parts.push(sql`${col('team_id')} = ${f.teamId}`);
  return sql.join(parts, sql` and `);
}
