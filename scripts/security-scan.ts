/**
 * npm run security:scan — scans the running app with Debian's wapiti web vulnerability scanner,
 * once anonymously and once signed in as each role, and fails on any vulnerability of high or
 * critical level. Reports (wapiti's JSON plus a summary) land in .data/security/.
 *
 * The scanned app is its own demo instance (`npm run demo` on port SCAN_PORT, data in .data/scan),
 * never anyone's real data. It is seeded once (`--fresh`), stopped, and its closed data directory
 * kept as a template: each pass starts from a copy, because the scanner submits every form it
 * finds (a pass that registers users, trips the sign-in throttle or deactivates accounts must not
 * change what the next pass sees). The build made by the end-to-end tests is reused
 * (scripts/demo.ts only rebuilds when sources changed).
 *
 * wapiti runs through scripts/security/wapiti.py, which fixes Debian's 3.0.4 so that -x works on
 * Python 3.11 and multipart forms (every server-action form) are attacked as multipart.
 *
 * Time is bounded per pass: SCAN_CRAWL_SECONDS for the crawl, SCAN_ATTACK_SECONDS for each attack
 * module, SCAN_PASS_SECONDS for the whole of wapiti's run (past it no module starts on another
 * resource and the report is written), and a kill 60 s after that (the pass then fails: no
 * report). `--roles customer,admin` picks passes.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { countHits, startOobEndpoint, type OobEndpoint } from './security/oob-endpoint';
import { findLeaks, PASSWORD_HASH, type Marker } from './security/log-leaks';
import { signInWithForm, type Cookie } from './security/sign-in';
import {
  describe,
  failingFindings,
  findingsOf,
  levelName,
  summarise,
  type Finding,
  type WapitiReport,
} from './security/wapiti-report';

const PASSWORD = 'afterdesk-demo';
const PASSES = [
  { role: 'anonymous', email: null, start: ['/', '/sign-in', '/register'] },
  { role: 'customer', email: 'customer@example.com', start: ['/portal'] },
  { role: 'agent', email: 'agent@example.com', start: ['/desk'] },
  { role: 'supervisor', email: 'supervisor@example.com', start: ['/desk'] },
  { role: 'admin', email: 'admin@example.com', start: ['/admin'] },
] as const;
type Pass = (typeof PASSES)[number];

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const PORT = num('SCAN_PORT', 3200);
const CRAWL_SECONDS = num('SCAN_CRAWL_SECONDS', 15);
const ATTACK_SECONDS = num('SCAN_ATTACK_SECONDS', 5);
const PASS_SECONDS = num('SCAN_PASS_SECONDS', 50);
const KILL_GRACE_SECONDS = 60;
const REQUEST_TIMEOUT = num('SCAN_REQUEST_TIMEOUT', 10);
const BASE = `http://127.0.0.1:${PORT}`;
const REPORT_DIR = path.resolve(process.env.SCAN_REPORT_DIR ?? '.data/security');
const DATA_DIR = '.data/scan';
const TEMPLATE_DIR = '.data/scan-template';
const ENVELOPE_FIELDS = [
  '$ACTION_KEY',
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((n) => [`$ACTION_REF_${n}`, `$ACTION_${n}:0`, `$ACTION_${n}:1`]),
];
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function log(message: string) {
  console.log(`[security-scan] ${message}`);
}

/**
 * How to run wapiti: its own Python (from the /usr/bin/wapiti shebang) on scripts/security/wapiti.py,
 * which fixes 3.0.4's exclusion patterns for Python 3.11 and then runs wapiti unchanged.
 */
function wapitiCommand(): string[] | null {
  const which = spawnSync('sh', ['-c', 'command -v wapiti'], { encoding: 'utf8' });
  const bin = which.stdout.trim();
  if (which.status !== 0 || !bin) return null;
  const shebang = /^#!\s*(\S+)/.exec(fs.readFileSync(bin, 'utf8').split('\n', 1)[0] ?? '')?.[1] ?? '/usr/bin/python3';
  return [shebang, path.join('scripts', 'security', 'wapiti.py')];
}

