'use client';

import { Trash2 } from 'lucide-react';
import { ConfirmButton } from '@/components/forms/confirm-button';
import { useT } from '@/lib/i18n/client';
import { deleteTeamAction } from '../actions';

export function DeleteTeamButton({ id, name }: { id: string; name: string }) {
  const t = useT();
  return (
    <ConfirmButton
      label={t('admin.teams.delete')}
      icon={<Trash2 />}
      title={t('admin.teams.deleteTitle', { name })}
      description={t('admin.teams.deleteDescription')}
      onConfirm={() => deleteTeamAction(id)}
    />
  );
}
