import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { computeClientKeys } from '@/scripts/i18n-client-keys';
import en from '@/messages/en.json';
import zhCN from '@/messages/zh-CN.json';
import { clientMessagesFor } from './server';
import { createTranslator } from './translate';

vi.mock('server-only', () => ({}));

describe('client message keys (#17)', () => {
  it('client-keys.json matches the sources (run `npm run i18n:keys` after changing a client component)', () => {
    const stored = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'lib/i18n/client-keys.json'), 'utf8'));
    expect(stored).toEqual(computeClientKeys());
  });

  it('finds keys written as literals, in tables and as template families, and none of the server’s', () => {
    const keys = computeClientKeys();
    // The sign-in form's own texts, and nothing of the desk.
    expect(keys.auth).toEqual(expect.arrayContaining(['auth.signIn', 'auth.password']));
    expect(keys.auth.some((k) => k.startsWith('cases.'))).toBe(false);
    // `caseDesk.priority.${p}` in a client component brings the whole family.
    expect(keys.desk).toEqual(expect.arrayContaining(['caseDesk.priority.urgent', 'caseDesk.priority.low']));
    // E-mail and audit texts are only ever rendered on the server.
    for (const scope of Object.values(keys))
      expect(scope.filter((k) => k.startsWith('mail.') || k.startsWith('auditFields.'))).toEqual([]);
  });

  it('a scope’s part of the catalogue translates like the whole one, in both languages', () => {
    for (const [locale, whole] of [
      ['en', en],
      ['zh-CN', zhCN],
    ] as const) {
      const part = createTranslator(clientMessagesFor(locale, 'desk'));
      const full = createTranslator(whole);
      for (const key of computeClientKeys().desk) expect(part.dynamic(key), key).toBe(full.dynamic(key));
    }
  });

  it('a nested part falls back to the outer one, then to the key itself', () => {
    const outer = createTranslator({ a: { b: 'outer' } });
    const inner = createTranslator({ c: 'inner {n}' }, outer);
    expect(inner.dynamic('a.b')).toBe('outer');
    expect(inner.dynamic('c', { n: 2 })).toBe('inner 2');
    expect(inner.dynamic('missing.key')).toBe('missing.key');
  });
});
