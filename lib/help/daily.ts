import 'server-only';
import { sql } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { env } from '@/lib/env';

/** The counters of `help_daily`; each event adds to today's row (the shop's day, SHOP_TIMEZONE). */
export type HelpDailyCounts = Partial<{
  searches: number;
  noResultSearches: number;
  views: number;
  helpfulYes: number;
  helpfulNo: number;
  suggestionsShown: number;
  suggestionsSubmitted: number;
}>;

const COLUMNS: Record<keyof HelpDailyCounts, string> = {
  searches: 'searches',
  noResultSearches: 'no_result_searches',
  views: 'views',
  helpfulYes: 'helpful_yes',
  helpfulNo: 'helpful_no',
  suggestionsShown: 'suggestions_shown',
  suggestionsSubmitted: 'suggestions_submitted',
};

/**
 * Adds to today's help counters in one upsert, so reports read one row per day instead of
 * scanning every search and view (the rollup pattern of docs/decisions/0007).
 */
export async function bumpHelpDaily(db: Queryable, counts: HelpDailyCounts): Promise<void> {
  const entries = (Object.keys(counts) as (keyof HelpDailyCounts)[]).filter((k) => (counts[k] ?? 0) !== 0);
  if (!entries.length) return;
  const cols = entries.map((k) => sql.raw(COLUMNS[k]));
  const vals = entries.map((k) => sql`${counts[k]!}`);
  const sets = entries.map((k) => sql.raw(`${COLUMNS[k]} = help_daily.${COLUMNS[k]} + excluded.${COLUMNS[k]}`));
  await db.execute(sql`
    insert into help_daily (day, ${sql.join(cols, sql`, `)})
    values ((now() at time zone ${env().SHOP_TIMEZONE})::date, ${sql.join(vals, sql`, `)})
    on conflict (day) do update set ${sql.join(sets, sql`, `)}`);
}