function wapitiVersion(cmd: string[]): string | null {
  const r = spawnSync(cmd[0]!, [...cmd.slice(1), '--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  return /Wapiti[- ]([\d.]+)/.exec(`${r.stdout}${r.stderr}`)?.[1] ?? 'unknown';
}

/** The demo instance on its own data directory; resolves once it answers /api/health/ready. */
async function startApp(logFile: string, fresh: boolean): Promise<ChildProcess> {
  const out = fs.openSync(logFile, 'w');
  const child = spawn(path.join('node_modules', '.bin', 'tsx'), ['scripts/demo.ts', ...(fresh ? ['--fresh'] : [])], {
    detached: true, // its own process group: stopping it stops next start too
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      PORT: String(PORT),
      DATA_DIR,
      PGLITE_DIR: `${DATA_DIR}/pglite`,
      DATABASE_URL: '',
      SMTP_URL: '',
      LOG_LEVEL: 'warn',
      APP_URL: BASE,
    },
  });
  fs.closeSync(out);
  const deadline = Date.now() + 300_000; // room for a build when the sources changed
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const res = await fetch(`${BASE}/api/health/ready`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  await stopApp(child);
  throw new Error(`the app did not come up on ${BASE} (see ${logFile})`);
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the whole process group, then waits until every process in it is gone (SIGKILL after 15 s). */
async function stopApp(child: ChildProcess) {
  const pid = child.pid;
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return; // already gone
  }
  const deadline = Date.now() + 15_000;
  while (groupAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  if (groupAlive(pid)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
    while (groupAlive(pid)) await new Promise((r) => setTimeout(r, 200));
  }
}

/** Seeds a fresh instance once and keeps its closed data directory as every pass's starting point. */
async function prepareTemplate() {
  const app = await startApp(path.join(REPORT_DIR, 'app-seed.log'), true);
  await stopApp(app);
  fs.rmSync(TEMPLATE_DIR, { recursive: true, force: true });
  fs.cpSync(DATA_DIR, TEMPLATE_DIR, { recursive: true });
}

function restoreTemplate() {
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
  fs.cpSync(TEMPLATE_DIR, DATA_DIR, { recursive: true });
}

/**
 * The session cookies of a signed-in user: the sign-in form posted without a browser (fast), or,
 * should that ever stop working, Chromium filling in the form like a person.
 */
async function signIn(email: string): Promise<{ cookies: Cookie[]; how: string }> {
  try {
    return { cookies: await signInWithForm(BASE, email, PASSWORD), how: 'form post' };
  } catch (err) {
    log(`signing in by form post failed (${(err as Error).message}); trying Chromium`);
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const context = await browser.newContext({ baseURL: BASE });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('form button[type=submit]').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'), { timeout: 30_000 });
    const cookies = await context.cookies();
    if (!cookies.some((c) => c.name.includes('session-token')))
      throw new Error(`signing in as ${email} set no session cookie`);
    return { cookies, how: 'Chromium' };
  } finally {
    await browser.close();
  }
}

/** wapiti's JSON cookie file: { domain: { path: { name: { value, expires, secure, port, version } } } }. */
function wapitiCookieFile(cookies: Cookie[]): string {
  const jar: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const c of cookies) {
    // wapiti keys an IP address without the leading dot it gives host names.
    const domain = /^\d+\.\d+\.\d+\.\d+$/.test(c.domain)
      ? c.domain
      : c.domain.startsWith('.')
        ? c.domain
        : `.${c.domain}`;
    jar[domain] ??= {};
    jar[domain][c.path] ??= {};
    jar[domain][c.path]![c.name] = {
      value: c.value,
      expires: c.expires > 0 ? Math.floor(c.expires) : null,
      secure: c.secure,
      port: null,
      version: 0,
    };
  }
  return JSON.stringify(jar, null, 2);
}

/** Whether the session cookie still opens the role's home page (the scan must not have lost it). */
async function stillSignedIn(cookies: Cookie[], home: string): Promise<boolean> {
  const header = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const res = await fetch(`${BASE}${home}`, { headers: { cookie: header }, redirect: 'manual' });
  return res.status === 200;
}

function runWapiti(
  cmd: string[],
  pass: Pass,
  endpoint: OobEndpoint,
  cookieFile: string | null,
  reportFile: string,
  logFile: string,
): Promise<{ code: number | null; timedOut: boolean }> {
  const session = path.join(REPORT_DIR, 'wapiti-state', pass.role);
  fs.rmSync(session, { recursive: true, force: true });
  fs.mkdirSync(session, { recursive: true });
  const args = [
    '-u',
    `${BASE}/`,
    '--scope',
    'folder',
    ...pass.start.flatMap((s) => ['-s', `${BASE}${s}`]),
    // Signing out would end the session mid-scan; static chunks have no parameters to attack.
    '-x',
    `${BASE}/api/auth/signout*`,
    '-x',
    `${BASE}/_next/static/*`,
    // A browser sends Origin with every form post; Next.js checks it on server actions.
    '-H',
    `Origin: ${BASE}`,
    // Next.js's server-action envelope ($ACTION_REF_1, $ACTION_1:0, $ACTION_KEY …) is left
    // intact: payloads go into the app's own fields, which only an intact envelope delivers.
    // wapiti compares --skip with the URL-quoted name; both spellings are given.
    ...ENVELOPE_FIELDS.flatMap((f) => ['--skip', f, '--skip', encodeURIComponent(f)]),
    '-d',
    '3',
    '--max-links-per-page',
    '40',
    '--max-files-per-dir',
    '25',
    '--max-scan-time',
    String(CRAWL_SECONDS),
    '--max-attack-time',
    String(ATTACK_SECONDS),
    '-t',
    String(REQUEST_TIMEOUT),
    '--endpoint',
    endpoint.url,
    '--flush-session',
    '--store-session',
    session,
    '--store-config',
    path.join(session, 'config'),
    '--no-bugreport',
    '-v',
    '1',
    '-f',
    'json',
    '-o',
    reportFile,
    ...(cookieFile ? ['-c', cookieFile] : []),
  ];
  const out = fs.openSync(logFile, 'w');
  const child = spawn(cmd[0]!, [...cmd.slice(1), ...args], {
    stdio: ['ignore', out, out],
    detached: true,
    env: { ...process.env, WAPITI_ATTACK_DEADLINE: String(Date.now() / 1000 + PASS_SECONDS) },
  });
  fs.closeSync(out);
  return new Promise((resolve) => {
    let timedOut = false;
    const timer = setTimeout(
      () => {
        timedOut = true;
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // gone
        }
      },
      (PASS_SECONDS + KILL_GRACE_SECONDS) * 1000,
    );
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, timedOut });
    });
  });
}

