'use server';

import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/actions';
import { createApiKey, revokeApiKey } from '@/lib/api-keys';
import { getT } from '@/lib/i18n/server';

export async function createApiKeyAction(input: { name: string; scopes: string[] }) {
  const result = await runAction((ctx) => createApiKey({ ctx, input }));
  if (result.ok) revalidatePath('/admin/api-keys');
  return result;
}

export async function revokeApiKeyAction(id: string) {
  const t = await getT();
  const result = await runAction(
    (ctx) => revokeApiKey({ ctx, input: { id } }),
    () => t('apiKeys.revoked'),
  );
  if (result.ok) revalidatePath('/admin/api-keys');
  return result;
}
