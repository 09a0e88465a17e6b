/**
 * The measuring parts of `npm run bench`: a recorder of the SQL a lib call sends (drizzle's
 * logger), timing with warm-up, and the raw replay of recorded statements through the driver.
 */
import type { PGlite } from '@electric-sql/pglite';
import type postgres from 'postgres';
import type { DbHandle, QueryLogger } from '@/db/client';

export type Statement = { query: string; params: unknown[] };
export type Captured = Statement[];

/** Records statements only while `recording` is set (pushing to an array: no measurable cost). */
export class Recorder implements QueryLogger {
  recording: Captured | null = null;
  logQuery(query: string, params: unknown[]) {
    this.recording?.push({ query, params });
  }
  /** Runs `fn` and returns what it sent. */
  async capture(fn: () => Promise<unknown>): Promise<Captured> {
    this.recording = [];
    try {
      await fn();
      return this.recording;
    } finally {
      this.recording = null;
    }
  }
}

export const ITER = Number(process.env.ITER ?? 200);
export const WARMUP = 20;

export const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
export const round = (n: number) => Math.round(n * 100) / 100;

/** Times `iter` runs after `warmup` untimed ones; sorted milliseconds. */
export async function time(fn: (i: number) => Promise<unknown>, iter = ITER, warmup = WARMUP): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < iter; i++) {
    const t0 = performance.now();
    await fn(warmup + i);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

/**
 * How recorded statements are replayed: all at once (a lib call that ran them in parallel), one
 * after another, or one after another inside a transaction (a mutation: its lib call committed one
 * too). `rewrite` changes parameters first: a mutation replayed must not collide with the unique
 * values (case and order numbers, external ids) its lib run already wrote.
 */
export type ReplayMode = 'parallel' | 'sequential' | 'transaction';
export type Replayer = (captured: Captured, mode: ReplayMode, rewrite?: (v: unknown) => unknown) => Promise<void>;

export function replayer(handle: DbHandle): Replayer {
  const raw = handle.raw!;
  const args = (s: Statement, rewrite?: (v: unknown) => unknown) => (rewrite ? s.params.map(rewrite) : s.params);
  if (handle.kind === 'postgres') {
    const pg = raw as postgres.Sql;
    return async (captured, mode, rewrite) => {
      if (mode === 'parallel') await Promise.all(captured.map((s) => pg.unsafe(s.query, args(s, rewrite) as never[])));
      else if (mode === 'sequential') for (const s of captured) await pg.unsafe(s.query, args(s, rewrite) as never[]);
      else
        await pg.begin(async (tx) => {
          for (const s of captured) await tx.unsafe(s.query, args(s, rewrite) as never[]);
        });
    };
  }
  const lite = raw as PGlite;
  return async (captured, mode, rewrite) => {
    if (mode === 'parallel') await Promise.all(captured.map((s) => lite.query(s.query, args(s, rewrite))));
    else if (mode === 'sequential') for (const s of captured) await lite.query(s.query, args(s, rewrite));
    else
      await lite.transaction(async (tx) => {
        for (const s of captured) await tx.query(s.query, args(s, rewrite));
      });
  };
}

/** A rewrite that maps the given strings to new ones and leaves everything else alone. */
export const renaming = (map: Map<string, string>) => (v: unknown) =>
  typeof v === 'string' && map.has(v) ? map.get(v) : v;
