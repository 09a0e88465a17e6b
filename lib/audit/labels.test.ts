import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '@/messages/en.json';
import zhCN from '@/messages/zh-CN.json';

/** Every `action: 'entity.verb'` and `entityType: '…'` written by a verb under lib/. */
function auditLiterals(): { actions: Set<string>; entityTypes: Set<string> } {
  const actions = new Set<string>();
  const entityTypes = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) {
        const src = fs.readFileSync(p, 'utf8');
        // Two or three parts: 'order.create', 'help.article.published'.
        for (const m of src.matchAll(/\baction: '([a-z_]+(?:\.[a-z_]+){1,2})'/g)) actions.add(m[1]!);
        for (const m of src.matchAll(/\bentityType: '([a-z_]+)'/g)) entityTypes.add(m[1]!);
      }
    }
  };
  walk(path.join(process.cwd(), 'lib'));
  return { actions, entityTypes };
}

function has(messages: unknown, key: string): boolean {
  let node: unknown = messages;
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === 'string';
}

describe('audit labels', () => {
  const { actions, entityTypes } = auditLiterals();

  it('name every action the verbs record, in both languages (the filter shows them)', () => {
    expect(actions.size).toBeGreaterThan(30);
    const missing = [...actions].filter((a) => !has(en, `auditActions.${a}`) || !has(zhCN, `auditActions.${a}`));
    expect(missing).toEqual([]);
  });

  it('name every entity type, in both languages', () => {
    const missing = [...entityTypes].filter((e) => !has(en, `auditEntities.${e}`) || !has(zhCN, `auditEntities.${e}`));
    expect(missing).toEqual([]);
  });
});
