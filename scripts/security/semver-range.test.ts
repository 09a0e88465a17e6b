import { describe, expect, it } from 'vitest';
import { compareVersions, parseVersion, satisfies } from './semver-range';

const cmp = (a: string, b: string) => compareVersions(parseVersion(a)!, parseVersion(b)!);

describe('parseVersion', () => {
  it('reads exact versions with prerelease and build', () => {
    expect(parseVersion('5.0.0-beta.32')).toEqual({ major: 5, minor: 0, patch: 0, prerelease: ['beta', 32] });
    expect(parseVersion('v1.2.3+build.7')).toEqual({ major: 1, minor: 2, patch: 3, prerelease: [] });
  });

  it('refuses anything that is not an exact version', () => {
    for (const text of ['1.2', '^1.2.3', '01.2.3', 'latest', 'git+https://x/y.git', '1.2.3 - 2.0.0', '']) {
      expect(parseVersion(text), text).toBeNull();
    }
  });
});

describe('compareVersions', () => {
  it('orders by semver precedence', () => {
    const ordered = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.1', '1.10.0', '2.0.0'];
    for (let i = 0; i + 1 < ordered.length; i++) {
      expect(cmp(ordered[i]!, ordered[i + 1]!), `${ordered[i]} < ${ordered[i + 1]}`).toBe(-1);
      expect(cmp(ordered[i + 1]!, ordered[i]!)).toBe(1);
    }
    expect(cmp('1.2.3+a', '1.2.3+b')).toBe(0);
  });
});

describe('satisfies', () => {
  it.each([
    ['1.2.2', '<1.2.3', true],
    ['1.2.3', '<1.2.3', false],
    ['1.2.3', '<=1.2.3', true],
    ['2.4.0', '>=2.0.0 <2.4.1', true],
    ['2.4.1', '>=2.0.0 <2.4.1', false],
    ['1.9.9', '>=2.0.0 <2.4.1', false],
    ['3.1.0', '>=1.0.0 <1.2.0 || >=3.0.0 <3.1.1', true],
    ['2.0.0', '>=1.0.0 <1.2.0 || >=3.0.0 <3.1.1', false],
    ['1.0.0', '*', true],
    ['1.0.0', '', true],
    ['0.5.0', '>* ', false],
    ['1.1.0', '1.0.0 - 1.2.0', true],
    ['1.2.0', '1.0.0 - 1.2.0', true],
    ['1.2.1', '1.0.0 - 1.2.0', false],
    ['1.9.0', '1.0.0 - 1.x', true],
    ['2.0.0', '1.0.0 - 1.x', false],
    ['1.2.3', '=1.2.3', true],
    ['1.2.3', '1.2.3', true],
    ['1.2.4', '1.2.3', false],
    ['1.2.9', '1.2.x', true],
    ['1.3.0', '1.2', false],
    ['1.2.0', '>= 1.0.0 <= 1.2.0', true],
    ['1.2.0', '>1.1', true],
    ['1.1.9', '>1.1', false],
    ['1.9.0', '<=1', true],
    ['2.0.0', '<=1', false],
    ['1.9.0', '^1.2.3', true],
    ['2.0.0', '^1.2.3', false],
    ['1.2.2', '^1.2.3', false],
    ['0.2.9', '^0.2.3', true],
    ['0.3.0', '^0.2.3', false],
    ['0.0.3', '^0.0.3', true],
    ['0.0.4', '^0.0.3', false],
    ['1.2.9', '~1.2.3', true],
    ['1.3.0', '~1.2.3', false],
    ['1.9.0', '~1', true],
  ])('%s in "%s" is %s', (version, range, expected) => {
    expect(satisfies(version, range)).toBe(expected);
  });

  it('counts prereleases by precedence, as an advisory check must', () => {
    expect(satisfies('5.0.0-beta.32', '<5.0.0-beta.40')).toBe(true);
    expect(satisfies('5.0.0-beta.32', '<5.0.0-beta.30')).toBe(false);
    expect(satisfies('5.0.0-beta.32', '>=4.0.0 <5.0.1')).toBe(true);
    expect(satisfies('5.0.0-beta.32', '<5.0.0')).toBe(true);
    // "<2" means below the 2.x line, its prereleases included.
    expect(satisfies('2.0.0-rc.1', '<2')).toBe(false);
    expect(satisfies('2.0.0-rc.1', '<2.0.0')).toBe(true);
  });

  it('throws on what it cannot read instead of answering "not affected"', () => {
    expect(() => satisfies('1.2.3', '>=abc')).toThrow(/cannot read/);
    expect(() => satisfies('1.2.3', '>=')).toThrow(/without a version/);
    expect(() => satisfies('1.2', '<2.0.0')).toThrow(/not an exact version/);
  });
});
