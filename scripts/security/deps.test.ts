import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ADVISORIES_FILE,
  checkDependencies,
  lockMatchesManifest,
  packageNameFromPath,
  productionPackages,
  type Advisory,
  type AdvisoryList,
  type Lockfile,
} from './deps';

const SHA = `sha512-${'A'.repeat(86)}==`;

function lockfile(extra: Lockfile['packages'] = {}): Lockfile {
  return {
    lockfileVersion: 3,
    packages: {
      '': { dependencies: { next: '16.4.6', tar: '7.5.23' } },
      'node_modules/next': { version: '16.4.6', integrity: SHA },
      'node_modules/tar': { version: '7.5.23', integrity: SHA },
      'node_modules/tar/node_modules/yallist': { version: '5.0.0', integrity: SHA },
      'node_modules/@img/sharp-linux-x64': { version: '0.35.5', integrity: SHA, optional: true },
      'node_modules/vitest': { version: '4.1.12', integrity: SHA, dev: true },
      'node_modules/yallist': { version: '4.0.0', integrity: SHA, dev: true },
      ...extra,
    },
  };
}
const manifest = { dependencies: { next: '16.4.6', tar: '7.5.23' } };

const advisory = (over: Partial<Advisory>): Advisory => ({
  id: 'GHSA-test-0000-0000',
  package: 'next',
  vulnerable_versions: '<16.4.7',
  severity: 'high',
  title: 'Test advisory',
  ...over,
});
const list = (advisories: Advisory[], refreshed_at: string | null = '2026-11-30T00:00:00Z'): AdvisoryList => ({
  refreshed_at,
  source: 'test',
  advisories,
});
const now = new Date('2026-12-01T00:00:00Z');

describe('packageNameFromPath', () => {
  it('takes the innermost node_modules segment, scopes included', () => {
    expect(packageNameFromPath('node_modules/next')).toBe('next');
    expect(packageNameFromPath('node_modules/a/node_modules/@scope/b')).toBe('@scope/b');
  });
});

describe('productionPackages', () => {
  it('lists every entry that is not dev-only, optional ones included', () => {
    const { packages, errors } = productionPackages(lockfile());
    expect(errors).toEqual([]);
    expect(packages.map((p) => `${p.name}@${p.version}`)).toEqual(['@img/sharp-linux-x64@0.35.5', 'next@16.4.6', 'tar@7.5.23', 'yallist@5.0.0']);
  });

  it('fails on a missing or weak integrity, a git version or a plain-http tarball', () => {
    const { errors } = productionPackages(
      lockfile({
        'node_modules/a': { version: '1.0.0' },
        'node_modules/b': { version: '1.0.0', integrity: 'sha1-abcdefabcdefabcdefabcdefabc=' },
        'node_modules/c': { version: 'git+ssh://git@github.com/x/c.git#deadbeef', integrity: SHA },
        'node_modules/d': { version: '1.0.0', integrity: SHA, resolved: 'http://registry.example/d/-/d-1.0.0.tgz' },
        'node_modules/e': { version: '1.0.0', integrity: SHA, resolved: 'https://registry.npmjs.org/e/-/e-1.0.0.tgz' },
      }),
    );
    expect(errors).toHaveLength(4);
    expect(errors[0]).toMatch(/node_modules\/a@1\.0\.0: no integrity/);
    expect(errors[1]).toMatch(/node_modules\/b@1\.0\.0: integrity is not a sha512/);
    expect(errors[2]).toMatch(/node_modules\/c: version .* not an exact version/);
    expect(errors[3]).toMatch(/node_modules\/d@1\.0\.0: resolved from "http:/);
  });

  it('accepts a bundled package without its own hash (its parent tarball carries it)', () => {
    const { errors, packages } = productionPackages(lockfile({ 'node_modules/next/node_modules/x': { version: '1.0.0', inBundle: true } }));
    expect(errors).toEqual([]);
    expect(packages.some((p) => p.name === 'x')).toBe(true);
  });

  it('refuses a lockfile without a packages map', () => {
    expect(productionPackages({ lockfileVersion: 1 }).errors[0]).toMatch(/lockfileVersion 2 or 3/);
  });
});

describe('lockMatchesManifest', () => {
  it('fails when package.json and the lockfile disagree', () => {
    const { errors } = lockMatchesManifest(lockfile(), { dependencies: { next: '16.4.7', tar: '7.5.23', zod: '4.6.7' } });
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/next@16\.4\.7 .* records 16\.4\.6/);
    expect(errors[1]).toMatch(/zod@4\.6\.7 .* records nothing/);
  });

  it('warns about a range in package.json that the lockfile pins', () => {
    const lock = lockfile({ '': { dependencies: { next: '16.4.6', tar: '^7.5.0' } } });
    const { errors, warnings } = lockMatchesManifest(lock, { dependencies: { next: '16.4.6', tar: '^7.5.0' } });
    expect(errors).toEqual([]);
    expect(warnings).toEqual(['tar is declared as "^7.5.0" in package.json, not an exact version (the lockfile pins 7.5.23)']);
  });
});

