/** Shared by the latency scripts: warm up, time `ITER` runs, print p50 / p95 / p99. */
export const ITER = Number(process.env.ITER ?? 60);

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export async function measure(
  name: string,
  fn: (i: number) => Promise<unknown>,
): Promise<{ p50: number; p95: number; p99: number }> {
  for (let i = 0; i < 5; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < ITER; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const r = { p50: pct(times, 50), p95: pct(times, 95), p99: pct(times, 99) };
  console.log(
    `${name.padEnd(34)} p50 ${r.p50.toFixed(2).padStart(7)} ms   p95 ${r.p95.toFixed(2).padStart(7)} ms   p99 ${r.p99.toFixed(2).padStart(7)} ms`,
  );
  return r;
}
