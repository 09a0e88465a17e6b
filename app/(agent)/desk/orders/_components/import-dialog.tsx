'use client';

import { Download, FileUp, LoaderCircle } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { useT } from '@/lib/i18n/client';
import { IMPORT_COLUMNS, REQUIRED_IMPORT_COLUMNS } from '@/lib/orders/csv';

type Progress = { rows: number; imported: number; skipped: number; rejected: number };
type Final = Progress & { done: true; jobId?: string; error?: string; report?: { line: number; externalId: string; field: string; reason: string }[] };

export function ImportDialog() {
  const t = useT();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [final, setFinal] = useState<Final | null>(null);
  const [running, setRunning] = useState(false);

  const start = async () => {
    if (!file) return;
    setRunning(true);
    setFinal(null);
    setProgress({ rows: 0, imported: 0, skipped: 0, rejected: 0 });
    const body = new FormData();
    body.set('file', file);
    try {
      const res = await fetch('/api/orders/import', { method: 'POST', body });
      if (!res.ok || !res.body) {
        const json = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        setFinal({ done: true, rows: 0, imported: 0, skipped: 0, rejected: 0, error: json?.error?.message ?? t('errors.generic') });
        return;
      }
      // NDJSON: one progress object per line, the last one with done: true.
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines.filter(Boolean)) {
          const msg = JSON.parse(line) as Progress | Final;
          if ('done' in msg) setFinal(msg);
          else setProgress(msg);
        }
      }
      router.refresh();
    } catch {
      setFinal({ done: true, rows: 0, imported: 0, skipped: 0, rejected: 0, error: t('errors.generic') });
    } finally {
      setRunning(false);
    }
  };

  const shown = final ?? progress;
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        if (running) return;
        setOpen(o);
        if (!o) {
          setFile(null);
          setProgress(null);
          setFinal(null);
        }
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
          <DialogDescription>{t('ordersImport.description')}</DialogDescription>
        </DialogHeader>
        <div className="grid gap-2">
          <Label htmlFor="import-file">{t('ordersImport.file')}</Label>
          <Input id="import-file" type="file" accept=".csv,text/csv" disabled={running} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <details className="text-sm">
          <summary className="cursor-pointer text-primary">{t('ordersImport.format')}</summary>
          <p className="mt-2 font-mono text-xs leading-relaxed break-words text-muted-foreground">
            <strong>{REQUIRED_IMPORT_COLUMNS.join(', ')}</strong>
            {', '}
            {IMPORT_COLUMNS.filter((c) => !(REQUIRED_IMPORT_COLUMNS as readonly string[]).includes(c)).join(', ')}
          </p>
        </details>
        {shown ? (
          <div className="grid gap-3" aria-live="polite">
            {running ? (
              <p className="flex items-center gap-2 text-sm text-muted-foreground">
                <LoaderCircle className="size-4 animate-spin" />
                {t('ordersImport.working', { rows: shown.rows })}
              </p>
            ) : null}
            <dl className="grid grid-cols-4 gap-2 text-center" data-testid="import-counts">
              {(
                [
                  ['rows', shown.rows],
                  ['imported', shown.imported],
                  ['skipped', shown.skipped],
                  ['rejected', shown.rejected],
                ] as const
              ).map(([k, v]) => (
                <div key={k} className="rounded-lg border p-2">
                  <dt className="text-xs text-muted-foreground">{t(`ordersImport.${k}`)}</dt>
                  <dd className="text-lg font-semibold tabular-nums" data-testid={`import-${k}`}>
                    {v}
                  </dd>
                </div>
              ))}
            </dl>
            {final?.error ? (
              <Alert variant="destructive">
                <AlertDescription>{final.error}</AlertDescription>
              </Alert>
            ) : null}
            {final?.report?.length ? (
              <ul className="max-h-48 overflow-auto rounded-md border p-3 text-sm" data-testid="import-report">
                {final.report.map((r, i) => (
                  <li key={i}>
                    <span className="font-medium">{t('ordersImport.line', { line: r.line })}</span>
                    {r.externalId ? ` · ${r.externalId}` : ''}
                    {r.field ? ` · ${r.field}` : ''}: <span className="text-destructive">{r.reason}</span>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        <DialogFooter className="items-center">
          {final?.jobId && final.rejected > 0 ? (
            <Button variant="outline" asChild>
              <a href={`/api/orders/import/${final.jobId}/report`}>
                <Download />
                {t('ordersImport.report')}
              </a>
            </Button>
          ) : null}
          <Button onClick={start} disabled={!file || running} data-testid="start-import">
            {running ? <LoaderCircle className="animate-spin" /> : null}
            {t('ordersImport.start')}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
