import { DrizzleQueryError } from 'drizzle-orm/errors';
import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DatabaseOutageError } from '@/db/outage';
import { runAction } from '@/lib/actions';
import { NotFoundError } from '@/lib/errors';
import { errorResponse, statusOf } from '@/lib/http';
import { createTranslator } from '@/lib/i18n/translate';
import en from '@/messages/en.json';
import zhCN from '@/messages/zh-CN.json';
import { outageResponse } from './proxy';
import { databaseOutage, markDatabaseDown, markDatabaseUp, onDatabaseDown } from './state';

vi.mock('@/lib/i18n/server', () => ({ getT: async () => createTranslator(en) }));
vi.mock('@/lib/context/request', () => ({
  getRequestContext: async () => ({ actor: null, ip: '127.0.0.1', requestId: 'test-request', userAgent: null }),
}));

const refused = () =>
  new DrizzleQueryError(
    'select 1',
    [],
    Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' }),
  );

afterEach(() => {
  markDatabaseUp();
});

describe('route handlers during an outage (errorResponse)', () => {
  it('answers 503 with Retry-After and a translated message for a driver connection error', async () => {
    const res = errorResponse(refused(), { t: createTranslator(zhCN) });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('15');
    expect(await res.json()).toEqual({
      error: { code: 'service_unavailable', message: zhCN.errors.service_unavailable },
    });
  });

  it('says nothing about the database’s address', async () => {
    const text = await errorResponse(refused()).text();
    expect(text).not.toContain('10.0.0.5');
    expect(text).not.toContain('5432');
  });

  it('maps the guard’s own error to 503 and leaves other failures alone', () => {
    expect(statusOf(new DatabaseOutageError('database_timeout', 'QUERY_TIMEOUT'))).toBe(503);
    expect(statusOf(new NotFoundError())).toBe(404);
    expect(statusOf(new Error('bug'))).toBe(500);
  });
});

describe('server actions during an outage (runAction)', () => {
  it('returns the translated "temporarily unavailable" result when a query fails for want of a database', async () => {
    const result = await runAction(async () => {
      throw refused();
    });
    expect(result).toEqual({ ok: false, code: 'service_unavailable', message: en.errors.service_unavailable });
  });

  it('does not even run the verb while the database is known to be down', async () => {
    markDatabaseDown('database_unreachable', 'ECONNREFUSED');
    const verb = vi.fn(async () => 'ran');
    expect(await runAction(verb)).toMatchObject({ ok: false, code: 'service_unavailable' });
    expect(verb).not.toHaveBeenCalled();
  });
});

describe('proxy.ts during an outage (outageResponse)', () => {
  const forward = { requestId: 'r-1', nonce: 'bm9uY2U=', csp: "default-src 'self'" };
  const request = (url: string, init?: ConstructorParameters<typeof NextRequest>[1]) =>
    new NextRequest(new URL(url, 'http://localhost:3000'), init);

  it('lets everything through while the database is up', () => {
    expect(outageResponse(request('/desk'), forward)).toBeNull();
  });

  it('rewrites a page to /unavailable with a real 503 and Retry-After', () => {
    markDatabaseDown('database_unreachable', 'ECONNREFUSED');
    const res = outageResponse(request('/desk/cases?status=open'), forward)!;
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('15');
    expect(res.headers.get('x-middleware-rewrite')).toBe('http://localhost:3000/unavailable');
    expect(res.headers.get('content-security-policy')).toBe(forward.csp);
  });

  it('answers API routes with JSON in the caller’s language (English for the channel API)', async () => {
    markDatabaseDown('database_timeout', 'CONNECT_TIMEOUT');
    const browser = outageResponse(
      request('/api/attachments', { method: 'POST', headers: { cookie: 'afterdesk-locale=zh-CN' } }),
      forward,
    )!;
    expect(browser.status).toBe(503);
    expect(await browser.json()).toEqual({
      error: { code: 'service_unavailable', message: zhCN.errors.service_unavailable },
    });
    const channel = outageResponse(
      request('/api/v1/orders', { method: 'POST', headers: { 'accept-language': 'zh-CN' } }),
      forward,
    )!;
    expect(((await channel.json()) as { error: { message: string } }).error.message).toBe(
      en.errors.service_unavailable,
    );
  });

  it('leaves the health checks and server actions to answer for themselves', () => {
    markDatabaseDown('database_unreachable', 'ECONNREFUSED');
    expect(outageResponse(request('/api/health'), forward)).toBeNull();
    expect(outageResponse(request('/api/health/ready'), forward)).toBeNull();
    expect(
      outageResponse(request('/desk/cases', { method: 'POST', headers: { 'next-action': 'abc123' } }), forward),
    ).toBeNull();
  });
});

describe('the outage state', () => {
  it('tells listeners once when the database goes down, and keeps when it started', () => {
    const heard = vi.fn();
    const off = onDatabaseDown(heard);
    markDatabaseDown('database_unreachable', 'ECONNREFUSED', 1_000);
    markDatabaseDown('database_timeout', 'CONNECT_TIMEOUT', 5_000);
    off();
    expect(heard).toHaveBeenCalledTimes(1);
    expect(databaseOutage()).toEqual({ reason: 'database_timeout', code: 'CONNECT_TIMEOUT', since: 1_000 });
    expect(markDatabaseUp(9_000)).toBe(8_000);
    expect(databaseOutage()).toBeNull();
  });
});
