'use server';

import { revalidatePath } from 'next/cache';
import { runAction, type ActionResult } from '@/lib/actions';
import { getT } from '@/lib/i18n/server';
import { saveBusinessCalendar, saveSlaPolicy } from '@/lib/sla/settings';

export async function saveSlaPolicyAction(input: Record<string, unknown>) {
  const t = await getT();
  const result = await runAction(
    (ctx) => saveSlaPolicy({ ctx, input }),
    () => t('sla.saved'),
  );
  if (result.ok) revalidatePath('/admin/sla');
  return result;
}

export type SaveCalendarState = ActionResult<void>;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const text = (v: FormDataEntryValue | null) => (typeof v === 'string' ? v : '');

/**
 * The calendar form posts flat fields (`businessHours`, `days.N.open|from|to`, ...); the verb takes
 * a boolean and an array of seven days. The verb discards the hours of closed days, and all hours
 * round the clock; those rows' time inputs are hidden, so missing times are replaced by placeholders.
 */
function calendarInput(form: FormData) {
  const businessHours = text(form.get('businessHours')) === 'business';
  const days = Array.from({ length: 7 }, (_, i) => {
    const open = ['true', 'on'].includes(text(form.get(`days.${i}.open`)));
    const from = text(form.get(`days.${i}.from`));
    const to = text(form.get(`days.${i}.to`));
    if (businessHours && open) return { open, from, to };
    return { open, from: TIME.test(from) ? from : '09:00', to: TIME.test(to) ? to : '18:00' };
  });
  return {
    version: text(form.get('version')),
    businessHours,
    days,
    holidays: text(form.get('holidays')),
    extraWorkdays: text(form.get('extraWorkdays')),
    autoCloseDays: text(form.get('autoCloseDays')),
  };
}

export async function saveCalendarAction(_prev: SaveCalendarState | null, form: FormData): Promise<SaveCalendarState> {
  const t = await getT();
  const result = await runAction(
    (ctx) => saveBusinessCalendar({ ctx, input: calendarInput(form) }),
    () => t('sla.saved'),
  );
  if (result.ok) revalidatePath('/admin/sla');
  return result;
}
