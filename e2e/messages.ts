/**
 * Expected texts come from the message catalogue, not from copies in the specs: a reworded message
 * then changes one file, and a spec still fails when the page shows the wrong message.
 */
import en from '../messages/en.json';
import zhCN from '../messages/zh-CN.json';
import { createTranslator } from '../lib/i18n/translate';

/** The zh-CN text (the e2e browser's language) of a message key. */
export const zh = createTranslator(zhCN);
/** The English text of a message key. */
export const enT = createTranslator(en);