/** Values the app must never write to its log (DESIGN §9), the ones a scan pass could provoke. */
function leakMarkers(): Marker[] {
  const secret = (file: string) => {
    try {
      return fs.readFileSync(path.join(DATA_DIR, file), 'utf8').trim();
    } catch {
      return '';
    }
  };
  return [
    { label: "the scanner's e-mail address", value: 'wapiti2021@mailinator.com' },
    { label: "the scanner's password", value: 'Letm3in_' },
    { label: 'the demo password', value: PASSWORD },
    ...PASSES.flatMap((p) => (p.email ? [{ label: 'a demo account e-mail address', value: p.email }] : [])),
    { label: 'a password hash', value: PASSWORD_HASH },
    { label: 'AUTH_SECRET', value: secret('auth-secret') },
    { label: 'the data encryption key', value: secret('data-key') },
  ];
}

/** The app's log after a pass, searched for personal data and secrets: each kind found is a high finding. */
function logLeaks(appLog: string): Finding[] {
  if (!fs.existsSync(appLog)) return [];
  return findLeaks(fs.readFileSync(appLog, 'utf8'), leakMarkers()).map((leak) => ({
    kind: 'vulnerability' as const,
    category: 'Personal data or secrets in the app log',
    level: 3,
    wapitiLevel: 3,
    method: '',
    path: path.relative(process.cwd(), appLog),
    parameter: '',
    info: `${leak.count} line(s) with ${leak.label}, e.g. ${leak.example}`,
  }));
}

