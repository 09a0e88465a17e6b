import { describe, expect, it } from 'vitest';
import en from '@/messages/en.json';
import zhCN from '@/messages/zh-CN.json';
import { createTranslator } from '@/lib/i18n/translate';
import { displayIp, presentChanges, referencedUserIds } from './present';

const agentId = '3f1c2b7e-1d2a-4b5c-8d9e-0a1b2c3d4e5f';
const opts = (locale: 'en' | 'zh-CN') => ({
  t: createTranslator(locale === 'en' ? en : zhCN),
  locale,
  timeZone: 'Asia/Shanghai',
  currency: 'CNY',
  names: new Map([[agentId, '李客服']]),
});

describe('the audit trail in words', () => {
  it('labels fields, shows money as money, translates codes and names people', () => {
    const changes = {
      refundCents: { before: 0, after: 12_900 },
      status: { before: 'paid', after: 'shipped' },
      assigneeId: { after: agentId },
      teamIds: { before: [], after: ['退货组', '售前组'] },
      escalated: { before: false, after: true },
      passwordHash: { after: '[redacted]' },
    };
    const en_ = presentChanges(changes, 'order', opts('en'));
    expect(en_.map((c) => [c.label, c.before, c.after])).toEqual([
      ['Refund amount', 'CN¥0.00', 'CN¥129.00'],
      ['Status', 'Paid', 'Shipped'],
      ['Assignee', null, '李客服'],
      ['Teams', '—', '退货组, 售前组'],
      ['Escalated', 'No', 'Yes'],
      ['Password', null, '(hidden)'],
    ]);
    const zh = presentChanges(changes, 'order', opts('zh-CN'));
    expect(zh.map((c) => [c.label, c.before, c.after])).toEqual([
      ['退款金额', '¥0.00', '¥129.00'],
      ['状态', '已付款', '已发货'],
      ['处理人', null, '李客服'],
      ['团队', '—', '退货组、售前组'],
      ['已升级', '否', '是'],
      ['密码', null, '（已隐藏）'],
    ]);
  });

  it('uses the currency the change names, formats instants in shop time, and spells out nested values', () => {
    const [amount, at, shipment] = presentChanges(
      {
        totalCents: { after: 5_000 },
        placedAt: { after: '2026-12-01T17:30:00.000Z' },
        shipment: { after: { carrier: '顺丰速运', trackingNo: 'SF123' } },
        currency: { after: 'USD' },
      },
      'order',
      opts('en'),
    );
    expect(amount!.after).toBe('$50.00');
    expect(at!.after).toMatch(/^12\/02\/2026,? 01:30/);
    expect(shipment!.after).toBe('Carrier: 顺丰速运; Tracking no.: SF123');
  });

  it('a help article edit names its status and the fields it changed, in both languages', () => {
    const changes = {
      status: { before: 'draft', after: 'published' },
      changedFields: { after: ['titleEn', 'bodyEn'] },
      publishedVersion: { before: null, after: 2 },
    };
    expect(presentChanges(changes, 'help_article', opts('en')).map((c) => [c.label, c.before, c.after])).toEqual([
      ['Status', 'Draft', 'Published'],
      ['Changed fields', null, 'Title (English), Text (English)'],
      ['Published version', '—', '2'],
    ]);
    expect(presentChanges(changes, 'help_article', opts('zh-CN')).map((c) => c.after)).toEqual([
      '已发布',
      '英文标题、英文正文',
      '2',
    ]);
  });

  it('shows IPv4-mapped addresses as IPv4 and finds the user ids to name', () => {
    expect(displayIp('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(displayIp('2001:db8::1')).toBe('2001:db8::1');
    expect(displayIp(null)).toBeNull();
    expect(
      referencedUserIds([{ assigneeId: { before: null, after: agentId } }, null, { note: { after: agentId } }]),
    ).toEqual([agentId]);
  });
});
