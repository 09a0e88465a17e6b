/**
 * Lighthouse performance scores (its default, the mobile preset: a mid-range phone on a slow 4G
 * link, simulated) for the pages a customer meets first and the agent's queue, in the system's
 * Chromium. Lighthouse runs as its own CLI process: under tsx, esbuild's helper names leak into
 * the functions Lighthouse sends to the browser and fail there.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CLI = path.resolve('node_modules', 'lighthouse', 'cli', 'index.js');

export type LighthouseScore = { page: string; performance: number; lcp_ms: number; tbt_ms: number };

type Report = {
  runtimeError?: { message: string };
  categories: { performance?: { score: number | null } };
  audits: Record<string, { numericValue?: number } | undefined>;
};

/**
 * One Lighthouse run, tried a second time when it fails: right after the load tests, Chromium
 * now and then loses the page's trace (NO_NAVSTART) although the page is fine.
 */
async function audit(args: string[], chrome: string, page: string): Promise<Report> {
  let failure: unknown;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const { stdout } = await run(process.execPath, args, {
        env: { ...process.env, CHROME_PATH: chrome },
        maxBuffer: 64 * 1024 * 1024,
      });
      const lhr = JSON.parse(stdout) as Report;
      if (!lhr.runtimeError) return lhr;
      failure = new Error(`Lighthouse on ${page}: ${lhr.runtimeError.message}`);
    } catch (err) {
      failure = err;
    }
  }
  throw failure;
}

export async function lighthouseScores(
  base: string,
  pages: { name: string; path: string; cookie: string }[],
): Promise<LighthouseScore[]> {
  const chrome = process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const scores: LighthouseScore[] = [];
  for (const page of pages) {
    const args = [
      CLI,
      `${base}${page.path}`,
      '--output=json',
      '--output-path=stdout',
      '--only-categories=performance',
      '--quiet',
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage',
      ...(page.cookie ? [`--extra-headers=${JSON.stringify({ Cookie: page.cookie })}`] : []),
    ];
    const lhr = await audit(args, chrome, page.path);
    scores.push({
      page: page.name,
      performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
      lcp_ms: Math.round(lhr.audits['largest-contentful-paint']?.numericValue ?? 0),
      tbt_ms: Math.round(lhr.audits['total-blocking-time']?.numericValue ?? 0),
    });
  }
  return scores;
}
