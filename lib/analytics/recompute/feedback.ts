import { sql } from 'drizzle-orm';
import { onDay, type Recompute } from './types';

/** Feedback and survey rollups: one day of rows each, from feedback.created_at and surveys.offered_at. */
export const FEEDBACK_RECOMPUTES: Recompute[] = [
  {
    table: 'rollup_feedback_daily',
    insert: (tx, d) =>
      tx.execute(sql`
        insert into rollup_feedback_daily (day, kind, score, category_id, n)
        select ${d.day}::date, kind::text, score, category_id, count(*)::int from feedback
        where ${onDay(sql`created_at`, d)}
        group by kind, score, category_id`),
  },
  {
    table: 'rollup_feedback_products_daily',
    insert: (tx, d) =>
      tx.execute(sql`
        insert into rollup_feedback_products_daily (day, product_id, total, complaints, csat_n, csat_good, nps_n, nps_promoters, nps_detractors,
          reviews, review_score_sum, reviews_low)
        select ${d.day}::date, product_id, count(*)::int,
          count(*) filter (where kind = 'complaint')::int,
          count(*) filter (where kind = 'csat')::int, count(*) filter (where kind = 'csat' and score >= 4)::int,
          count(*) filter (where kind = 'nps')::int, count(*) filter (where kind = 'nps' and score >= 9)::int,
          count(*) filter (where kind = 'nps' and score <= 6)::int,
          count(*) filter (where kind = 'review')::int, coalesce(sum(score) filter (where kind = 'review'), 0)::int,
          count(*) filter (where kind = 'review' and score <= 2)::int
        from feedback
        where ${onDay(sql`created_at`, d)} and product_id is not null
        group by product_id`),
  },
  {
    table: 'rollup_feedback_agents_daily',
    insert: (tx, d) =>
      tx.execute(sql`
        insert into rollup_feedback_agents_daily (day, agent_id, csat_n, csat_good)
        select ${d.day}::date, agent_id, count(*)::int, count(*) filter (where score >= 4)::int from feedback
        where kind = 'csat' and agent_id is not null and ${onDay(sql`created_at`, d)}
        group by agent_id`),
  },
  {
    table: 'rollup_feedback_words_daily',
    insert: (tx, d) =>
      tx.execute(sql`
        insert into rollup_feedback_words_daily (day, word, n)
        select ${d.day}::date, w, count(*)::int from feedback f, unnest(f.words) as w
        where ${onDay(sql`f.created_at`, d)}
        group by w`),
  },
  {
    table: 'rollup_surveys_daily',
    insert: (tx, d) =>
      tx.execute(sql`
        insert into rollup_surveys_daily (day, kind, offered)
        select ${d.day}::date, kind::text, count(*)::int from surveys
        where ${onDay(sql`offered_at`, d)}
        group by kind`),
  },
];
