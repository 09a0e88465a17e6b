/**
 * The subset of npm's semver range syntax that advisory lists use ("<1.2.3", ">=2.0.0 <2.4.1",
 * "a || b", "1.0.0 - 1.2.0", "*", and for completeness ^, ~ and x-ranges), so the offline
 * dependency check needs no package outside the project's own dependencies.
 *
 * Prerelease versions are compared by plain semver precedence (node-semver's includePrerelease):
 * for an advisory check, 5.0.0-beta.32 must count as affected by "<5.0.0-beta.40" and by
 * ">=4.0.0 <5.0.1". A range this module cannot read throws, so a caller never treats it as "safe".
 */

export interface Version {
  major: number;
  minor: number;
  patch: number;
  prerelease: (string | number)[];
}

const VERSION_RE =
  /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?$/;

/** An exact version ("1.2.3", "1.2.3-beta.1", "1.2.3+build"), or null when it is not one. */
export function parseVersion(text: string): Version | null {
  const m = VERSION_RE.exec(text.trim());
  if (!m) return null;
  return {
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: Number(m[3]),
    prerelease: m[4] ? m[4].split('.').map((id) => (/^\d+$/.test(id) ? Number(id) : id)) : [],
  };
}

function compareIds(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1; // numeric identifiers sort before alphanumeric ones
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Semver precedence: negative when a < b, 0 when equal (build metadata ignored), positive when a > b. */
export function compareVersions(a: Version, b: Version): number {
  const core = a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  if (core !== 0) return Math.sign(core);
  if (a.prerelease.length === 0 || b.prerelease.length === 0) {
    // A release sorts after its prereleases.
    return Math.sign(b.prerelease.length - a.prerelease.length);
  }
  for (let i = 0; i < Math.max(a.prerelease.length, b.prerelease.length); i++) {
    const x = a.prerelease[i];
    const y = b.prerelease[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const c = compareIds(x, y);
    if (c !== 0) return Math.sign(c);
  }
  return 0;
}

type Op = '<' | '<=' | '>' | '>=' | '=';
interface Comparator {
  op: Op;
  version: Version;
}

/** A partial version as written in a range: missing or wildcard parts are null. */
interface Partial {
  major: number | null;
  minor: number | null;
  patch: number | null;
  prerelease: (string | number)[];
}

const PARTIAL_RE = /^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

function parsePartial(text: string, range: string): Partial {
  const m = PARTIAL_RE.exec(text);
  if (!m) throw new Error(`cannot read version "${text}" in range "${range}"`);
  const part = (s: string | undefined) => (s === undefined || /^[xX*]$/.test(s) ? null : Number(s));
  const major = part(m[1]);
  const minor = major === null ? null : part(m[2]);
  const patch = minor === null ? null : part(m[3]);
  const prerelease = patch !== null && m[4] ? m[4].split('.').map((id) => (/^\d+$/.test(id) ? Number(id) : id)) : [];
  return { major, minor, patch, prerelease };
}

const v = (major: number, minor: number, patch: number, prerelease: (string | number)[] = []): Version => ({
  major,
  minor,
  patch,
  prerelease,
});
/** The lowest version of a release line, prereleases included ("<2.0.0" excludes 2.0.0-beta). */
const floor = (major: number, minor: number, patch: number) => v(major, minor, patch, [0]);

/** The comparators a single range term stands for ("^1.2.3" → ">=1.2.3 <2.0.0-0"). */
function expandTerm(op: string, p: Partial, range: string): Comparator[] {
  const { major, minor, patch } = p;
  if (major === null) {
    if (op === '<' || op === '>') return [{ op: '<', version: floor(0, 0, 0) }]; // matches nothing
    return []; // "*", ">=*", "<=*": anything
  }
  const full = minor !== null && patch !== null;
  switch (op) {
    case '^': {
      const lo = v(major, minor ?? 0, patch ?? 0, p.prerelease);
      let hi: Version;
      if (major > 0 || minor === null) hi = floor(major + 1, 0, 0);
      else if (minor > 0 || patch === null) hi = floor(0, minor + 1, 0);
      else hi = floor(0, 0, patch + 1);
      return [
        { op: '>=', version: lo },
        { op: '<', version: hi },
      ];
    }
    case '~': {
      const lo = v(major, minor ?? 0, patch ?? 0, p.prerelease);
      const hi = minor === null ? floor(major + 1, 0, 0) : floor(major, minor + 1, 0);
      return [
        { op: '>=', version: lo },
        { op: '<', version: hi },
      ];
    }
    case '':
    case '=': {
      if (full) return [{ op: '=', version: v(major, minor, patch, p.prerelease) }];
      const hi = minor === null ? floor(major + 1, 0, 0) : floor(major, minor + 1, 0);
      return [
        { op: '>=', version: floor(major, minor ?? 0, 0) },
        { op: '<', version: hi },
      ];
    }
    case '<':
      return [{ op: '<', version: full ? v(major, minor, patch, p.prerelease) : floor(major, minor ?? 0, 0) }];
    case '>=':
      return [{ op: '>=', version: full ? v(major, minor, patch, p.prerelease) : floor(major, minor ?? 0, 0) }];
    case '>':
      if (full) return [{ op: '>', version: v(major, minor, patch, p.prerelease) }];
      return [{ op: '>=', version: minor === null ? floor(major + 1, 0, 0) : floor(major, minor + 1, 0) }];
    case '<=':
      if (full) return [{ op: '<=', version: v(major, minor, patch, p.prerelease) }];
      return [{ op: '<', version: minor === null ? floor(major + 1, 0, 0) : floor(major, minor + 1, 0) }];
    default:
      throw new Error(`cannot read operator "${op}" in range "${range}"`);
  }
}

function parseComparatorSet(set: string, range: string): Comparator[] {
  const trimmed = set.trim();
  const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(trimmed);
  if (hyphen) {
    const lo = parsePartial(hyphen[1]!, range);
    const hi = parsePartial(hyphen[2]!, range);
    return [...expandTerm('>=', lo, range), ...expandTerm('<=', hi, range)];
  }
  // "<= 1.2.3" is written with a space sometimes: glue operators to their versions first.
  const tokens = trimmed.replace(/(<=|>=|<|>|=|\^|~)\s+/g, '$1').split(/\s+/).filter(Boolean);
  const out: Comparator[] = [];
  for (const token of tokens) {
    const m = /^(<=|>=|<|>|=|\^|~>?|)(.*)$/.exec(token)!;
    const op = m[1] === '~>' ? '~' : m[1]!;
    if (m[2] === '') throw new Error(`operator without a version in range "${range}"`);
    out.push(...expandTerm(op, parsePartial(m[2]!, range), range));
  }
  return out;
}

function holds(c: Comparator, version: Version): boolean {
  const d = compareVersions(version, c.version);
  switch (c.op) {
    case '<':
      return d < 0;
    case '<=':
      return d <= 0;
    case '>':
      return d > 0;
    case '>=':
      return d >= 0;
    case '=':
      return d === 0;
  }
}

/** Throws when the range is not one this module can read. */
export function parseRange(range: string): Comparator[][] {
  const sets = range.trim() === '' ? [''] : range.split('||');
  return sets.map((set) => parseComparatorSet(set, range));
}

/** Whether an exact version lies in an npm-style range. Throws on an unreadable version or range. */
export function satisfies(version: string, range: string): boolean {
  const parsed = parseVersion(version);
  if (!parsed) throw new Error(`"${version}" is not an exact version`);
  return parseRange(range).some((set) => set.every((c) => holds(c, parsed)));
}
