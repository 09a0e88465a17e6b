import { dateTimeFormat } from '@/lib/intl';
import type { Locale } from './config';

/** Dates and times are shown in the shop's time zone, whatever the viewer's machine says. */
export function formatDateTime(value: Date | string, locale: Locale, timeZone: string): string {
  return dateTimeFormat(locale, {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(value));
}

export function formatDate(value: Date | string, locale: Locale, timeZone: string): string {
  return dateTimeFormat(locale, { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(value),
  );
}
