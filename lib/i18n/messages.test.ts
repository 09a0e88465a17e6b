import { describe, expect, it } from 'vitest';
import en from '@/messages/en.json';
import zhCN from '@/messages/zh-CN.json';
import { localeFromAcceptLanguage } from './config';
import { createTranslator } from './translate';

function leaves(obj: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  const a = leaves(en);
  const b = leaves(zhCN);

  it('have exactly the same keys in both languages', () => {
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
  });

  it('have no empty strings and the same placeholders in both languages', () => {
    for (const [key, value] of a) {
      expect(value.trim(), key).not.toBe('');
      expect(b.get(key)?.trim(), key).not.toBe('');
      expect(placeholders(b.get(key) ?? ''), key).toEqual(placeholders(value));
    }
  });

  it('translated Chinese strings really are Chinese', () => {
    const untranslated = [...b].filter(
      ([k, v]) => v === a.get(k) && /[a-z]{4,}/i.test(v) && !k.startsWith('auditActions'),
    );
    expect(untranslated).toEqual([]);
  });

  it('use full-width punctuation next to Chinese words in zh-CN', () => {
    // An ASCII , : ; ! ? ( ) touching a Chinese character ("您好,王小明", "已执行:同意") is a
    // half-width mark in Chinese prose. Marks quoted as literal characters (“;”) are not prose.
    const han = '[\\u3400-\\u4dbf\\u4e00-\\u9fff]';
    const halfWidth = new RegExp(`${han}[,:;!?()]|[,:;!?()]${han}`);
    const offending = [...b]
      .filter(([, v]) => halfWidth.test(v.replace(/“[^”]*”/g, '“”')))
      .map(([k, v]) => `${k}: ${v}`);
    expect(offending).toEqual([]);
  });
});

describe('translator', () => {
  it('interpolates parameters and falls back for unknown dynamic keys', () => {
    const t = createTranslator(en);
    expect(t('errors.rate_limited', { minutes: 15 })).toBe('Too many attempts. Try again in 15 minute(s).');
    expect(t.dynamic('errors.nope', undefined, 'fallback')).toBe('fallback');
    expect(t.dynamic('auditActions.user.create')).toBe('Created user');
  });
});

describe('localeFromAcceptLanguage', () => {
  it('picks the best supported language by quality', () => {
    expect(localeFromAcceptLanguage('en-US,en;q=0.9,zh-CN;q=0.8', 'zh-CN')).toBe('en');
    expect(localeFromAcceptLanguage('zh-TW,zh;q=0.9', 'en')).toBe('zh-CN');
    expect(localeFromAcceptLanguage('fr-FR,de;q=0.5', 'zh-CN')).toBe('zh-CN');
    expect(localeFromAcceptLanguage('fr;q=1, en;q=0.2', 'zh-CN')).toBe('en');
    expect(localeFromAcceptLanguage(null, 'en')).toBe('en');
  });
});
