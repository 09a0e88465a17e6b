/**
 * Turning the answers of advisory services into the vendored list's records. Two sources:
 * the npm registry's bulk advisory endpoint (what `npm audit` uses) and OSV (api.osv.dev), which
 * carries the same GitHub advisories. Pure conversion here; the fetching is in
 * scripts/deps-refresh-advisories.ts.
 */
import type { Advisory, Lockfile, Severity } from './deps';
import { packageNameFromPath, SEVERITIES } from './deps';

/** name → versions, for every package in the lockfile (dev ones too: the list is cheap). */
export function lockedVersions(lock: Lockfile): Record<string, string[]> {
  const out: Record<string, Set<string>> = {};
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    if (path === '' || entry.link || !entry.version) continue;
    const name = entry.name ?? packageNameFromPath(path);
    (out[name] ??= new Set()).add(entry.version);
  }
  return Object.fromEntries(
    Object.entries(out)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, [...v].sort()]),
  );
}

function normaliseSeverity(word: unknown): Severity | null {
  const s = String(word ?? '').toLowerCase();
  if (s === 'medium') return 'moderate';
  return (SEVERITIES as readonly string[]).includes(s) ? (s as Severity) : null;
}

/** One entry of the npm bulk endpoint's answer ({ name: [{ id, url, title, severity, vulnerable_versions }] }). */
interface NpmBulkAdvisory {
  id?: number | string;
  url?: string;
  title?: string;
  severity?: string;
  vulnerable_versions?: string;
}

export function fromNpmBulk(body: unknown): Advisory[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error('the bulk advisory answer is not an object');
  const out: Advisory[] = [];
  for (const [name, list] of Object.entries(body as Record<string, unknown>)) {
    if (!Array.isArray(list)) throw new Error(`the bulk advisory answer for ${name} is not a list`);
    for (const a of list as NpmBulkAdvisory[]) {
      if (!a.vulnerable_versions) throw new Error(`advisory ${a.id} for ${name} has no vulnerable_versions`);
      const ghsa = a.url?.match(/GHSA-[\w-]+/)?.[0];
      out.push({
        id: ghsa ?? String(a.id),
        package: name,
        vulnerable_versions: a.vulnerable_versions,
        severity: normaliseSeverity(a.severity) ?? 'high',
        title: a.title ?? '',
        ...(a.url ? { url: a.url } : {}),
      });
    }
  }
  return sortAdvisories(out);
}

/** The parts of an OSV record (https://ossf.github.io/osv-schema/) the conversion reads. */
export interface OsvVulnerability {
  id: string;
  aliases?: string[];
  summary?: string;
  withdrawn?: string;
  affected?: {
    package?: { ecosystem?: string; name?: string };
    ranges?: { type?: string; events?: { introduced?: string; fixed?: string; last_affected?: string; limit?: string }[] }[];
    versions?: string[];
  }[];
  database_specific?: { severity?: string };
}

/** OSV's introduced/fixed events as an npm range ("introduced 0, fixed 1.2.3" → "<1.2.3"). */
export function osvEventsToRange(events: { introduced?: string; fixed?: string; last_affected?: string; limit?: string }[]): string {
  const parts: string[] = [];
  let lower: string | null = null;
  let open = false;
  for (const e of events) {
    if (e.introduced !== undefined) {
      lower = e.introduced === '0' ? null : e.introduced;
      open = true;
    } else if (open && (e.fixed !== undefined || e.last_affected !== undefined || e.limit !== undefined)) {
      const upper = e.fixed !== undefined ? `<${e.fixed}` : e.last_affected !== undefined ? `<=${e.last_affected}` : `<${e.limit}`;
      parts.push(lower ? `>=${lower} ${upper}` : upper);
      open = false;
    }
  }
  if (open) parts.push(lower ? `>=${lower}` : '*');
  return parts.join(' || ');
}

export function fromOsv(vulns: OsvVulnerability[]): Advisory[] {
  const out: Advisory[] = [];
  for (const v of vulns) {
    if (v.withdrawn) continue;
    const severity = normaliseSeverity(v.database_specific?.severity);
    const ghsa = [v.id, ...(v.aliases ?? [])].find((id) => id.startsWith('GHSA-'));
    for (const affected of v.affected ?? []) {
      if (affected.package?.ecosystem !== 'npm' || !affected.package.name) continue;
      const ranges = (affected.ranges ?? [])
        .filter((r) => r.type === 'SEMVER' || r.type === 'ECOSYSTEM')
        .map((r) => osvEventsToRange(r.events ?? []))
        .filter(Boolean);
      if (ranges.length === 0 && affected.versions?.length) ranges.push(affected.versions.map((x) => `=${x}`).join(' || '));
      if (ranges.length === 0) continue;
      out.push({
        id: ghsa ?? v.id,
        package: affected.package.name,
        vulnerable_versions: ranges.join(' || '),
        // OSV without a severity word (a bare CVSS vector) counts as high: checked by a person, not skipped.
        severity: severity ?? 'high',
        title: (v.summary ?? '') + (severity ? '' : ' (no severity given; counted as high)'),
        url: ghsa ? `https://github.com/advisories/${ghsa}` : `https://osv.dev/vulnerability/${v.id}`,
      });
    }
  }
  return sortAdvisories(dedupe(out));
}

function dedupe(list: Advisory[]): Advisory[] {
  const seen = new Map<string, Advisory>();
  for (const a of list) seen.set(`${a.package}\u0000${a.id}\u0000${a.vulnerable_versions}`, a);
  return [...seen.values()];
}

export function sortAdvisories(list: Advisory[]): Advisory[] {
  return [...list].sort((a, b) => a.package.localeCompare(b.package) || a.id.localeCompare(b.id));
}
