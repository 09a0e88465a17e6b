'use server';

import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/actions';
import { setOwnAvailability } from '@/lib/users/availability';
import { getT } from '@/lib/i18n/server';

export async function setAvailabilityAction(input: { available: boolean }) {
  const t = await getT();
  const result = await runAction(
    (ctx) => setOwnAvailability({ ctx, input }),
    () => t('availability.changed'),
  );
  if (result.ok) revalidatePath('/desk/account');
  return result;
}
