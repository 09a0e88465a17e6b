import { describe, expect, it } from 'vitest';
import { isActionWithoutLength, isCrossOriginWrite, isMalformedActionBody, isOversizedAction, ownOrigins, urlHasNul } from './request-guards';

const h = (init: Record<string, string>) => new Headers(init);

describe('urlHasNul', () => {
  it('finds an encoded or raw NUL anywhere in the URL', () => {
    expect(urlHasNul('/desk/orders/A%00B')).toBe(true);
    expect(urlHasNul('/desk/orders?q=x%00')).toBe(true);
    expect(urlHasNul('/desk/orders?q=%2500')).toBe(false);
    expect(urlHasNul('/desk/orders/ORD-1')).toBe(false);
  });
});

describe('isCrossOriginWrite', () => {
  const own = ['http://localhost:3000'];
  it('refuses a state-changing /api request from another origin', () => {
    expect(isCrossOriginWrite('POST', '/api/attachments', h({ origin: 'https://evil.example' }), own)).toBe(true);
    expect(isCrossOriginWrite('POST', '/api/orders/import', h({ origin: 'null' }), own)).toBe(true);
    expect(isCrossOriginWrite('POST', '/api/orders/import', h({ 'sec-fetch-site': 'cross-site' }), own)).toBe(true);
  });
  it('lets our own pages, non-browser clients, reads and key-authenticated APIs through', () => {
    expect(isCrossOriginWrite('POST', '/api/attachments', h({ origin: 'http://localhost:3000' }), own)).toBe(false);
    expect(isCrossOriginWrite('POST', '/api/attachments', h({}), own)).toBe(false);
    expect(isCrossOriginWrite('POST', '/api/attachments', h({ 'sec-fetch-site': 'same-origin' }), own)).toBe(false);
    expect(isCrossOriginWrite('GET', '/api/orders/export', h({ origin: 'https://evil.example' }), own)).toBe(false);
    expect(isCrossOriginWrite('POST', '/api/v1/orders', h({ origin: 'https://shop.example' }), own)).toBe(false);
  });
  it('knows its own origins from the URL, the Host header and APP_URL', () => {
    const origins = ownOrigins(h({ host: 'desk.example.com' }), new URL('http://localhost:3000/x'), 'https://afterdesk.example.com/');
    expect(origins).toEqual(expect.arrayContaining(['http://localhost:3000', 'http://desk.example.com', 'https://afterdesk.example.com']));
  });
});

describe('isOversizedAction', () => {
  it('flags a server action body over 1 MB by its declared length', () => {
    expect(isOversizedAction('POST', h({ 'next-action': 'abc', 'content-length': String(2 * 1024 * 1024) }))).toBe(true);
    expect(isOversizedAction('POST', h({ 'next-action': 'abc', 'content-length': '1000' }))).toBe(false);
    expect(isOversizedAction('POST', h({ 'content-length': String(5 * 1024 * 1024) }))).toBe(false);
  });
});

describe('server action bodies', () => {
  const action = (body: BodyInit, type: string) => new Request('http://localhost/sign-in', { method: 'POST', body, headers: { 'next-action': 'abc', 'content-type': type } });

  it('refuses a chunked action (no declared length)', () => {
    expect(isActionWithoutLength('POST', h({ 'next-action': 'abc', 'transfer-encoding': 'chunked' }))).toBe(true);
    expect(isActionWithoutLength('POST', h({ 'next-action': 'abc', 'content-length': '10' }))).toBe(false);
  });

  it('tells a malformed JSON or multipart body from a good one', async () => {
    expect(await isMalformedActionBody(action('{not json', 'text/plain;charset=UTF-8'))).toBe(true);
    expect(await isMalformedActionBody(action('garbage', 'multipart/form-data; boundary=zz'))).toBe(true);
    expect(await isMalformedActionBody(action('["$K1"]', 'text/plain;charset=UTF-8'))).toBe(false);
    const form = new FormData();
    form.set('email', 'a@b.c');
    const good = new Request('http://localhost/sign-in', { method: 'POST', body: form, headers: { 'next-action': 'abc' } });
    expect(await isMalformedActionBody(good)).toBe(false);
    expect(await isMalformedActionBody(new Request('http://localhost/x', { method: 'POST', body: '{' }))).toBe(false);
  });
});
