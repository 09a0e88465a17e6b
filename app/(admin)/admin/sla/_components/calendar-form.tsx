'use client';

import { LoaderCircle } from 'lucide-react';
import { startTransition, useState } from 'react';
import { useFormAction } from '@/components/forms/use-form-action';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { FieldError, FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Textarea } from '@/components/ui/textarea';
import { useT } from '@/lib/i18n/client';
import { cn } from '@/lib/utils';
import { saveCalendarAction, type SaveCalendarState } from '../actions';

export type CalendarDay = { open: boolean; from: string; to: string };
export type CalendarValues = {
  version: number;
  businessHours: boolean;
  /** Sunday first, as the verb expects. */
  days: CalendarDay[];
  holidays: string;
  extraWorkdays: string;
  autoCloseDays: string;
};

/** Monday to Sunday on screen (the shop's week), while the posted fields keep the verb's Sunday-first indices. */
const DISPLAY_ORDER = [1, 2, 3, 4, 5, 6, 0];
/** Day, from, to: one grid for the header and every row, so the columns line up. */
const ROW = 'grid grid-cols-[minmax(6.5rem,10rem)_minmax(0,8rem)_minmax(0,8rem)] items-center gap-x-3';

function ClockModeOption({
  value,
  checked,
  onSelect,
  title,
  hint,
}: {
  value: string;
  checked: boolean;
  onSelect: () => void;
  title: string;
  hint: string;
}) {
  return (
    <label
      className={cn(
        'flex cursor-pointer items-start gap-3 rounded-lg border p-4 transition-colors hover:bg-muted/50',
        'has-checked:border-primary has-checked:bg-primary/5 has-focus-visible:ring-[3px] has-focus-visible:ring-ring/50',
      )}
    >
      <input
        type="radio"
        name="businessHours"
        value={value}
        checked={checked}
        onChange={onSelect}
        className="mt-0.5 size-4 shrink-0 accent-primary outline-none"
      />
      <span className="grid gap-1">
        <span className="text-sm leading-none font-medium">{title}</span>
        <span className="text-sm text-muted-foreground">{hint}</span>
      </span>
    </label>
  );
}

