/** Prints the HTTP section and turns it into bench/results.json rows. */
import { clientMessagesFor } from '@/lib/i18n/server';
import { CLIENT_SCOPES, type ClientScope } from '@/lib/i18n/scopes';
import { gzipSync } from 'node:zlib';
import type { Tier } from '../generate';
import type { HttpResult, HttpRun } from '../http';

export type HttpRow = {
  name: string;
  tier: Tier;
  p50_ms: number | null;
  p95_ms: number | null;
  p99_ms: number | null;
  raw_p95_ms: null;
  ratio: null;
  connections?: number;
  processes?: number;
  requests_per_s?: number;
  errors?: number;
  cpu_ms_per_request?: number;
  bytes?: number;
  bytes_gzip?: number;
  statements?: number | null;
  floor_ratio?: number | null;
  rss_idle_mb?: number;
  peak_rss_mb?: number;
  lighthouse_performance?: number;
};

const col = (v: number | string | null | undefined, w = 8) =>
  (v === null || v === undefined ? '—' : String(v)).padStart(w);

function row(tier: Tier, h: HttpResult): HttpRow {
  const procs = h.processes > 1 ? `, ${h.processes} processes` : '';
  return {
    name: `${h.name} (c=${h.connections}${procs})`,
    tier,
    p50_ms: h.p50_ms,
    p95_ms: h.p95_ms,
    p99_ms: h.p99_ms,
    raw_p95_ms: null,
    ratio: null,
    connections: h.connections,
    processes: h.processes,
    requests_per_s: h.requests_per_s,
    errors: h.errors,
    cpu_ms_per_request: h.cpu_ms_per_request,
    bytes: h.bytes,
    bytes_gzip: h.bytes_gzip,
    statements: h.statements,
    floor_ratio: h.floor_ratio,
    rss_idle_mb: h.rss_idle_mb,
    peak_rss_mb: h.peak_rss_mb,
  };
}

/** The messages each layout scope sends to the browser, gzipped (#17: ≤ 8 KB sign-in, ≤ 20 KB desk). */
export function clientMessageSizes(): { scope: ClientScope; locale: string; bytes_gzip: number }[] {
  return (Object.keys(CLIENT_SCOPES) as ClientScope[]).flatMap((scope) =>
    (['zh-CN', 'en'] as const).map((locale) => {
      const own = clientMessagesFor(locale, scope);
      const root = scope === 'root' ? {} : clientMessagesFor(locale, 'root');
      const json = JSON.stringify(own) + JSON.stringify(root);
      return { scope, locale, bytes_gzip: gzipSync(json).length };
    }),
  );
}

export function reportHttp(tier: Tier, run: HttpRun): HttpRow[] {
  console.log(
    `\n${'page'.padEnd(34)} ${col('conns', 5)} ${col('procs', 5)} ${col('req/s')} ${col('p95')} ${col('cpu ms')} ${col('×floor', 7)} ${col('stmts', 6)} ${col('KB')} ${col('KB gz')} ${col('errors', 6)} ${col('idle MB')} ${col('peak MB')}`,
  );
  const kb = (b: number) => (b / 1024).toFixed(1);
  for (const h of [...run.floor.slice(0, 1), ...run.pages]) {
    console.log(
      `${h.name.padEnd(34)} ${col(h.connections, 5)} ${col(h.processes, 5)} ${col(h.requests_per_s)} ${col(h.p95_ms)} ${col(h.cpu_ms_per_request)} ${col(h.floor_ratio, 7)} ${col(h.statements, 6)} ${col(kb(h.bytes))} ${col(kb(h.bytes_gzip))} ${col(h.errors, 6)} ${col(h.rss_idle_mb)} ${col(h.peak_rss_mb)}`,
    );
  }
  const floorCpu = run.floor.map((f) => f.cpu_ms_per_request);
  console.log(`\nfloor page CPU per request over the run: ${Math.min(...floorCpu)}–${Math.max(...floorCpu)} ms`);

  for (const single of run.pages.filter((p) => p.processes === 1 && p.connections === 10)) {
    const both = run.pages.find((p) => p.name === single.name && p.processes > 1);
    if (both)
      console.log(
        `${single.name}: ${both.processes} processes serve ${(both.requests_per_s / single.requests_per_s).toFixed(2)}× the requests of one`,
      );
  }
  if (run.lighthouse.length) {
    console.log('\nLighthouse (mobile)');
    for (const l of run.lighthouse)
      console.log(`  ${l.page.padEnd(20)} ${l.performance}  (LCP ${l.lcp_ms} ms, TBT ${l.tbt_ms} ms)`);
  }
  console.log('\nClient messages per layout scope (gzip, scope + root)');
  const sizes = clientMessageSizes();
  for (const s of sizes) console.log(`  ${s.scope.padEnd(8)} ${s.locale.padEnd(6)} ${kb(s.bytes_gzip)} KB`);

  const empty = { p50_ms: null, p95_ms: null, p99_ms: null, raw_p95_ms: null, ratio: null } as const;
  return [
    ...run.floor.map((f) => row(tier, f)),
    ...run.pages.map((p) => row(tier, p)),
    ...run.lighthouse.map((l) => ({
      name: `Lighthouse mobile ${l.page}`,
      tier,
      ...empty,
      lighthouse_performance: l.performance,
    })),
    ...sizes.map((s) => ({ name: `client messages ${s.scope} ${s.locale}`, tier, ...empty, bytes_gzip: s.bytes_gzip })),
  ];
}
