/**
 * The offline dependency check: every production package in package-lock.json is pinned (an
 * exact version and an integrity hash, from the registry), the lockfile agrees with package.json,
 * and no installed production version lies in a high or critical advisory of the vendored list
 * (security/advisories.json, refreshed by scripts/deps-refresh-advisories.ts where the network
 * allows). Pure functions: the CLI in scripts/deps-check.ts reads the files.
 */
import { parseVersion, satisfies } from './semver-range';

/** The vendored advisory list, relative to the project root. */
export const ADVISORIES_FILE = 'security/advisories.json';

export const SEVERITIES = ['info', 'low', 'moderate', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Advisory {
  /** GHSA id, npm advisory number or OSV id. */
  id: string;
  package: string;
  /** npm range syntax, e.g. ">=1.0.0 <1.4.2 || >=2.0.0 <2.0.3". */
  vulnerable_versions: string;
  severity: Severity;
  title: string;
  url?: string;
}

export interface AdvisoryList {
  /** ISO time of the last successful refresh, or null when the list was never refreshed. */
  refreshed_at: string | null;
  /** Where the advisories came from (or "none" for a seed that could not be refreshed). */
  source: string;
  note?: string;
  advisories: Advisory[];
}

export interface LockEntry {
  name?: string;
  version?: string;
  resolved?: string;
  integrity?: string;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  inBundle?: boolean;
  link?: boolean;
  dependencies?: Record<string, string>;
}

export interface Lockfile {
  lockfileVersion?: number;
  packages?: Record<string, LockEntry>;
}

export interface PackageJson {
  dependencies?: Record<string, string>;
}

export interface InstalledPackage {
  name: string;
  version: string;
  /** Where it sits in node_modules (a package may be installed in several versions). */
  path: string;
}

export interface AdvisoryHit {
  advisory: Advisory;
  installed: InstalledPackage;
}

export interface CheckResult {
  packages: InstalledPackage[];
  /** Problems that fail the check. */
  errors: string[];
  /** Worth reading, not failing for. */
  warnings: string[];
  /** Advisories at or above the failing severity that affect an installed version. */
  failing: AdvisoryHit[];
  /** Lower-severity advisories that affect an installed version. */
  other: AdvisoryHit[];
}

/** "node_modules/a/node_modules/@s/b" → "@s/b". */
export function packageNameFromPath(path: string): string {
  const i = path.lastIndexOf('node_modules/');
  return i === -1 ? path : path.slice(i + 'node_modules/'.length);
}

export function severityRank(severity: string): number {
  const i = SEVERITIES.indexOf(severity.toLowerCase() as Severity);
  // An unknown severity word counts as high: better a question than a silent pass.
  return i === -1 ? SEVERITIES.indexOf('high') : i;
}

const INTEGRITY_RE = /^sha512-[A-Za-z0-9+/]{86}==$/;

/** The packages `npm ci --omit=dev` installs: every lockfile entry not marked dev-only. */
export function productionPackages(lock: Lockfile): { packages: InstalledPackage[]; errors: string[] } {
  const errors: string[] = [];
  const packages: InstalledPackage[] = [];
  if (!lock.packages || (lock.lockfileVersion ?? 0) < 2) {
    return { packages, errors: ['package-lock.json has no "packages" map (lockfileVersion 2 or 3 needed): run npm install with npm 7 or newer'] };
  }
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '' || entry.dev || entry.link) continue;
    const name = entry.name ?? packageNameFromPath(path);
    const version = entry.version ?? '';
    if (!parseVersion(version)) {
      errors.push(`${path}: version "${version}" is not an exact version (git, file or URL dependencies are not pinned)`);
      continue;
    }
    // A bundled package ships inside its parent's tarball and is covered by the parent's hash.
    if (!entry.inBundle) {
      if (!entry.integrity) errors.push(`${path}@${version}: no integrity hash in the lockfile`);
      else if (!INTEGRITY_RE.test(entry.integrity.split(/\s+/)[0]!)) {
        errors.push(`${path}@${version}: integrity is not a sha512 hash (${entry.integrity.slice(0, 12)}…)`);
      }
      if (entry.resolved !== undefined && !/^https:\/\/[^/]+\/.+\.tgz$/.test(entry.resolved)) {
        errors.push(`${path}@${version}: resolved from "${entry.resolved}", not a registry tarball over https`);
      }
    }
    packages.push({ name, version, path });
  }
  packages.sort((a, b) => a.path.localeCompare(b.path));
  return { packages, errors };
}

