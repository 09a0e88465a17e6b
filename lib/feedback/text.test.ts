import { describe, expect, it } from 'vitest';
import { applyKeywordRules, topWords, words } from './text';

const ordered = [
  { categoryId: 'logistics', tagId: null, keywords: ['物流', '快递', 'delivery'] },
  { categoryId: 'service', tagId: null, keywords: ['客服', '态度', 'support'] },
  { categoryId: 'quality', tagId: null, keywords: ['质量', '坏了', 'broken'] },
];

describe('keyword rule order', () => {
  it('picks the first rule with a keyword in the text, in Chinese and English', () => {
    expect(applyKeywordRules('快递太慢了，等了一周', ordered).categoryId).toBe('logistics');
    expect(applyKeywordRules('Support was rude', ordered).categoryId).toBe('service');
    // Both match: rule order decides.
    expect(applyKeywordRules('客服说物流会补发', ordered).categoryId).toBe('logistics');
  });
  it('ignores empty keywords', () => {
    expect(
      applyKeywordRules('anything', [{ categoryId: 'x', tagId: null, keywords: ['', '  '] }]).categoryId,
    ).toBeNull();
  });
});

describe('words and topWords', () => {
  it('segments Chinese into words and drops stop words, single characters and numbers', () => {
    expect(words('快递太慢了，客服态度很好，耳机音质不错 2026')).toEqual([
      '快递',
      '太慢',
      '态度',
      '很好',
      '耳机',
      '音质',
      '不错',
    ]);
    expect(words('The delivery was very slow')).toEqual(['delivery', 'slow']);
  });
  it('counts each word once per comment and orders by frequency', () => {
    const top = topWords(['物流很快，物流很好', '物流慢', '物流一般', '音质不错', '音质很棒'], 2);
    expect(top).toEqual([
      { word: '物流', count: 3 },
      { word: '音质', count: 2 },
    ]);
    expect(topWords([])).toEqual([]);
  });
});

describe('applyKeywordRules', () => {
  const rules = [
    { categoryId: 'logistics', tagId: null, keywords: ['物流', 'delivery'] },
    { categoryId: 'quality', tagId: 'broken', keywords: ['坏', 'broken'] },
    { categoryId: null, tagId: 'slow', keywords: ['慢', 'slow'] },
  ];
  it('takes the first matching category and every matching tag', () => {
    expect(applyKeywordRules('物流太慢，收到就坏了', rules)).toEqual({
      categoryId: 'logistics',
      tagIds: ['broken', 'slow'],
    });
    expect(applyKeywordRules('Arrived BROKEN', rules)).toEqual({ categoryId: 'quality', tagIds: ['broken'] });
  });
  it('leaves text without keywords unclassified', () => {
    expect(applyKeywordRules('很满意', rules)).toEqual({ categoryId: null, tagIds: [] });
  });
});

describe('Latin keywords', () => {
  const rules = [{ categoryId: 'app', tagId: null, keywords: ['app', 'refund'] }];
  it('match at the start of a word only', () => {
    expect(applyKeywordRules('Please add gift wrapping', rules).categoryId).toBeNull();
    expect(applyKeywordRules('The app crashed', rules).categoryId).toBe('app');
    expect(applyKeywordRules('I was Refunded twice', rules).categoryId).toBe('app');
  });
});
