'use client';

import { FileUp } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { ImportPanel, type ImportOption } from '@/components/imports/import-panel';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { useT } from '@/lib/i18n/client';
import { IMPORT_COLUMNS, REQUIRED_IMPORT_COLUMNS } from '@/lib/orders/csv';

/** The order import from the order list; the same panel as on /desk/imports, in a dialog. */
export function ImportDialog() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [running, setRunning] = useState(false);
  // A new panel (empty file, counts) each time the dialog opens.
  const [round, setRound] = useState(0);
  const options: ImportOption[] = [
    { name: 'history', label: t('imports.orders.history'), hint: t('imports.orders.historyHint') },
    { name: 'createProducts', label: t('imports.orders.createProducts'), hint: t('imports.orders.createProductsHint') },
  ];
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        if (running) return;
        setOpen(o);
        if (!o) setRound((r) => r + 1);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline" data-testid="import-orders">
          <FileUp />
          {t('ordersImport.button')}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={t('common.close')} className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>{t('ordersImport.title')}</DialogTitle>
          <DialogDescription>
            {t('ordersImport.description')}{' '}
            <Link href="/desk/imports" className="text-primary underline-offset-4 hover:underline">
              {t('imports.allImports')}
            </Link>
          </DialogDescription>
        </DialogHeader>
        <ImportPanel
          key={round}
          kind="orders"
          columns={IMPORT_COLUMNS}
          required={REQUIRED_IMPORT_COLUMNS}
          options={options}
          onRunningChange={setRunning}
        />
      </DialogContent>
    </Dialog>
  );
}