/** package.json and the lockfile's root agree on the production dependencies. */
export function lockMatchesManifest(lock: Lockfile, manifest: PackageJson): { errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  const wanted = manifest.dependencies ?? {};
  const locked = lock.packages?.['']?.dependencies ?? {};
  for (const [name, spec] of Object.entries(wanted)) {
    if (locked[name] !== spec) {
      errors.push(`package.json wants ${name}@${spec} but the lockfile records ${locked[name] ?? 'nothing'}: run npm install and commit package-lock.json`);
      continue;
    }
    const installed = lock.packages?.[`node_modules/${name}`];
    if (!installed) {
      errors.push(`${name} is a production dependency but the lockfile installs no node_modules/${name}`);
    } else if (!parseVersion(spec)) {
      warnings.push(`${name} is declared as "${spec}" in package.json, not an exact version (the lockfile pins ${installed.version})`);
    }
  }
  for (const name of Object.keys(locked)) {
    if (!(name in wanted)) errors.push(`the lockfile lists ${name} as a production dependency but package.json does not: run npm install`);
  }
  return { errors, warnings };
}

/** Installed production versions that lie in an advisory's vulnerable range. */
export function matchAdvisories(packages: InstalledPackage[], advisories: Advisory[]): { hits: AdvisoryHit[]; errors: string[] } {
  const byName = new Map<string, InstalledPackage[]>();
  for (const p of packages) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
  const hits: AdvisoryHit[] = [];
  const errors: string[] = [];
  for (const advisory of advisories) {
    for (const installed of byName.get(advisory.package) ?? []) {
      let affected: boolean;
      try {
        affected = satisfies(installed.version, advisory.vulnerable_versions);
      } catch (err) {
        errors.push(`advisory ${advisory.id} (${advisory.package}): ${(err as Error).message}; treat ${installed.version} as affected until the list is fixed`);
        affected = true;
      }
      if (affected) hits.push({ advisory, installed });
    }
  }
  return { hits, errors };
}

export interface CheckOptions {
  /** Lowest severity that fails the check (default "high"). */
  failAt?: Severity;
  /** Now, for the age warning (tests pass a fixed date). */
  now?: Date;
  /** Older than this many days, the list gets a warning (default 30). */
  maxAgeDays?: number;
}

export function checkDependencies(lock: Lockfile, manifest: PackageJson, list: AdvisoryList, options: CheckOptions = {}): CheckResult {
  const failAt = severityRank(options.failAt ?? 'high');
  const { packages, errors } = productionPackages(lock);
  const sync = lockMatchesManifest(lock, manifest);
  const warnings = [...sync.warnings];
  errors.push(...sync.errors);

  if (!Array.isArray(list.advisories)) {
    errors.push('security/advisories.json has no "advisories" array');
  }
  const matched = matchAdvisories(packages, Array.isArray(list.advisories) ? list.advisories : []);
  errors.push(...matched.errors);

  const now = options.now ?? new Date();
  const maxAge = options.maxAgeDays ?? 30;
  if (!list.refreshed_at) {
    warnings.push(`the advisory list has never been refreshed from an advisory service (${list.source}): run npx tsx scripts/deps-refresh-advisories.ts where the network allows`);
  } else {
    const days = Math.floor((now.getTime() - new Date(list.refreshed_at).getTime()) / 86_400_000);
    if (!(days <= maxAge)) warnings.push(`the advisory list is ${days} days old (refreshed ${list.refreshed_at}): refresh it where the network allows`);
  }

  return {
    packages,
    errors,
    warnings,
    failing: matched.hits.filter((h) => severityRank(h.advisory.severity) >= failAt),
    other: matched.hits.filter((h) => severityRank(h.advisory.severity) < failAt),
  };
}
