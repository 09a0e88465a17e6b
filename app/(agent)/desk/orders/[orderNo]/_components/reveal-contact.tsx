'use client';

import { Eye, ShieldAlert } from 'lucide-react';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { toast } from '@/components/ui/toast';
import { useT } from '@/lib/i18n/client';
import type { RevealedContact } from '@/lib/orders/pii';
import { revealContactAction } from '../actions';

export function RevealContact({ orderNo }: { orderNo: string }) {
  const t = useT();
  const [data, setData] = useState<RevealedContact | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        disabled={pending}
        data-testid="reveal-contact"
        onClick={() =>
          startTransition(async () => {
            const r = await revealContactAction(orderNo);
            if (r.ok) setData(r.data);
            else toast.error(r.message);
          })
        }
      >
        <Eye />
        {t('orders.detail.reveal')}
      </Button>
      <Dialog open={!!data} onOpenChange={(o) => !o && setData(null)}>
        <DialogContent closeLabel={t('common.close')}>
          <DialogHeader>
            <DialogTitle>{t('orders.detail.revealTitle')}</DialogTitle>
            <DialogDescription className="flex items-center gap-1.5">
              <ShieldAlert className="size-4" />
              {t('orders.detail.revealNote')}
            </DialogDescription>
          </DialogHeader>
          <dl className="grid gap-3 text-sm">
            <div>
              <dt className="text-muted-foreground">
                {t('orders.detail.recipient')} · {t('orders.detail.phone')}
              </dt>
              <dd className="font-mono">{data?.recipientPhone ?? '—'}</dd>
            </div>
            <div>
              <dt className="text-muted-foreground">{t('orders.detail.address')}</dt>
              <dd>{data?.shippingAddress ?? '—'}</dd>
            </div>
            <div>
              <dt className="text-muted-foreground">
                {t('orders.detail.customer')} · {t('orders.detail.phone')}
              </dt>
              <dd className="font-mono">{data?.customerPhone ?? '—'}</dd>
            </div>
          </dl>
        </DialogContent>
      </Dialog>
    </>
  );
}
