'use server';

import { revalidatePath } from 'next/cache';
import { formToObject, runAction, type ActionResult } from '@/lib/actions';
import type { MergePreviewDto, RevealedCustomerContact } from '@/lib/customers/dto';
import { previewCustomerMerge } from '@/lib/customers/merge-preview';
import { addCustomerNote, mergeCustomers, setCustomerTags } from '@/lib/customers/mutations';
import { revealCustomerContact } from '@/lib/customers/pii';
import { listCustomers } from '@/lib/customers/queries';
import { getT } from '@/lib/i18n/server';

const profilePath = (id: unknown) => `/desk/customers/${String(id)}`;

/** The add-note form (`customerId`, `body`). */
export async function addNoteAction(_prev: ActionResult<{ id: number }> | null, form: FormData) {
  const t = await getT();
  const input = formToObject(form);
  const result = await runAction(
    (ctx) => addCustomerNote({ ctx, input }),
    () => t('customers.notes.added'),
  );
  if (result.ok) revalidatePath(profilePath(input.customerId));
  return result;
}

export async function setTagsAction(input: { id: string; version: number; tags: string[] }) {
  const t = await getT();
  const result = await runAction(
    (ctx) => setCustomerTags({ ctx, input }),
    () => t('customers.tags.saved'),
  );
  if (result.ok) {
    revalidatePath(profilePath(input.id));
    revalidatePath('/desk/customers');
  }
  return result;
}

export async function revealCustomerAction(id: string): Promise<ActionResult<RevealedCustomerContact>> {
  return runAction((ctx) => revealCustomerContact({ ctx, input: { id } }));
}

/** The merge dialog's search: the first matches of the list's search box, masked as in the list. */
export async function findMergeCandidatesAction(q: string) {
  return runAction(async (ctx) => (await listCustomers({ ctx, input: { q } })).items.slice(0, 8));
}

export async function previewMergeAction(input: {
  sourceId: string;
  targetId: string;
}): Promise<ActionResult<MergePreviewDto>> {
  return runAction((ctx) => previewCustomerMerge({ ctx, input }));
}

export async function mergeAction(input: { sourceId: string; targetId: string }) {
  const t = await getT();
  const result = await runAction(
    (ctx) => mergeCustomers({ ctx, input }),
    (r) => t('customers.merge.done', { orders: r.moved.orders, cases: r.moved.cases }),
  );
  if (result.ok) {
    revalidatePath(profilePath(input.targetId));
    revalidatePath('/desk/customers');
  }
  return result;
}
