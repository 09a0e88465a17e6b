'use server';

import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/actions';
import { createChannel, updateChannel } from '@/lib/catalog/channels';
import { catalogName } from '@/lib/catalog/names';
import { getLocale, getT } from '@/lib/i18n/server';

export async function createChannelAction(input: Record<string, unknown>) {
  const [t, locale] = [await getT(), await getLocale()];
  const result = await runAction(
    (ctx) => createChannel({ ctx, input }),
    (row) => t('catalogRecords.created', { name: catalogName(row, locale) }),
  );
  if (result.ok) revalidatePath('/admin/channels');
  return result;
}

export async function updateChannelAction(input: Record<string, unknown>) {
  const [t, locale] = [await getT(), await getLocale()];
  const result = await runAction(
    (ctx) => updateChannel({ ctx, input }),
    (row) => t('catalogRecords.saved', { name: catalogName(row, locale) }),
  );
  if (result.ok) revalidatePath('/admin/channels');
  return result;
}

export async function setChannelActiveAction(input: { code?: unknown; version?: unknown; active?: unknown }) {
  const [t, locale] = [await getT(), await getLocale()];
  const result = await runAction(
    (ctx) => updateChannel({ ctx, input: { code: input?.code, version: input?.version, active: input?.active } }),
    (row) =>
      t(row.active ? 'catalogRecords.reactivated' : 'catalogRecords.deactivated', { name: catalogName(row, locale) }),
  );
  if (result.ok) revalidatePath('/admin/channels');
  return result;
}
