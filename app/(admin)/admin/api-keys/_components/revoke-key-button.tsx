'use client';

import { Ban } from 'lucide-react';
import { ConfirmButton } from '@/components/forms/confirm-button';
import { useT } from '@/lib/i18n/client';
import { revokeApiKeyAction } from '../actions';

export function RevokeKeyButton({ id, name }: { id: string; name: string }) {
  const t = useT();
  return (
    <ConfirmButton
      label={t('apiKeys.revoke')}
      icon={<Ban />}
      title={t('apiKeys.revokeTitle', { name })}
      description={t('apiKeys.revokeDescription')}
      onConfirm={() => revokeApiKeyAction(id)}
    />
  );
}