export function CalendarForm({ initial }: { initial: CalendarValues }) {
  const t = useT();
  const [businessHours, setBusinessHours] = useState(initial.businessHours);
  const [days, setDays] = useState(initial.days);
  const [holidays, setHolidays] = useState(initial.holidays);
  const [extraWorkdays, setExtraWorkdays] = useState(initial.extraWorkdays);
  const [autoCloseDays, setAutoCloseDays] = useState(initial.autoCloseDays);
  const [state, action, pending] = useFormAction<SaveCalendarState>(saveCalendarAction);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const setDay = (i: number, patch: Partial<CalendarDay>) =>
    setDays((list) => list.map((d, j) => (j === i ? { ...d, ...patch } : d)));

  return (
    <form
      noValidate
      className="grid gap-6"
      data-testid="sla-calendar-form"
      onSubmit={(e) => {
        // Dispatched by hand rather than through `action={...}`: React resets a form after its action
        // runs, which drops the checked state of the controlled radios and shows the wrong mode.
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        startTransition(() => action(form));
      }}
    >
      <input type="hidden" name="version" value={initial.version} />

      <fieldset className="grid gap-3">
        <legend className="mb-3 text-sm font-medium">{t('sla.clockMode')}</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          <ClockModeOption
            value="always"
            checked={!businessHours}
            onSelect={() => setBusinessHours(false)}
            title={t('sla.roundTheClock')}
            hint={t('sla.roundTheClockHint')}
          />
          <ClockModeOption
            value="business"
            checked={businessHours}
            onSelect={() => setBusinessHours(true)}
            title={t('sla.businessHours')}
            hint={t('sla.businessHoursHint')}
          />
        </div>
      </fieldset>

      {businessHours ? (
        <fieldset className="grid gap-2" aria-describedby={errors.days ? 'sla-days-error' : undefined}>
          <legend className="sr-only">{t('sla.businessHours')}</legend>
          <div aria-hidden="true" className={`${ROW} text-xs font-medium text-muted-foreground`}>
            <span>{t('sla.weekday')}</span>
            <span>{t('sla.from')}</span>
            <span>{t('sla.to')}</span>
          </div>
          <div className="grid gap-1.5">
            {DISPLAY_ORDER.map((i) => {
              const day = days[i]!;
              const name = t.dynamic(`sla.weekdays.${i}`);
              const fromError = errors[`days.${i}.from`];
              const toError = errors[`days.${i}.to`];
              return (
                <div key={i} className={`${ROW} min-h-9 gap-y-1`} data-testid={`sla-day-${i}`}>
                  <div className="flex items-center gap-2">
                    <input type="hidden" name={`days.${i}.open`} value={String(day.open)} />
                    <Checkbox
                      id={`sla-day-${i}-open`}
                      checked={day.open}
                      onCheckedChange={(c) => setDay(i, { open: c === true })}
                      aria-label={`${name}: ${t('sla.open')}`}
                    />
                    <Label htmlFor={`sla-day-${i}-open`} className="font-normal">
                      {name}
                    </Label>
                  </div>
                  {day.open ? (
                    <>
                      <Input
                        type="time"
                        name={`days.${i}.from`}
                        value={day.from}
                        onChange={(e) => setDay(i, { from: e.target.value })}
                        aria-label={`${name} ${t('sla.from')}`}
                        aria-invalid={fromError ? true : undefined}
                        aria-describedby={fromError ? `sla-day-${i}-error` : undefined}
                      />
                      <Input
                        type="time"
                        name={`days.${i}.to`}
                        value={day.to}
                        onChange={(e) => setDay(i, { to: e.target.value })}
                        aria-label={`${name} ${t('sla.to')}`}
                        aria-invalid={toError ? true : undefined}
                        aria-describedby={toError ? `sla-day-${i}-error` : undefined}
                      />
                    </>
                  ) : (
                    <span className="col-span-2 text-sm text-muted-foreground">{t('sla.closed')}</span>
                  )}
                  {day.open && (fromError || toError) ? (
                    <FieldError id={`sla-day-${i}-error`} className="col-span-2 col-start-2">
                      {fromError ?? toError}
                    </FieldError>
                  ) : null}
                </div>
              );
            })}
          </div>
          <FieldError id="sla-days-error">{errors.days}</FieldError>
        </fieldset>
      ) : null}

      <div className="grid gap-4 md:grid-cols-2">
        <FormField
          label={t('sla.holidays')}
          htmlFor="sla-holidays"
          error={errors.holidays}
          hint={t('sla.holidaysHint')}
          className="content-start"
        >
          <Textarea
            id="sla-holidays"
            name="holidays"
            rows={4}
            maxLength={4000}
            placeholder="2027-01-01"
            value={holidays}
            onChange={(e) => setHolidays(e.target.value)}
            className="font-mono"
          />
        </FormField>
        <FormField
          label={t('sla.extraWorkdays')}
          htmlFor="sla-extra-workdays"
          error={errors.extraWorkdays}
          hint={t('sla.extraWorkdaysHint')}
          className="content-start"
        >
          <Textarea
            id="sla-extra-workdays"
            name="extraWorkdays"
            rows={4}
            maxLength={4000}
            placeholder="2027-02-07"
            value={extraWorkdays}
            onChange={(e) => setExtraWorkdays(e.target.value)}
            className="font-mono"
          />
        </FormField>
      </div>

      <FormField
        label={t('sla.autoClose')}
        htmlFor="sla-auto-close"
        error={errors.autoCloseDays}
        hint={t('sla.autoCloseHint')}
        className="max-w-md"
      >
        <Input
          id="sla-auto-close"
          name="autoCloseDays"
          inputMode="numeric"
          autoComplete="off"
          value={autoCloseDays}
          onChange={(e) => setAutoCloseDays(e.target.value)}
          className="w-32"
        />
      </FormField>

      <div className="flex flex-wrap items-center justify-end gap-3 border-t pt-4">
        {state && !state.ok && state.fieldErrors ? (
          <p role="alert" className="text-sm text-destructive">
            {state.message}
          </p>
        ) : null}
        <Button type="submit" disabled={pending}>
          {pending ? <LoaderCircle className="animate-spin" /> : null}
          {pending ? t('common.saving') : t('sla.saveCalendar')}
        </Button>
      </div>
    </form>
  );
}
