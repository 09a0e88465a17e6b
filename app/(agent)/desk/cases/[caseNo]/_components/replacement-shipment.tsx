'use client';

import { useState } from 'react';
import { useRunAction } from '@/components/forms/use-run-action';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { useT } from '@/lib/i18n/client';
import { replacementShipmentAction } from '../actions';

/** Corrects the replacement's carrier and tracking number after it shipped (the customer is told). */
export function ReplacementShipmentForm({
  caseNo,
  carrier,
  trackingNo,
}: {
  caseNo: string;
  carrier: string;
  trackingNo: string;
}) {
  const t = useT();
  const { pending, run } = useRunAction();
  const [open, setOpen] = useState(false);
  const [c, setC] = useState(carrier);
  const [no, setNo] = useState(trackingNo);
  if (!open)
    return (
      <Button size="sm" variant="outline" onClick={() => setOpen(true)} data-testid="replacement-edit">
        {t('replacementShipment.correct')}
      </Button>
    );
  return (
    <form
      className="grid gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        run(
          () => replacementShipmentAction({ caseNo, carrier: c, trackingNo: no }),
          () => setOpen(false),
        );
      }}
    >
      <div className="grid gap-1.5">
        <Label htmlFor="fix-carrier" className="text-xs text-muted-foreground">
          {t('replacementShipment.carrier')}
        </Label>
        <Input id="fix-carrier" maxLength={40} value={c} onChange={(e) => setC(e.target.value)} />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="fix-tracking" className="text-xs text-muted-foreground">
          {t('replacementShipment.trackingNo')}
        </Label>
        <Input id="fix-tracking" maxLength={40} value={no} onChange={(e) => setNo(e.target.value)} />
      </div>
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={pending}>
          {t('replacementShipment.save')}
        </Button>
        <Button type="button" size="sm" variant="ghost" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
