/**
 * Reading wapiti's JSON report (`wapiti -f json`): { classifications, vulnerabilities, anomalies,
 * additionals, infos }, where vulnerabilities and anomalies map a category name to a list of
 * findings with a level (wapiti 3: 0 info, 1 low, 2 medium, 3 high, 4 critical; older reports
 * and some versions write it as a string). Pure functions, tested beside this file.
 */

export const LEVEL_NAMES = ['info', 'low', 'medium', 'high', 'critical'] as const;
/** Findings at this level or above fail the scan. */
export const FAIL_LEVEL = 3;

/**
 * Categories that fail whatever level wapiti gives them. wapiti 3.0.4 rates a reflected XSS
 * "medium" and an open redirect "low" (a stored XSS is "high"); in an app whose sessions open
 * customers' personal data to staff, a script injected into a page or a sign-in link sent elsewhere
 * is as serious as any finding, so the scan is held to the stricter reading.
 */
export const ALWAYS_HIGH = new Set(['Cross Site Scripting', 'Open Redirect', 'CRLF Injection', 'Server Side Request Forgery', 'XML External Entity']);

export interface WapitiFinding {
  method?: string;
  path?: string;
  info?: string;
  level?: number | string;
  parameter?: string;
  http_request?: string;
}

export interface WapitiReport {
  vulnerabilities?: Record<string, WapitiFinding[]>;
  anomalies?: Record<string, WapitiFinding[]>;
  additionals?: Record<string, WapitiFinding[]>;
  infos?: Record<string, unknown>;
}

export interface Finding {
  kind: 'vulnerability' | 'anomaly';
  category: string;
  /** The level the scan judges by (wapiti's, or raised: see ALWAYS_HIGH). */
  level: number;
  /** wapiti's own level. */
  wapitiLevel: number;
  method: string;
  path: string;
  parameter: string;
  info: string;
}

/** "3", 3, "High", "critical" → 0..4; anything unreadable counts as high (a question, not a pass). */
export function levelOf(level: unknown): number {
  if (typeof level === 'number' && Number.isFinite(level)) return Math.max(0, Math.min(4, Math.trunc(level)));
  const s = String(level ?? '').trim().toLowerCase();
  if (/^\d+$/.test(s)) return Math.min(4, Number(s));
  const named = (LEVEL_NAMES as readonly string[]).indexOf(s === 'moderate' ? 'medium' : s);
  return named === -1 ? FAIL_LEVEL : named;
}

export function levelName(level: number): string {
  return LEVEL_NAMES[level] ?? String(level);
}

/** The level a finding is judged by: wapiti's, raised to high for ALWAYS_HIGH and for a session cookie without HttpOnly. */
export function judgedLevel(category: string, level: number, info: string): number {
  if (ALWAYS_HIGH.has(category)) return Math.max(level, FAIL_LEVEL);
  // DESIGN §9: session cookies are HttpOnly. (Secure is not judged: the scan runs over plain http.)
  if (category === 'HttpOnly Flag cookie' && /session/i.test(info)) return Math.max(level, FAIL_LEVEL);
  return level;
}

export function findingsOf(report: WapitiReport): Finding[] {
  const out: Finding[] = [];
  for (const [kind, groups] of [
    ['vulnerability', report.vulnerabilities],
    ['anomaly', report.anomalies],
  ] as const) {
    for (const [category, list] of Object.entries(groups ?? {})) {
      for (const f of list ?? []) {
        const wapitiLevel = levelOf(f.level);
        out.push({
          kind,
          category,
          level: kind === 'vulnerability' ? judgedLevel(category, wapitiLevel, f.info ?? '') : wapitiLevel,
          wapitiLevel,
          method: f.method ?? '',
          path: f.path ?? '',
          parameter: f.parameter ?? '',
          info: (f.info ?? '').trim(),
        });
      }
    }
  }
  return out;
}

/** Findings that fail the build: vulnerabilities of high or critical level. */
export function failingFindings(findings: Finding[]): Finding[] {
  return findings.filter((f) => f.kind === 'vulnerability' && f.level >= FAIL_LEVEL);
}

/** "category (level): count" lines, most severe first. */
export function summarise(findings: Finding[]): string[] {
  const counts = new Map<string, { kind: string; category: string; level: number; n: number }>();
  for (const f of findings) {
    const key = `${f.kind}\u0000${f.category}\u0000${f.level}`;
    const c = counts.get(key) ?? { kind: f.kind, category: f.category, level: f.level, n: 0 };
    c.n++;
    counts.set(key, c);
  }
  return [...counts.values()]
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'vulnerability' ? -1 : 1) || b.level - a.level || a.category.localeCompare(b.category))
    .map((c) => `${c.kind} ${c.category} (${levelName(c.level)}): ${c.n}`);
}

/** One line a person can act on: where, what, how severe. */
export function describe(f: Finding): string {
  const where = `${f.method} ${f.path}`.trim();
  const param = f.parameter ? ` [${f.parameter}]` : '';
  const raised = f.level !== f.wapitiLevel ? ` (wapiti: ${levelName(f.wapitiLevel)})` : '';
  return `${levelName(f.level).toUpperCase()}${raised} ${f.category}: ${where}${param} — ${f.info.split('\n')[0]}`;
}
