'use client';

import { Archive, ArchiveRestore, LoaderCircle } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/toast';
import { useT } from '@/lib/i18n/client';
import { archiveProductAction, restoreProductAction } from '../actions';

/**
 * Archive (or put back on sale) after a confirmation. The version the page loaded goes along, so
 * a product someone else changed meanwhile is not archived on stale information.
 */
export function ArchiveButton({
  sku,
  version,
  active,
  orderLineCount,
}: {
  sku: string;
  version: number;
  active: boolean;
  orderLineCount: number;
}) {
  const t = useT();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const confirm = () =>
    startTransition(async () => {
      const r = active ? await archiveProductAction(sku, version) : await restoreProductAction(sku, version);
      if (r.ok) toast.success(r.message);
      else toast.error(r.message);
      router.refresh();
    });
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button
          variant="outline"
          disabled={pending}
          className={active ? 'text-destructive hover:text-destructive' : undefined}
          data-testid={active ? 'archive-product' : 'restore-product'}
        >
          {pending ? <LoaderCircle className="animate-spin" /> : active ? <Archive /> : <ArchiveRestore />}
          {active ? t('products.archive') : t('products.restore')}
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>
            {active ? t('products.archiveTitle', { sku }) : t('products.restoreTitle', { sku })}
          </AlertDialogTitle>
          <AlertDialogDescription>
            {active ? t('products.archiveDescription', { count: orderLineCount }) : t('products.restoreDescription')}
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>{t('common.cancel')}</AlertDialogCancel>
          <AlertDialogAction variant={active ? 'destructive' : 'default'} disabled={pending} onClick={confirm}>
            {active ? t('products.archive') : t('products.restore')}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
