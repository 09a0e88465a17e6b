/**
 * Expected texts come from the message catalogue, not from copies in the specs: a reworded message
 * then changes one file, and a spec still fails when the page shows the wrong message.
 */
import en from '../messages/en.json';
import zhCN from '../messages/zh-CN.json';
import { createTranslator, type MessageKey, type Translate, type TranslateParams } from '../lib/i18n/translate';

/** The zh-CN text (the e2e browser's language) of a message key. */
export const zh = createTranslator(zhCN);
/** The English text of a message key. */
export const enT = createTranslator(en);

/** Escapes a text so that a RegExp matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A RegExp that finds a message anywhere in a text, for partial matches: its words escaped, each
 * {placeholder} given in `params` filled in, and each one not given standing for any text.
 */
function messageRe(t: Translate, key: MessageKey, params: TranslateParams = {}): RegExp {
  const parts = t(key).split(/(\{\w+\})/);
  return new RegExp(
    parts
      .map((part) => {
        const name = /^\{(\w+)\}$/.exec(part)?.[1];
        if (name === undefined) return escapeRegExp(part);
        return name in params ? escapeRegExp(String(params[name])) : '.+?';
      })
      .join(''),
  );
}

/** The zh-CN text of a message key as a RegExp (see messageRe). */
export const zhRe = (key: MessageKey, params?: TranslateParams) => messageRe(zh, key, params);
/** The English text of a message key as a RegExp (see messageRe). */
export const enRe = (key: MessageKey, params?: TranslateParams) => messageRe(enT, key, params);
/** Either language's text of a message key, for a page whose language a spec does not fix. */
export const zhOrEnRe = (key: MessageKey) => new RegExp(`${zhRe(key).source}|${enRe(key).source}`);
