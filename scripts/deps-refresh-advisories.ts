/**
 * npx tsx scripts/deps-refresh-advisories.ts — refreshes security/advisories.json, the vendored
 * advisory list the offline dependency check (npm run security:deps) compares the lockfile with.
 *
 * Asks, in order, until one answers:
 *   1. the npm registry's bulk advisory endpoint (what `npm audit` uses):
 *      POST <registry>/-/npm/v1/security/advisories/bulk with { name: [versions] }
 *   2. OSV (https://api.osv.dev): /v1/querybatch, then /v1/vulns/<id> for each advisory found.
 * When none answers, it says why and keeps the old list untouched (exit status 2). Commit the
 * refreshed file; the check itself never needs the network.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { fromNpmBulk, fromOsv, lockedVersions, type OsvVulnerability } from './security/advisory-sources';
import { ADVISORIES_FILE, type Advisory, type AdvisoryList, type Lockfile } from './security/deps';

const TIMEOUT_MS = 30_000;

function registry(): string {
  const fromEnv = process.env.npm_config_registry;
  if (fromEnv) return fromEnv;
  try {
    return (
      execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).trim() || 'https://registry.npmjs.org/'
    );
  } catch {
    return 'https://registry.npmjs.org/';
  }
}

async function postJson(url: string, body: unknown): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
  return res.json();
}

async function fromNpm(versions: Record<string, string[]>): Promise<{ source: string; advisories: Advisory[] }> {
  const url = new URL('-/npm/v1/security/advisories/bulk', registry().replace(/\/?$/, '/')).toString();
  const body = await postJson(url, versions);
  return { source: url, advisories: fromNpmBulk(body) };
}

async function fromOsvApi(versions: Record<string, string[]>): Promise<{ source: string; advisories: Advisory[] }> {
  const queries = Object.entries(versions).flatMap(([name, vs]) =>
    vs.map((version) => ({ package: { name, ecosystem: 'npm' }, version })),
  );
  const ids = new Set<string>();
  // The batch endpoint takes up to 1000 queries and answers with ids only.
  for (let i = 0; i < queries.length; i += 1000) {
    const answer = (await postJson('https://api.osv.dev/v1/querybatch', { queries: queries.slice(i, i + 1000) })) as {
      results?: { vulns?: { id: string }[]; next_page_token?: string }[];
    };
    for (const r of answer.results ?? []) {
      for (const v of r.vulns ?? []) ids.add(v.id);
      if (r.next_page_token) throw new Error('OSV paginated an answer; this script does not follow pages yet');
    }
  }
  const vulns: OsvVulnerability[] = [];
  for (const id of [...ids].sort()) {
    const res = await fetch(`https://api.osv.dev/v1/vulns/${encodeURIComponent(id)}`, {
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) throw new Error(`OSV ${id}: ${res.status} ${res.statusText}`);
    vulns.push((await res.json()) as OsvVulnerability);
  }
  // OSV matched on exact versions; keep only records for packages we have.
  return { source: 'https://api.osv.dev/v1', advisories: fromOsv(vulns).filter((a) => a.package in versions) };
}

async function main() {
  const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8')) as Lockfile;
  const versions = lockedVersions(lock);
  const count = Object.values(versions).reduce((n, v) => n + v.length, 0);
  console.log(
    `Asking for advisories on ${Object.keys(versions).length} packages (${count} versions) from package-lock.json`,
  );

  const failures: string[] = [];
  for (const [label, source] of [
    ['npm registry bulk advisories', fromNpm],
    ['OSV', fromOsvApi],
  ] as const) {
    try {
      const { source: where, advisories } = await source(versions);
      const list: AdvisoryList = {
        refreshed_at: new Date().toISOString(),
        source: where,
        note: `Refreshed by scripts/deps-refresh-advisories.ts from ${label}; ${advisories.length} advisories for the packages in package-lock.json at that time.`,
        advisories,
      };
      fs.writeFileSync(ADVISORIES_FILE, `${JSON.stringify(list, null, 2)}\n`);
      const high = advisories.filter((a) => a.severity === 'high' || a.severity === 'critical').length;
      console.log(`Wrote ${ADVISORIES_FILE}: ${advisories.length} advisories (${high} high or critical) from ${where}`);
      console.log('Run npm run security:deps to see which affect production dependencies, then commit the file.');
      return;
    } catch (err) {
      const e = err as Error & { cause?: { code?: string; message?: string } };
      const reason = e.cause?.code ?? e.cause?.message ?? e.message;
      failures.push(`${label}: ${reason}`);
      console.log(`No advisories from ${label}: ${reason}`);
    }
  }

  let kept = 'none';
  try {
    const old = JSON.parse(fs.readFileSync(ADVISORIES_FILE, 'utf8')) as AdvisoryList;
    kept = `${old.advisories.length} advisories, refreshed ${old.refreshed_at ?? 'never'} (${old.source})`;
  } catch {
    // no list yet
  }
  console.log(`No advisory source answered (${failures.join('; ')}). Kept ${ADVISORIES_FILE} as it was: ${kept}.`);
  process.exit(2);
}

main().catch((err: Error) => {
  console.error(`deps-refresh-advisories: ${err.message}`);
  process.exit(1);
});
