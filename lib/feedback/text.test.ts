import { describe, expect, it } from 'vitest';
import { classifyByKeywords, topWords, words } from './text';

const rules = [
  { category: 'logistics', keywords: ['物流', '快递', 'delivery'] },
  { category: 'service', keywords: ['客服', '态度', 'support'] },
  { category: 'quality', keywords: ['质量', '坏了', 'broken'] },
];

describe('classifyByKeywords', () => {
  it('picks the first rule with a keyword in the text, in Chinese and English', () => {
    expect(classifyByKeywords('快递太慢了，等了一周', rules)).toEqual({ category: 'logistics', keyword: '快递' });
    expect(classifyByKeywords('Support was rude', rules)).toEqual({ category: 'service', keyword: 'support' });
    // Both match: rule order decides.
    expect(classifyByKeywords('客服说物流会补发', rules)?.category).toBe('logistics');
  });
  it('finds nothing when no keyword matches, and ignores empty keywords', () => {
    expect(classifyByKeywords('挺好的', rules)).toBeNull();
    expect(classifyByKeywords('anything', [{ category: 'x', keywords: ['', '  '] }])).toBeNull();
  });
});

describe('words and topWords', () => {
  it('segments Chinese into words and drops stop words, single characters and numbers', () => {
    expect(words('快递太慢了，客服态度很好，耳机音质不错 2026')).toEqual(['快递', '太慢', '态度', '很好', '耳机', '音质', '不错']);
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
