import { describe, expect, it } from 'vitest';
import { classificationNote } from './classification-note';

describe('classificationNote', () => {
  it('says what the rules or staff really did', () => {
    expect(classificationNote({ classifiedBy: 'rule', categoryId: 'c1', tagIds: [] })).toBe('rule');
    expect(classificationNote({ classifiedBy: 'rule', categoryId: null, tagIds: ['t1'] })).toBe('ruleTagsOnly');
    expect(classificationNote({ classifiedBy: 'staff', categoryId: null, tagIds: ['t1'] })).toBe('staff');
  });

  it('claims nothing for an item without category or tags', () => {
    expect(classificationNote({ classifiedBy: 'rule', categoryId: null, tagIds: [] })).toBeNull();
    expect(classificationNote({ classifiedBy: 'staff', categoryId: null, tagIds: [] })).toBeNull();
    expect(classificationNote({ classifiedBy: null, categoryId: null, tagIds: [] })).toBeNull();
  });
});
