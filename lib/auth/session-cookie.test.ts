import { encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { sessionIdIn } from './session-cookie';

const SECRET = 'a-test-secret-of-enough-length-0123456789';
const NAME = 'authjs.session-token';

const tokenFor = (claims: Record<string, unknown>, opts: { salt?: string; maxAge?: number; secret?: string } = {}) =>
  encode({ token: claims, secret: opts.secret ?? SECRET, salt: opts.salt ?? NAME, maxAge: opts.maxAge ?? 3600 });
const jar = (cookies: Record<string, string>) => (name: string) => cookies[name];

describe('the session id in the Auth.js cookie', () => {
  it('is read from a valid cookie, also split into chunks, and from the __Secure- one', async () => {
    const token = await tokenFor({ sid: 'sid-1', sub: 'user-1' });
    expect(await sessionIdIn(jar({ [NAME]: token }), SECRET)).toBe('sid-1');
    const half = Math.ceil(token.length / 2);
    expect(
      await sessionIdIn(jar({ [`${NAME}.0`]: token.slice(0, half), [`${NAME}.1`]: token.slice(half) }), SECRET),
    ).toBe('sid-1');
    const secure = '__Secure-authjs.session-token';
    expect(await sessionIdIn(jar({ [secure]: await tokenFor({ sid: 'sid-2' }, { salt: secure }) }), SECRET)).toBe(
      'sid-2',
    );
  });

  it('is null without a cookie, for a tampered, foreign, renamed or expired one, and without a sid', async () => {
    expect(await sessionIdIn(jar({}), SECRET)).toBeNull();
    const token = await tokenFor({ sid: 'sid-3' });
    const flipped = token.slice(0, -3) + (token.endsWith('A') ? 'B' : 'A') + token.slice(-2);
    expect(await sessionIdIn(jar({ [NAME]: flipped }), SECRET)).toBeNull();
    expect(
      await sessionIdIn(
        jar({ [NAME]: await tokenFor({ sid: 'x' }, { secret: 'another-secret-0123456789-abcdef' }) }),
        SECRET,
      ),
    ).toBeNull();
    // Encrypted for the plain cookie name, presented under the __Secure- one: the salt differs.
    expect(await sessionIdIn(jar({ '__Secure-authjs.session-token': token }), SECRET)).toBeNull();
    expect(await sessionIdIn(jar({ [NAME]: await tokenFor({ sid: 'old' }, { maxAge: -60 }) }), SECRET)).toBeNull();
    expect(await sessionIdIn(jar({ [NAME]: await tokenFor({ sub: 'user-1' }) }), SECRET)).toBeNull();
    expect(await sessionIdIn(jar({ [NAME]: 'not-a-token' }), SECRET)).toBeNull();
  });
});
