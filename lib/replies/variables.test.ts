import { describe, expect, it } from 'vitest';
import { fillReply, hasUnfilledVariables, unknownVariables, variablesIn } from './variables';

describe('canned reply variables', () => {
  it('fills the variables the case has and keeps the others visible', () => {
    const body = '您好，{{customer_name}}：换货已发出，{{ carrier }} 运单号 {{tracking_no}}。订单 {{order_no}}。';
    const { text, missing } = fillReply(body, { customer_name: '王小明', carrier: '顺丰速运', order_no: 'SO-1' });
    expect(text).toBe('您好，王小明：换货已发出，顺丰速运 运单号 {{tracking_no}}。订单 SO-1。');
    expect(missing).toEqual(['tracking_no']);
    expect(hasUnfilledVariables(text)).toBe(true);
  });

  it('treats an empty value as missing, and leaves unknown names alone', () => {
    expect(fillReply('{{tracking_no}} {{order_number}}', { tracking_no: '  ' })).toEqual({
      text: '{{tracking_no}} {{order_number}}',
      missing: ['tracking_no'],
    });
    expect(unknownVariables('{{order_no}} {{order_number}} {{order_number}}')).toEqual(['order_number']);
  });

  it('finds no variables in plain text, braces and all', () => {
    expect(variablesIn('价格 {含税} {{ }} 已退款')).toEqual([]);
    expect(hasUnfilledVariables('您好，已为您退款。')).toBe(false);
  });
});
