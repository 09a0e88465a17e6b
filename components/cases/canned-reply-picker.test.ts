import { describe, expect, it } from 'vitest';
import { filterReplies, replyBodyFor, type CannedReplyOption } from './canned-reply-picker';

const refund: CannedReplyOption = {
  id: '1',
  title: '退款已到账',
  body: '您的退款 {refund_amount} 已原路退回。',
  bodyEn: 'Your refund of {refund_amount} is on its way back.',
};
const zhOnly: CannedReplyOption = {
  id: '2',
  title: '地址确认',
  body: '请确认收货地址是否为退款时填写的地址。',
  bodyEn: null,
};
const label: CannedReplyOption = {
  id: '3',
  title: 'Return label',
  body: '退货面单已发送。',
  bodyEn: 'The label is sent.',
};

describe('canned reply picker', () => {
  it('inserts the reply in the customer’s language, or as written when it has one language only', () => {
    expect(replyBodyFor(refund, 'en')).toBe('Your refund of {refund_amount} is on its way back.');
    expect(replyBodyFor(refund, 'zh-CN')).toBe('您的退款 {refund_amount} 已原路退回。');
    expect(replyBodyFor(zhOnly, 'en')).toBe(zhOnly.body);
  });

  it('lists title matches before text matches, ignoring case and surrounding spaces', () => {
    expect(filterReplies([zhOnly, refund, label], '退款').map((r) => r.id)).toEqual(['1', '2']);
    expect(filterReplies([zhOnly, refund, label], '  RETURN ').map((r) => r.id)).toEqual(['3']);
    expect(filterReplies([zhOnly, refund, label], '').map((r) => r.id)).toEqual(['2', '1', '3']);
    expect(filterReplies([zhOnly, refund, label], 'nothing like it')).toEqual([]);
  });
});
