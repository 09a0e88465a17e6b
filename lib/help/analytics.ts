import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { ReportInput } from '@/lib/analytics/dashboard/input';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { env } from '@/lib/env';
import { parseInput } from '@/lib/validation';
import { HELP_LOCALES } from './schemas';

/**
 * The help center on the reports page (#13): what readers searched and did not find, what they
 * read and found helpful, and deflection: requests not submitted after suggestions, and article
 * views with no case opened within a day. Counts come from `help_daily` (one row per shop day);
 * the lists are grouped queries over one index range each, never a query per row.
 */

/** How many no-result queries and articles the lists show. */
export const TOP_LIST = 10;

/** A view counts as deflection when the same customer opened no case within this time after it. */
export const DEFLECTION_HOURS = 24;

export type NoResultQuery = { query: string; count: number };
export type TopArticle = {
  articleId: string;
  slug: string;
  title: string;
  /** Archived since: no public page to link to. */
  published: boolean;
  views: number;
  helpfulYes: number;
  helpfulNo: number;
  /** Helpful answers in percent of all answers; null without answers. */
  helpfulPercent: number | null;
};

export type HelpAnalytics = {
  searches: number;
  noResultSearches: number;
  views: number;
  helpful: { yes: number; no: number; percent: number | null };
  /** (a) The request form: sessions with suggestions shown, and how many still became a request. */
  suggestions: { shown: number; submitted: number; opened: number; deflectionPercent: number | null };
  /** (b) Views by signed-in customers older than a day, and those followed by no case within it. */
  viewDeflection: { views: number; deflected: number; percent: number | null };
  noResultQueries: NoResultQuery[];
  topArticles: TopArticle[];
  /** Anything at all happened in the help center in the period. */
  hasData: boolean;
};

const DAY = sql.raw(`interval '${DEFLECTION_HOURS} hours'`);

const LocaleInput = z.object({ locale: z.enum(HELP_LOCALES).catch('zh-CN') });

const percent = (part: number, whole: number) => (whole > 0 ? (part / whole) * 100 : null);

/**
 * The help figures for a report period (shop days, the dashboard's input; its channel, category
 * and team filters do not apply to reading help) with article titles in `locale`.
 */
export async function getHelpAnalytics({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<HelpAnalytics> {
  authorize(ctx.actor, 'read:report:any');
  const period = parseInput(ReportInput, input);
  const { locale } = parseInput(LocaleInput, input);
  const db = await getDb();
  const tz = env().SHOP_TIMEZONE;
  // The period's first and last instant in the shop's time zone, as the daily counters count days.
  const start = sql`((${period.from}::date)::timestamp at time zone ${tz})`;
  const end = sql`(((${period.to}::date) + 1)::timestamp at time zone ${tz})`;
  const title =
    locale === 'en'
      ? sql`coalesce(pv.title_en, a.title_en, pv.title_zh, a.title_zh, a.slug)`
      : sql`coalesce(pv.title_zh, a.title_zh, pv.title_en, a.title_en, a.slug)`;

  const [totals, noResult, top, viewDeflection, sessions] = await Promise.all([
    db.execute(sql`
      select coalesce(sum(searches), 0)::int as searches, coalesce(sum(no_result_searches), 0)::int as no_result,
        coalesce(sum(views), 0)::int as views, coalesce(sum(helpful_yes), 0)::int as yes,
        coalesce(sum(helpful_no), 0)::int as no, coalesce(sum(suggestions_shown), 0)::int as shown,
        coalesce(sum(suggestions_submitted), 0)::int as submitted
      from help_daily where day >= ${period.from}::date and day <= ${period.to}::date`),
    // help_searches_no_result_idx (partial, results = 0). The staff guide is left out: its
    // readers are staff, and what they miss is not an article for customers to write.
    db.execute(sql`
      select lower(query) as query, count(*)::int as n
      from help_searches
      where results = 0 and surface <> 'guide' and created_at >= ${start} and created_at < ${end}
      group by lower(query)
      order by n desc, lower(query)
      limit ${TOP_LIST}`),
    // help_views_created_idx for the range; then, per top article only, its answers through
    // help_feedback_article_idx (article_id, created_at).
    db.execute(sql`
      with v as (
        select article_id, count(*)::int as views
        from help_article_views
        where created_at >= ${start} and created_at < ${end}
        group by article_id
        order by views desc, article_id
        limit ${TOP_LIST}
      )
      select v.article_id::text as id, a.slug, ${title} as title, a.status = 'published' as published, v.views,
        coalesce(f.yes, 0)::int as yes, coalesce(f.no, 0)::int as no
      from v
      join help_articles a on a.id = v.article_id
      left join help_article_versions pv on pv.article_id = a.id and pv.number = a.published_version
      left join lateral (
        select count(*) filter (where helpful) as yes, count(*) filter (where not helpful) as no
        from help_article_feedback fb
        where fb.article_id = v.article_id and fb.created_at >= ${start} and fb.created_at < ${end}
      ) f on true
      order by v.views desc, a.slug`),
    // Only views whose day has passed can be judged: a view an hour ago may still lead to a case.
    // The case lookup is cases_customer_idx (customer_id, created_at).
    db.execute(sql`
      select count(*)::int as views,
        count(*) filter (where not exists (
          select 1 from cases c
          where c.customer_id = v.customer_id and c.created_at >= v.created_at
            and c.created_at < v.created_at + ${DAY}
        ))::int as deflected
      from help_article_views v
      where v.customer_id is not null and v.created_at >= ${start} and v.created_at < ${end}
        and v.created_at < now() - ${DAY}`),
    db.execute(sql`
      select count(opened_article_id)::int as opened
      from help_suggestion_sessions
      where created_at >= ${start} and created_at < ${end}`),
  ]);

  const t = rowsOf<{
    searches: number;
    no_result: number;
    views: number;
    yes: number;
    no: number;
    shown: number;
    submitted: number;
  }>(totals)[0]!;
  const vd = rowsOf<{ views: number; deflected: number }>(viewDeflection)[0]!;
  const opened = rowsOf<{ opened: number }>(sessions)[0]!.opened;
  const noResultQueries = rowsOf<{ query: string; n: number }>(noResult).map((r) => ({ query: r.query, count: r.n }));
  const topArticles = rowsOf<{
    id: string;
    slug: string;
    title: string;
    published: boolean;
    views: number;
    yes: number;
    no: number;
  }>(top).map((r) => ({
    articleId: r.id,
    slug: r.slug,
    title: r.title,
    published: r.published,
    views: r.views,
    helpfulYes: r.yes,
    helpfulNo: r.no,
    helpfulPercent: percent(r.yes, r.yes + r.no),
  }));
  // A session shown just before the period and submitted in it is counted on two days; the rate
  // is never below zero for that.
  const notSubmitted = Math.max(0, t.shown - t.submitted);
  return {
    searches: t.searches,
    noResultSearches: t.no_result,
    views: t.views,
    helpful: { yes: t.yes, no: t.no, percent: percent(t.yes, t.yes + t.no) },
    suggestions: {
      shown: t.shown,
      submitted: t.submitted,
      opened,
      deflectionPercent: percent(notSubmitted, t.shown),
    },
    viewDeflection: { views: vd.views, deflected: vd.deflected, percent: percent(vd.deflected, vd.views) },
    noResultQueries,
    topArticles,
    hasData:
      t.searches + t.views + t.yes + t.no + t.shown + t.submitted + vd.views > 0 ||
      noResultQueries.length > 0 ||
      topArticles.length > 0,
  };
}
