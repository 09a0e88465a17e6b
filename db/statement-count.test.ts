import { afterEach, describe, expect, it } from 'vitest';
import { statementCounter, statementsSent } from './statement-count';

describe('statement count for the benchmark', () => {
  afterEach(() => {
    delete process.env.BENCH_COUNT_STATEMENTS;
  });

  it('counts nothing and exposes nothing unless BENCH_COUNT_STATEMENTS=1', () => {
    expect(statementCounter()).toBeUndefined();
    expect(statementsSent()).toBeNull();
    process.env.BENCH_COUNT_STATEMENTS = 'yes';
    expect(statementsSent()).toBeNull();
  });

  it('counts every statement the handle logs once asked to', () => {
    process.env.BENCH_COUNT_STATEMENTS = '1';
    const before = statementsSent()!;
    const logger = statementCounter()!;
    logger.logQuery('select 1', []);
    logger.logQuery('select 2', []);
    expect(statementsSent()).toBe(before + 2);
  });
});
