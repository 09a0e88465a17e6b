'use server';

import { revalidatePath } from 'next/cache';
import { formToObject, runAction, type ActionResult } from '@/lib/actions';
import { getT } from '@/lib/i18n/server';
import { createCannedReply, deleteCannedReply, updateCannedReply } from '@/lib/replies';

export type SaveReplyState = ActionResult<{ id: string }> & {
  values?: { title: string; body: string; bodyEn: string };
};

/** Creates a reply, or updates it when the form carries an `id`. */
export async function saveReplyAction(_prev: SaveReplyState | null, form: FormData): Promise<SaveReplyState> {
  const t = await getT();
  const raw = formToObject(form);
  const id = typeof raw.id === 'string' && raw.id ? raw.id : null;
  const input = { title: raw.title, body: raw.body, bodyEn: raw.bodyEn };
  const result = await runAction(
    (ctx) => (id ? updateCannedReply({ ctx, input: { ...input, id } }) : createCannedReply({ ctx, input })),
    () => t('replies.saved'),
  );
  if (!result.ok)
    return {
      ...result,
      values: { title: String(raw.title ?? ''), body: String(raw.body ?? ''), bodyEn: String(raw.bodyEn ?? '') },
    };
  revalidatePath('/desk/replies');
  return result;
}

export async function deleteReplyAction(id: string) {
  const t = await getT();
  const result = await runAction(
    (ctx) => deleteCannedReply({ ctx, input: { id } }),
    () => t('replies.deleted'),
  );
  if (result.ok) revalidatePath('/desk/replies');
  return result;
}
