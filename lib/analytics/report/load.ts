import 'server-only';
import { getDashboard, ReportInput, type Dashboard } from '@/lib/analytics/dashboard';
import type { Ctx } from '@/lib/context';
import { ValidationError } from '@/lib/errors';
import { presetPeriod } from '@/lib/shop-calendar';
import { parseInput } from '@/lib/validation';
import { askedPeriod, type ReportParams } from './params';

/** A field of the URL the dashboard could not use, with the validation code saying why. */
export type ReportProblem = { field: string; code: string };

/**
 * The dashboard for the URL's period and filters. A hand-edited or stale link (inverted or absurd
 * period, unknown channel or team) never fails the page: the problems come back to be explained
 * and the figures fall back to the last 30 days without filters.
 */
export async function loadDashboard({
  ctx,
  params,
  today,
  teamIds,
}: {
  ctx: Ctx;
  params: ReportParams;
  today: string;
  /** The teams that exist: a well-formed id of no team is as wrong as a malformed one. */
  teamIds: string[];
}): Promise<{ dashboard: Dashboard; problems: ReportProblem[] }> {
  const fallback = presetPeriod('30d', today);
  const input = {
    ...askedPeriod(params, today, fallback),
    channel: params.channel,
    category: params.category,
    teamId: params.teamId,
  };
  const problems: ReportProblem[] = [];
  // Check the input as getDashboard will, to report every problem of the link at once (a bad
  // period and a bad channel both), then add the one it cannot know: a team that does not exist.
  // The period alone as well: the schema's range checks do not run while a filter is malformed.
  for (const candidate of [input, { from: input.from, to: input.to }]) {
    try {
      parseInput(ReportInput, candidate);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      for (const [field, codes] of Object.entries(err.fieldErrors))
        if (!problems.some((p) => p.field === field)) problems.push({ field, code: codes[0] ?? 'invalid' });
    }
  }
  if (input.teamId && !problems.some((p) => p.field === 'teamId') && !teamIds.includes(input.teamId.toLowerCase()))
    problems.push({ field: 'teamId', code: 'invalid_choice' });
  if (!problems.length) return { dashboard: await getDashboard({ ctx, input }), problems };
  return { dashboard: await getDashboard({ ctx, input: fallback }), problems };
}
