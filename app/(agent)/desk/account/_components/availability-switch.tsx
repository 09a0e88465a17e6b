'use client';

import { useState, useTransition } from 'react';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { toast } from '@/components/ui/toast';
import { useT } from '@/lib/i18n/client';
import { cn } from '@/lib/utils';
import { setAvailabilityAction } from '../../actions';

/** Available / away: whether automatic assignment may give this agent new cases. */
export function AvailabilitySwitch({ initial }: { initial: boolean }) {
  const t = useT();
  const [available, setAvailable] = useState(initial);
  const [pending, startTransition] = useTransition();
  const choose = (value: boolean) =>
    startTransition(async () => {
      const r = await setAvailabilityAction({ available: value });
      if (r.ok) {
        setAvailable(value);
        if (r.message) toast.success(r.message);
      } else toast.error(r.message);
    });
  return (
    <Card>
      <CardHeader>
        <CardTitle>{available ? t('availability.available') : t('availability.away')}</CardTitle>
        <CardDescription>{t('availability.hint')}</CardDescription>
      </CardHeader>
      <CardContent>
        <div role="radiogroup" className="inline-flex rounded-lg border p-0.5">
          {[true, false].map((value) => (
            <button
              key={String(value)}
              type="button"
              role="radio"
              aria-checked={available === value}
              disabled={pending}
              onClick={() => choose(value)}
              className={cn(
                'rounded-md px-3 py-1.5 text-sm outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50',
                available === value ? 'bg-primary text-primary-foreground' : 'text-muted-foreground hover:bg-muted',
              )}
            >
              {value ? t('availability.available') : t('availability.away')}
            </button>
          ))}
        </div>
      </CardContent>
    </Card>
  );
}