/** What wapiti's log says about coverage: resources seen, and which time bounds cut it short. */
function coverageNotes(logText: string): string[] {
  const seen = new Set<string>();
  for (const m of logText.matchAll(/^\[\+\] (GET|POST|PUT|DELETE|PATCH) (\S+)/gm))
    seen.add(`${m[1]} ${m[2]!.split('?')[0]}`);
  const found = /Wapiti found (\d+) URLs and forms/.exec(logText)?.[1];
  const notes = [`${found ?? '?'} URLs and forms found, ${seen.size} distinct resources crawled or attacked`];
  if (/Max scan time was reached/.test(logText)) notes.push(`crawl stopped at its ${CRAWL_SECONDS}s bound`);
  const cut = [...logText.matchAll(/Max attack time was reached for module (\w+)/g)].map((m) => m[1]);
  if (cut.length) notes.push(`modules stopped at their ${ATTACK_SECONDS}s bound: ${cut.join(', ')}`);
  if (/Attack time bound reached/.test(logText)) notes.push(`attacks stopped at the ${PASS_SECONDS}s pass bound`);
  return notes;
}

interface PassResult {
  role: string;
  seconds: number;
  findings: Finding[];
  reportFile: string;
  problems: string[];
  notes: string[];
}

async function scanPass(cmd: string[], pass: Pass, endpoint: OobEndpoint): Promise<PassResult> {
  const started = Date.now();
  const reportFile = path.join(REPORT_DIR, `wapiti-${pass.role}.json`);
  const problems: string[] = [];
  const notes: string[] = [];
  fs.rmSync(reportFile, { force: true });
  restoreTemplate();
  const app = await startApp(path.join(REPORT_DIR, `app-${pass.role}.log`), false);
  const timings: string[] = [`app start ${Math.round((Date.now() - started) / 1000)}s`];
  try {
    let cookies: Cookie[] | null = null;
    let cookieFile: string | null = null;
    if (pass.email) {
      const t = Date.now();
      const signedIn = await signIn(pass.email);
      cookies = signedIn.cookies;
      timings.push(`sign-in (${signedIn.how}) ${Math.round((Date.now() - t) / 1000)}s`);
      cookieFile = path.join(REPORT_DIR, 'wapiti-state', `cookies-${pass.role}.json`);
      fs.mkdirSync(path.dirname(cookieFile), { recursive: true });
      fs.writeFileSync(cookieFile, wapitiCookieFile(cookies), { mode: 0o600 });
    }
    const hitsBefore = countHits(endpoint);
    const t = Date.now();
    const { code, timedOut } = await runWapiti(
      cmd,
      pass,
      endpoint,
      cookieFile,
      reportFile,
      path.join(REPORT_DIR, `wapiti-${pass.role}.log`),
    );
    timings.push(`wapiti ${Math.round((Date.now() - t) / 1000)}s`);
    if (timedOut)
      problems.push(`wapiti was still running ${KILL_GRACE_SECONDS}s past its ${PASS_SECONDS}s bound and was killed`);
    else if (code !== 0) problems.push(`wapiti exited with status ${code} (see wapiti-${pass.role}.log)`);
    if (countHits(endpoint) > hitsBefore)
      notes.push(`the app made ${countHits(endpoint) - hitsBefore} request(s) to the out-of-band endpoint`);
    if (cookies && pass.start[0] && !(await stillSignedIn(cookies, pass.start[0]))) {
      notes.push(
        'the session did not survive the scan (a form it submitted ended it): later pages were crawled signed out',
      );
    }
  } finally {
    await stopApp(app);
  }

  let findings: Finding[] = [];
  const leaks = logLeaks(path.join(REPORT_DIR, `app-${pass.role}.log`));
  if (fs.existsSync(reportFile)) {
    try {
      findings = findingsOf(JSON.parse(fs.readFileSync(reportFile, 'utf8')) as WapitiReport);
    } catch (err) {
      problems.push(`cannot read ${reportFile}: ${(err as Error).message}`);
    }
  } else if (problems.length === 0) {
    problems.push(`wapiti wrote no report at ${reportFile}`);
  }
  findings.push(...leaks);
  const wapitiLog = path.join(REPORT_DIR, `wapiti-${pass.role}.log`);
  if (fs.existsSync(wapitiLog)) notes.unshift(...coverageNotes(fs.readFileSync(wapitiLog, 'utf8')));
  notes.unshift(timings.join(', '));
  return { role: pass.role, seconds: Math.round((Date.now() - started) / 1000), findings, reportFile, problems, notes };
}

