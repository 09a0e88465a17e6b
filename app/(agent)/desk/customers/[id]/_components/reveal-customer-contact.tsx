'use client';

import { Eye, ShieldAlert } from 'lucide-react';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { toast } from '@/components/ui/toast';
import type { RevealedCustomerContact } from '@/lib/customers/dto';
import { useT } from '@/lib/i18n/client';
import { revealCustomerAction } from '../actions';

/** The order page's reveal, for the customer record: each click is one audited reveal. */
export function RevealCustomerContact({ id }: { id: string }) {
  const t = useT();
  const [data, setData] = useState<RevealedCustomerContact | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        disabled={pending}
        data-testid="reveal-customer"
        onClick={() =>
          startTransition(async () => {
            const r = await revealCustomerAction(id);
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
              <dt className="text-muted-foreground">{t('customers.profile.phone')}</dt>
              <dd className="font-mono">{data?.phone ?? '—'}</dd>
            </div>
            <div>
              <dt className="text-muted-foreground">{t('customers.profile.email')}</dt>
              <dd className="break-all">{data?.email ?? '—'}</dd>
            </div>
            <div>
              <dt className="text-muted-foreground">{t('customers.profile.address')}</dt>
              <dd>{data?.address ?? '—'}</dd>
            </div>
          </dl>
        </DialogContent>
      </Dialog>
    </>
  );
}
