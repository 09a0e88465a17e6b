'use client';

import { DatabaseBackup, LoaderCircle, ShieldCheck } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/toast';
import { useT } from '@/lib/i18n/client';
import { backUpNowAction, verifyNowAction } from '../actions';

/** "Back up now" / "Verify now": each can take a while, so the button says so while it runs. */
export function RunButtons({ canVerify }: { canVerify: boolean }) {
  const t = useT();
  const router = useRouter();
  const [backingUp, startBackup] = useTransition();
  const [verifying, startVerify] = useTransition();
  const busy = backingUp || verifying;

  const run = (start: typeof startBackup, action: () => Promise<{ ok: boolean; message?: string }>) =>
    start(async () => {
      const r = await action();
      if (r.ok) toast.success(r.message ?? t('backups.done'));
      else toast.error(r.message ?? t('errors.generic'));
      router.refresh();
    });

  return (
    <div className="flex flex-wrap gap-2" aria-live="polite">
      <Button onClick={() => run(startBackup, backUpNowAction)} disabled={busy} data-testid="backup-now">
        {backingUp ? <LoaderCircle className="animate-spin" /> : <DatabaseBackup />}
        {backingUp ? t('backups.backingUp') : t('backups.backUpNow')}
      </Button>
      <Button
        variant="outline"
        onClick={() => run(startVerify, verifyNowAction)}
        disabled={busy || !canVerify}
        data-testid="verify-now"
        title={canVerify ? undefined : t('backups.verifyNeedsBackup')}
      >
        {verifying ? <LoaderCircle className="animate-spin" /> : <ShieldCheck />}
        {verifying ? t('backups.verifying') : t('backups.verifyNow')}
      </Button>
    </div>
  );
}