function printResult(r: PassResult) {
  const failing = failingFindings(r.findings);
  log(
    `${r.role}: ${r.seconds}s, ${r.findings.length} finding(s), ${failing.length} high or critical — ${r.reportFile}`,
  );
  for (const line of summarise(r.findings)) log(`  ${line}`);
  for (const f of r.findings.filter((x) => x.level >= 2 || x.kind === 'anomaly')) log(`  ${describe(f)}`);
  for (const n of r.notes) log(`  note: ${n}`);
  for (const p of r.problems) log(`  PROBLEM: ${p}`);
}

async function main() {
  const i = process.argv.indexOf('--roles');
  const only =
    process.argv.find((a) => a.startsWith('--roles='))?.slice('--roles='.length) ??
    (i === -1 ? undefined : (process.argv[i + 1] ?? ''));
  const wanted = only === undefined ? null : new Set(only.split(','));
  const passes = PASSES.filter((p) => !wanted || wanted.has(p.role));
  if (passes.length === 0) throw new Error(`no such role; choose from ${PASSES.map((p) => p.role).join(', ')}`);

  const cmd = wapitiCommand();
  const version = cmd && wapitiVersion(cmd);
  if (!cmd || !version) throw new Error('wapiti is not installed (Debian: apt-get install wapiti)');
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (needed to sign in); set CHROMIUM_PATH`);
  fs.mkdirSync(REPORT_DIR, { recursive: true });
  log(
    `wapiti ${version} against ${BASE}; passes: ${passes.map((p) => p.role).join(', ')}; per pass: crawl ${CRAWL_SECONDS}s, ` +
      `${ATTACK_SECONDS}s per attack module, ${PASS_SECONDS}s in all (killed at ${PASS_SECONDS + KILL_GRACE_SECONDS}s)`,
  );

  const started = Date.now();
  await prepareTemplate();
  log(`seeded the scan instance in ${Math.round((Date.now() - started) / 1000)}s`);
  const endpoint = await startOobEndpoint(0);
  const results: PassResult[] = [];
  try {
    for (const pass of passes) {
      const r = await scanPass(cmd, pass, endpoint);
      printResult(r);
      results.push(r);
    }
  } finally {
    await endpoint.close();
    fs.rmSync(path.join(REPORT_DIR, 'wapiti-state'), { recursive: true, force: true });
    fs.rmSync(TEMPLATE_DIR, { recursive: true, force: true });
  }

  const summary = {
    finished_at: new Date().toISOString(),
    wapiti: version,
    target: BASE,
    seconds: Math.round((Date.now() - started) / 1000),
    limits: { crawl_seconds: CRAWL_SECONDS, attack_seconds_per_module: ATTACK_SECONDS, pass_seconds: PASS_SECONDS },
    passes: results.map((r) => ({
      role: r.role,
      seconds: r.seconds,
      report: r.reportFile,
      problems: r.problems,
      notes: r.notes,
      failing: failingFindings(r.findings),
      by_category: summarise(r.findings),
    })),
  };
  const summaryFile = path.join(REPORT_DIR, 'scan-summary.json');
  fs.writeFileSync(summaryFile, JSON.stringify(summary, null, 2));

  const failing = results.flatMap((r) => failingFindings(r.findings).map((f) => ({ role: r.role, f })));
  const problems = results.flatMap((r) => r.problems.map((p) => `${r.role}: ${p}`));
  log(`done in ${summary.seconds}s; reports in ${REPORT_DIR} (summary: ${summaryFile})`);
  if (failing.length || problems.length) {
    for (const { role, f } of failing) log(`FAIL [${role}] ${describe(f)}`);
    for (const p of problems) log(`FAIL ${p}`);
    log(`${failing.length} high or critical finding(s), ${problems.length} pass(es) that did not complete`);
    process.exit(1);
  }
  const worst = Math.max(-1, ...results.flatMap((r) => r.findings.map((f) => f.level)));
  log(`no high or critical findings${worst >= 0 ? ` (worst: ${levelName(worst)})` : ''}`);
}

main().catch((err: Error) => {
  console.error(`[security-scan] ${err.message}`);
  process.exit(1);
});
