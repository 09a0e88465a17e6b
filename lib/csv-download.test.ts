import { afterEach, describe, expect, it, vi } from 'vitest';
import { csvDownload } from './csv-download';
import { createTranslator } from './i18n/translate';
import en from '@/messages/en.json';
import type { Ctx } from './context';

async function* rows() {
  yield 'a,b\n';
}

describe('csvDownload', () => {
  afterEach(() => vi.useRealTimers());

  it("names the file after the shop's date, not the UTC one", async () => {
    // 2026-12-01 17:30 UTC is already 2026-12-02 01:30 in Asia/Shanghai (the default shop time zone).
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-01T17:30:00Z'));
    const res = await csvDownload(rows(), { ctx: { requestId: 'r1' } as Ctx, t: createTranslator(en), name: 'orders' });
    expect(res.headers.get('Content-Disposition')).toBe('attachment; filename="orders-2026-12-02.csv"');
    // The BOM first (Excel then reads UTF-8), then the rows.
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([
      0xef,
      0xbb,
      0xbf,
      ...new TextEncoder().encode('a,b\n'),
    ]);
  });
});
