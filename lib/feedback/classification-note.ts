/**
 * What the feedback page says about how an item was classified, from what it actually carries: a
 * keyword rule that only added tags must not read as if it had chosen a category, and an item
 * with nothing on it claims no classification at all.
 */
export type ClassificationNote = 'rule' | 'ruleTagsOnly' | 'staff' | null;

export function classificationNote(f: {
  classifiedBy: string | null;
  categoryId: string | null;
  tagIds: readonly string[];
}): ClassificationNote {
  if (!f.categoryId && f.tagIds.length === 0) return null;
  if (f.classifiedBy === 'staff') return 'staff';
  if (f.classifiedBy === 'rule') return f.categoryId ? 'rule' : 'ruleTagsOnly';
  return null;
}
