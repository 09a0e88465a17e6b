'use client';

import { Trash2 } from 'lucide-react';
import { ConfirmButton } from '@/components/forms/confirm-button';
import { useT } from '@/lib/i18n/client';
import { deleteReplyAction } from '../actions';

export function DeleteReplyButton({ id, title }: { id: string; title: string }) {
  const t = useT();
  return (
    <ConfirmButton
      label={t('replies.delete')}
      icon={<Trash2 />}
      title={t('replies.deleteTitle', { title })}
      description={t('replies.deleteDescription')}
      onConfirm={() => deleteReplyAction(id)}
      testId={`delete-reply-${id}`}
    />
  );
}
