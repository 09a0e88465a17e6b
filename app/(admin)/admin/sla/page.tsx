import type { Metadata } from 'next';
import { PageHeader } from '@/components/layout/app-shell';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requireAreaActor } from '@/lib/auth/guard';
import { getRequestContext } from '@/lib/context/request';
import type { Locale } from '@/lib/i18n/config';
import { getLocale, getT } from '@/lib/i18n/server';
import { getSlaSettings, PRIORITIES, type SlaSettings } from '@/lib/sla/settings';
import { CalendarForm, type CalendarValues } from './_components/calendar-form';
import { EditSlaDialog } from './_components/edit-sla-dialog';
import { numberFormat } from '@/lib/intl';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('sla.title') };
}

/** Minutes after midnight → "HH:MM" (a stored 24:00 shows as 23:59, the latest the form accepts). */
function hhmm(minutes: number): string {
  const m = Math.max(0, Math.min(minutes, 23 * 60 + 59));
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

function calendarValues(s: SlaSettings): CalendarValues {
  const hours = s.calendar.hours;
  return {
    version: s.calendarVersion,
    businessHours: hours !== null,
    // Round the clock, switching to business hours starts from Monday to Friday, 9 to 6.
    days: Array.from({ length: 7 }, (_, i) => {
      const h = hours ? (hours[i] ?? null) : i >= 1 && i <= 5 ? ([540, 1080] as const) : null;
      return h ? { open: true, from: hhmm(h[0]), to: hhmm(h[1]) } : { open: false, from: '09:00', to: '18:00' };
    }),
    holidays: [...(s.calendar.holidays ?? [])].join('\n'),
    extraWorkdays: [...(s.calendar.extraWorkdays ?? [])].join('\n'),
    autoCloseDays: String(s.autoCloseDays),
  };
}

function Minutes({ value, locale, hint }: { value: number; locale: Locale; hint: (hours: string) => string }) {
  return (
    <>
      <span className="font-medium">{value.toLocaleString(locale)}</span>
      <span className="block text-xs text-muted-foreground">
        {hint(numberFormat(locale, { maximumFractionDigits: 1 }).format(value / 60))}
      </span>
    </>
  );
}

export default async function SlaPage() {
  await requireAreaActor('access:admin:any');
  const settings = await getSlaSettings({ ctx: await getRequestContext() });
  const [t, locale] = [await getT(), await getLocale()];
  const hint = (hours: string) => t('sla.minutesHint', { hours });
  return (
    <>
      <PageHeader title={t('sla.title')} description={t('sla.description')} />
      <div className="grid gap-6">
        <Card className="gap-0 pb-0">
          <CardHeader className="border-b pb-4">
            <CardTitle>{t('sla.targets')}</CardTitle>
          </CardHeader>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead className="pl-6">{t('sla.priority')}</TableHead>
                <TableHead className="text-right">{t('sla.firstResponse')}</TableHead>
                <TableHead className="text-right">{t('sla.decision')}</TableHead>
                <TableHead className="text-right">{t('sla.resolution')}</TableHead>
                <TableHead className="w-28 pr-6">
                  <span className="sr-only">{t('common.actions')}</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {PRIORITIES.map((p) => {
                const target = settings.targets[p];
                const label = t.dynamic(`caseDesk.priority.${p}`, undefined, p);
                return (
                  <TableRow key={p} data-testid={`sla-${p}`}>
                    <TableCell className="pl-6 font-medium">{label}</TableCell>
                    <TableCell className="text-right tabular-nums">
                      <Minutes value={target.firstResponse} locale={locale} hint={hint} />
                    </TableCell>
                    <TableCell className="text-right tabular-nums">
                      <Minutes value={target.decision} locale={locale} hint={hint} />
                    </TableCell>
                    <TableCell className="text-right tabular-nums">
                      <Minutes value={target.resolution} locale={locale} hint={hint} />
                    </TableCell>
                    <TableCell className="pr-6 text-right">
                      <EditSlaDialog
                        key={target.version}
                        label={label}
                        target={{
                          priority: p,
                          version: target.version,
                          firstResponse: target.firstResponse,
                          decision: target.decision,
                          resolution: target.resolution,
                        }}
                      />
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>{t('sla.calendar')}</CardTitle>
            <CardDescription>{t('sla.calendarHint')}</CardDescription>
          </CardHeader>
          <CardContent>
            <CalendarForm key={settings.calendarVersion} initial={calendarValues(settings)} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
