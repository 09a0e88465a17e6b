'use client';

import { useState } from 'react';
import { useRunAction } from '@/components/forms/use-run-action';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/select';
import { PRIORITIES, type Priority } from '@/lib/cases/priority';
import { useT } from '@/lib/i18n/client';
import { setDefaultPriorityAction } from '../actions';

/** The priority of a case no enabled rule matches. */
export function DefaultPriorityForm({ priority, version }: { priority: Priority; version: number }) {
  const t = useT();
  const [value, setValue] = useState<string>(priority);
  const { pending, run } = useRunAction();
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        run(() => setDefaultPriorityAction({ priority: value, version }));
      }}
    >
      <div className="grid gap-2">
        <Label htmlFor="default-priority">{t('caseRules.priority.default')}</Label>
        <NativeSelect
          id="default-priority"
          containerClassName="w-48"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-describedby="default-priority-hint"
        >
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t.dynamic(`caseDesk.priority.${p}`, undefined, p)}
            </option>
          ))}
        </NativeSelect>
      </div>
      <Button
        type="submit"
        variant="outline"
        disabled={pending || value === priority}
        data-testid="save-default-priority"
      >
        {pending ? t('common.saving') : t('common.save')}
      </Button>
      <p id="default-priority-hint" className="basis-full text-sm text-muted-foreground">
        {t('caseRules.priority.defaultHint')}
      </p>
    </form>
  );
}
