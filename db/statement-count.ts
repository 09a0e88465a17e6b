import type { QueryLogger } from './client';

/**
 * A count of the statements this process has sent, for the benchmark's "statements per request"
 * (bench/http). Only with BENCH_COUNT_STATEMENTS=1: otherwise no logger is installed and nothing is
 * counted or exposed.
 */
const slot = globalThis as typeof globalThis & { __afterdeskStatements?: { n: number } };

export function statementCounting(): boolean {
  return process.env.BENCH_COUNT_STATEMENTS === '1';
}

/** The logger to hand to the app's own database handle, or undefined when not counting. */
export function statementCounter(): QueryLogger | undefined {
  if (!statementCounting()) return undefined;
  const counter = (slot.__afterdeskStatements ??= { n: 0 });
  return {
    logQuery() {
      counter.n++;
    },
  };
}

export function statementsSent(): number | null {
  return statementCounting() ? (slot.__afterdeskStatements?.n ?? 0) : null;
}
