import { describe, expect, it } from 'vitest';
import { hiddenFields, parseSetCookie } from './sign-in';

const page = `
<form action="/search" method="GET"><input type="hidden" name="page" value="2"/><input name="q"/></form>
<form class="grid" noValidate="" action="" encType="multipart/form-data" method="POST">
  <input type="hidden" name="$ACTION_REF_1"/>
  <input type="hidden" name="$ACTION_1:0" value="{&quot;id&quot;:&quot;6015e3&quot;,&quot;bound&quot;:&quot;$@1&quot;}"/>
  <input type="hidden" name="$ACTION_1:1" value="[null]"/>
  <input type="hidden" name="$ACTION_KEY" value="k71c5b9"/>
  <input type="email" id="email" required="" name="email" value=""/>
  <input type="password" id="password" name="password"/>
</form>`;

describe('hiddenFields', () => {
  it('reads the server-action envelope of the form holding the field, entities decoded', () => {
    expect(hiddenFields(page, 'email')).toEqual([
      ['$ACTION_REF_1', ''],
      ['$ACTION_1:0', '{"id":"6015e3","bound":"$@1"}'],
      ['$ACTION_1:1', '[null]'],
      ['$ACTION_KEY', 'k71c5b9'],
    ]);
  });

  it('is empty when no form has the field', () => {
    expect(hiddenFields(page, 'nope')).toEqual([]);
  });
});

describe('parseSetCookie', () => {
  const now = Date.parse('2026-12-01T00:00:00Z');

  it('reads name, value, path, flags and lifetime', () => {
    expect(parseSetCookie('authjs.session-token=abc.def=; Path=/; HttpOnly; SameSite=Lax; Max-Age=60', '127.0.0.1', now)).toEqual({
      name: 'authjs.session-token',
      value: 'abc.def=',
      domain: '127.0.0.1',
      path: '/',
      expires: now / 1000 + 60,
      secure: false,
    });
    expect(parseSetCookie('a=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; Domain=.example.com', 'x', now)).toMatchObject({
      expires: 0,
      secure: true,
      domain: 'example.com',
    });
  });

  it('ignores a header without a name', () => {
    expect(parseSetCookie('=x', 'h')).toBeNull();
  });
});