describe('checkDependencies', () => {
  it('passes a pinned tree with no matching advisory', () => {
    const result = checkDependencies(lockfile(), manifest, list([advisory({ vulnerable_versions: '<16.4.6' })]), { now });
    expect(result.errors).toEqual([]);
    expect(result.failing).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('fails on a high or critical advisory affecting an installed production version', () => {
    const result = checkDependencies(
      lockfile(),
      manifest,
      list([advisory({}), advisory({ id: 'GHSA-crit', package: 'yallist', vulnerable_versions: '>=5.0.0 <5.0.1', severity: 'critical' })]),
      { now },
    );
    expect(result.failing.map((h) => `${h.advisory.id} ${h.installed.path}`)).toEqual([
      'GHSA-test-0000-0000 node_modules/next',
      // The nested copy under tar is production; the top-level yallist@4 is dev-only and not looked at.
      'GHSA-crit node_modules/tar/node_modules/yallist',
    ]);
  });

  it('reports lower severities without failing, and ignores dev-only packages', () => {
    const result = checkDependencies(
      lockfile(),
      manifest,
      list([advisory({ severity: 'moderate' }), advisory({ package: 'vitest', vulnerable_versions: '*', severity: 'critical' })]),
      { now },
    );
    expect(result.failing).toEqual([]);
    expect(result.other).toHaveLength(1);
    expect(result.other[0]!.advisory.severity).toBe('moderate');
  });

  it('treats an unreadable range as affected and says so', () => {
    const result = checkDependencies(lockfile(), manifest, list([advisory({ vulnerable_versions: '>=banana' })]), { now });
    expect(result.failing).toHaveLength(1);
    expect(result.errors[0]).toMatch(/GHSA-test-0000-0000 .*cannot read/);
  });

  it('counts an unknown severity word as high', () => {
    const result = checkDependencies(lockfile(), manifest, list([advisory({ severity: 'severe' as never })]), { now });
    expect(result.failing).toHaveLength(1);
  });

  it('warns when the list was never refreshed or is old', () => {
    expect(checkDependencies(lockfile(), manifest, list([], null), { now }).warnings[0]).toMatch(/never been refreshed/);
    expect(checkDependencies(lockfile(), manifest, list([], '2026-09-01T00:00:00Z'), { now }).warnings[0]).toMatch(/91 days old/);
  });

  it('reads the vendored list in the repository', () => {
    const vendored = JSON.parse(fs.readFileSync(ADVISORIES_FILE, 'utf8')) as AdvisoryList;
    expect(Array.isArray(vendored.advisories)).toBe(true);
    expect(typeof vendored.source).toBe('string');
    for (const a of vendored.advisories) {
      expect(a.id && a.package && a.vulnerable_versions && a.severity).toBeTruthy();
    }
  });
});
