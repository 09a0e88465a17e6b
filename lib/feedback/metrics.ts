/**
 * Feedback scores as the business reads them. Pure functions over counts, so the statistics
 * pages, rollups and tests all use one definition:
 *   CSAT% = answers scoring 4–5 / all answers (1–5), as a percentage;
 *   NPS   = % promoters (9–10) − % detractors (0–6), from −100 to 100.
 * With no answers both are null ("no data"), never 0.
 */
export type CsatCounts = { 1: number; 2: number; 3: number; 4: number; 5: number };
export type NpsCounts = readonly number[]; // index 0..10 → how many answered that score

export function csatCounts(scores: readonly number[]): CsatCounts {
  const c: CsatCounts = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const s of scores) if (s >= 1 && s <= 5 && Number.isInteger(s)) c[s as 1 | 2 | 3 | 4 | 5]++;
  return c;
}

export function csatPercent(c: CsatCounts): number | null {
  const answered = c[1] + c[2] + c[3] + c[4] + c[5];
  return answered === 0 ? null : ((c[4] + c[5]) / answered) * 100;
}

export function npsCounts(scores: readonly number[]): number[] {
  const c = Array.from({ length: 11 }, () => 0);
  for (const s of scores) if (s >= 0 && s <= 10 && Number.isInteger(s)) c[s]!++;
  return c;
}

export function npsBreakdown(c: NpsCounts): {
  promoters: number;
  passives: number;
  detractors: number;
  answered: number;
} {
  const sum = (from: number, to: number) => c.slice(from, to + 1).reduce((a, b) => a + b, 0);
  const promoters = sum(9, 10);
  const passives = sum(7, 8);
  const detractors = sum(0, 6);
  return { promoters, passives, detractors, answered: promoters + passives + detractors };
}

export function npsScore(c: NpsCounts): number | null {
  const b = npsBreakdown(c);
  return b.answered === 0 ? null : ((b.promoters - b.detractors) / b.answered) * 100;
}

/** Share of offered surveys that were answered, as a percentage (null when none was offered). */
export function answerRate(answered: number, offered: number): number | null {
  return offered === 0 ? null : (Math.min(answered, offered) / offered) * 100;
}

/** Change against the previous period, in points; null when either side has no data. */
export function delta(current: number | null, previous: number | null): number | null {
  return current === null || previous === null ? null : current - previous;
}

/**
 * Review stars (1–5) as the shop reads them: how many, the average score, and the share of poor
 * reviews (1–2 stars) as a percentage. Average and share are null without reviews, never 0.
 */
export function reviewFigures(c: CsatCounts): { total: number; average: number | null; lowShare: number | null } {
  const total = c[1] + c[2] + c[3] + c[4] + c[5];
  if (total === 0) return { total, average: null, lowShare: null };
  return {
    total,
    average: (c[1] + 2 * c[2] + 3 * c[3] + 4 * c[4] + 5 * c[5]) / total,
    lowShare: ((c[1] + c[2]) / total) * 100,
  };
}
