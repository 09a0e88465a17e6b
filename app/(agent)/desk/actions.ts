'use server';

import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/actions';
import { listNotifications, markNotificationsRead } from '@/lib/notifications';
import { setOwnAvailability } from '@/lib/users/availability';
import { getT } from '@/lib/i18n/server';

/** The bell's list, re-read when the event stream says something new arrived. */
export async function loadNotificationsAction() {
  return runAction((ctx) => listNotifications({ ctx, input: {} }));
}

export async function markNotificationsReadAction(input: { ids?: number[]; all?: boolean }) {
  return runAction((ctx) => markNotificationsRead({ ctx, input }));
}

export async function setAvailabilityAction(input: { available: boolean }) {
  const t = await getT();
  const result = await runAction(
    (ctx) => setOwnAvailability({ ctx, input }),
    () => t('availability.changed'),
  );
  if (result.ok) revalidatePath('/desk/account');
  return result;
}
