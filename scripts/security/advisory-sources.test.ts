import { describe, expect, it } from 'vitest';
import { fromNpmBulk, fromOsv, lockedVersions, osvEventsToRange } from './advisory-sources';

describe('lockedVersions', () => {
  it('groups every installed version by package name', () => {
    expect(
      lockedVersions({
        lockfileVersion: 3,
        packages: {
          '': {},
          'node_modules/yallist': { version: '4.0.0', dev: true },
          'node_modules/tar/node_modules/yallist': { version: '5.0.0' },
          'node_modules/tar': { version: '7.5.23' },
          'node_modules/local': { link: true, version: '1.0.0' },
        },
      }),
    ).toEqual({ tar: ['7.5.23'], yallist: ['4.0.0', '5.0.0'] });
  });
});

describe('fromNpmBulk', () => {
  it('reads the bulk endpoint answer and names advisories by GHSA id', () => {
    expect(
      fromNpmBulk({
        tar: [
          {
            id: 1096410,
            url: 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc',
            title: 'Example',
            severity: 'high',
            vulnerable_versions: '<6.2.1',
          },
        ],
        zod: [],
      }),
    ).toEqual([
      { id: 'GHSA-aaaa-bbbb-cccc', package: 'tar', vulnerable_versions: '<6.2.1', severity: 'high', title: 'Example', url: 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc' },
    ]);
  });

  it('refuses an answer it does not understand', () => {
    expect(() => fromNpmBulk([])).toThrow(/not an object/);
    expect(() => fromNpmBulk({ tar: [{ id: 1 }] })).toThrow(/no vulnerable_versions/);
  });
});

describe('osvEventsToRange', () => {
  it.each([
    [[{ introduced: '0' }, { fixed: '1.2.3' }], '<1.2.3'],
    [[{ introduced: '1.0.0' }, { fixed: '1.2.3' }, { introduced: '2.0.0' }, { fixed: '2.0.4' }], '>=1.0.0 <1.2.3 || >=2.0.0 <2.0.4'],
    [[{ introduced: '1.0.0' }, { last_affected: '1.4.0' }], '>=1.0.0 <=1.4.0'],
    [[{ introduced: '3.0.0' }], '>=3.0.0'],
    [[{ introduced: '0' }], '*'],
  ])('%j → %s', (events, range) => {
    expect(osvEventsToRange(events)).toBe(range);
  });
});

describe('fromOsv', () => {
  it('keeps npm packages, prefers the GHSA id and counts a missing severity as high', () => {
    const advisories = fromOsv([
      {
        id: 'GHSA-1111-2222-3333',
        summary: 'Path traversal',
        database_specific: { severity: 'MODERATE' },
        affected: [
          { package: { ecosystem: 'npm', name: 'tar' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '6.2.1' }] }] },
          { package: { ecosystem: 'PyPI', name: 'tar' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }] },
        ],
      },
      {
        id: 'OSV-2026-1',
        aliases: ['CVE-2026-1', 'GHSA-4444-5555-6666'],
        summary: 'No severity word',
        affected: [{ package: { ecosystem: 'npm', name: 'zod' }, versions: ['4.0.0', '4.0.1'] }],
      },
      { id: 'GHSA-withdrawn', withdrawn: '2026-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'npm', name: 'next' }, versions: ['1.0.0'] }] },
    ]);
    expect(advisories).toEqual([
      { id: 'GHSA-1111-2222-3333', package: 'tar', vulnerable_versions: '<6.2.1', severity: 'moderate', title: 'Path traversal', url: 'https://github.com/advisories/GHSA-1111-2222-3333' },
      {
        id: 'GHSA-4444-5555-6666',
        package: 'zod',
        vulnerable_versions: '=4.0.0 || =4.0.1',
        severity: 'high',
        title: 'No severity word (no severity given; counted as high)',
        url: 'https://github.com/advisories/GHSA-4444-5555-6666',
      },
    ]);
  });
});
