'use client';

import { Trash2 } from 'lucide-react';
import { ConfirmButton } from '@/components/forms/confirm-button';
import { useT } from '@/lib/i18n/client';
import { deleteOrderAction } from '../actions';

export function DeleteOrderButton({ orderNo, version }: { orderNo: string; version: number }) {
  const t = useT();
  return (
    <ConfirmButton
      label={t('orders.detail.delete')}
      icon={<Trash2 />}
      variant="outline"
      size="default"
      title={t('orders.detail.deleteTitle', { orderNo })}
      description={t('orders.detail.deleteDescription')}
      // On success the action redirects to the list; only a failure comes back.
      onConfirm={() => deleteOrderAction({ orderNo, version })}
    />
  );
}
