'use client';

import { RotateCcw, Trash2 } from 'lucide-react';
import { useTransition } from 'react';
import { ConfirmButton } from '@/components/forms/confirm-button';
import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/toast';
import { useT } from '@/lib/i18n/client';
import { purgeOrderAction, restoreOrderAction } from '../actions';

export function BinActions({ orderNo }: { orderNo: string }) {
  const t = useT();
  const [pending, startTransition] = useTransition();
  return (
    <div className="flex justify-end gap-1">
      <Button
        variant="ghost"
        size="sm"
        disabled={pending}
        data-testid={`restore-${orderNo}`}
        onClick={() =>
          startTransition(async () => {
            const r = await restoreOrderAction(orderNo);
            if (r.ok) toast.success(r.message);
            else toast.error(r.message);
          })
        }
      >
        <RotateCcw />
        {t('adminBin.restore')}
      </Button>
      <ConfirmButton
        label={t('adminBin.purge')}
        icon={<Trash2 />}
        title={t('adminBin.purgeTitle', { orderNo })}
        description={t('adminBin.purgeDescription')}
        onConfirm={() => purgeOrderAction(orderNo)}
      />
    </div>
  );
}
