'use server';

import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/actions';
import { bulkClassifyFeedback } from '@/lib/feedback/mutations';
import { getT } from '@/lib/i18n/server';

/** Inbox bulk bar: a category, one more tag or a status for every selected row. */
export async function bulkClassifyAction(input: {
  ids: number[];
  categoryId?: string;
  addTagId?: string;
  status?: string;
}) {
  const t = await getT();
  const result = await runAction(
    (ctx) => bulkClassifyFeedback({ ctx, input }),
    (r) => t('feedbackDesk.bulk.done', { count: r.updated }),
  );
  if (result.ok) revalidatePath('/desk/feedback');
  return result;
}
