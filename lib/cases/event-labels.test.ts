import { describe, expect, it } from 'vitest';
import en from '@/messages/en.json';
import zhCN from '@/messages/zh-CN.json';
import { createTranslator } from '@/lib/i18n/translate';
import { CASE_EVENT_KINDS } from './events';

describe('case timeline labels', () => {
  for (const [locale, messages] of [
    ['en', en],
    ['zh-CN', zhCN],
  ] as const) {
    it(`name every kind of step the timeline records, in ${locale}`, () => {
      const t = createTranslator(messages);
      const unnamed = CASE_EVENT_KINDS.filter(
        (k) =>
          t.dynamic(`cases.events.${k}`, undefined, '') === '' && t.dynamic(`cases.actions.${k}`, undefined, '') === '',
      );
      expect(unnamed).toEqual([]);
    });
  }
});
