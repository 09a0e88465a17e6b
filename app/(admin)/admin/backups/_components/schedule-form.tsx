'use client';

import { LoaderCircle } from 'lucide-react';
import { startTransition, useState } from 'react';
import { useFormAction } from '@/components/forms/use-form-action';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { useT } from '@/lib/i18n/client';
import { saveBackupScheduleAction, type SaveScheduleState } from '../actions';

export type ScheduleValues = { enabled: boolean; intervalHours: number; retention: number; verify: boolean };

function Toggle({
  name,
  label,
  hint,
  checked,
  onChange,
}: {
  name: string;
  label: string;
  hint: string;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  return (
    <label className="flex cursor-pointer items-start gap-3 rounded-lg border p-4 has-checked:border-primary has-checked:bg-primary/5 has-focus-visible:ring-[3px] has-focus-visible:ring-ring/50">
      <input
        type="checkbox"
        name={name}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        className="mt-0.5 size-4 shrink-0 accent-primary outline-none"
        data-testid={`backup-${name}`}
      />
      <span className="grid gap-1">
        <span className="text-sm leading-none font-medium">{label}</span>
        <span className="text-sm text-muted-foreground">{hint}</span>
      </span>
    </label>
  );
}

export function ScheduleForm({ initial }: { initial: ScheduleValues }) {
  const t = useT();
  const [enabled, setEnabled] = useState(initial.enabled);
  const [verify, setVerify] = useState(initial.verify);
  const [intervalHours, setIntervalHours] = useState(String(initial.intervalHours));
  const [retention, setRetention] = useState(String(initial.retention));
  const [state, action, pending] = useFormAction<SaveScheduleState>(saveBackupScheduleAction);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};

  return (
    <form
      noValidate
      className="grid gap-5"
      data-testid="backup-schedule-form"
      onSubmit={(e) => {
        // Dispatched by hand: React resets a form after its action, which would untick the controlled checkboxes.
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        startTransition(() => action(form));
      }}
    >
      <div className="grid gap-3 md:grid-cols-2">
        <Toggle
          name="enabled"
          label={t('backups.enabled')}
          hint={t('backups.enabledHint')}
          checked={enabled}
          onChange={setEnabled}
        />
        <Toggle
          name="verify"
          label={t('backups.verify')}
          hint={t('backups.verifyHint')}
          checked={verify}
          onChange={setVerify}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField
          label={t('backups.intervalHours')}
          htmlFor="backup-interval"
          error={errors.intervalHours}
          hint={t('backups.intervalHint')}
        >
          <Input
            id="backup-interval"
            name="intervalHours"
            inputMode="numeric"
            autoComplete="off"
            value={intervalHours}
            onChange={(e) => setIntervalHours(e.target.value)}
            className="w-32"
          />
        </FormField>
        <FormField
          label={t('backups.retention')}
          htmlFor="backup-retention"
          error={errors.retention}
          hint={t('backups.retentionHint')}
        >
          <Input
            id="backup-retention"
            name="retention"
            inputMode="numeric"
            autoComplete="off"
            value={retention}
            onChange={(e) => setRetention(e.target.value)}
            className="w-32"
          />
        </FormField>
      </div>
      <div className="flex flex-wrap items-center justify-end gap-3 border-t pt-4">
        {state && !state.ok && state.fieldErrors ? (
          <p role="alert" className="text-sm text-destructive">
            {state.message}
          </p>
        ) : null}
        <Button type="submit" disabled={pending}>
          {pending ? <LoaderCircle className="animate-spin" /> : null}
          {pending ? t('common.saving') : t('backups.saveSchedule')}
        </Button>
      </div>
    </form>
  );
}
