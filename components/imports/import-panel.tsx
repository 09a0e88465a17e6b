'use client';

import { Download, LoaderCircle } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { useT } from '@/lib/i18n/client';

type Counts = { rows: number; imported: number; updated: number; skipped: number; rejected: number };
type Final = Counts & {
  done: true;
  jobId?: string;
  error?: string;
  report?: { line: number; externalId: string; field: string; reason: string }[];
};
export type ImportOption = { name: string; label: string; hint?: string };

const ZERO: Counts = { rows: 0, imported: 0, updated: 0, skipped: 0, rejected: 0 };

/**
 * Uploads one CSV file to POST /api/imports/<kind> and follows its NDJSON progress: counts while it
 * works, then the first rejected rows with their reasons and a link to the full report. The file
 * and the options stay as chosen after a run, so a corrected file can be sent again at once.
 */
export function ImportPanel({
  kind,
  columns,
  required,
  options = [],
  onRunningChange,
}: {
  kind: string;
  columns: readonly string[];
  required: readonly string[];
  options?: ImportOption[];
  onRunningChange?: (running: boolean) => void;
}) {
  const t = useT();
  const router = useRouter();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [chosen, setChosen] = useState<Record<string, boolean>>({});
  const [progress, setProgress] = useState<Counts | null>(null);
  const [final, setFinal] = useState<Final | null>(null);
  const [running, setRunning] = useState(false);

  const setBusy = (b: boolean) => {
    setRunning(b);
    onRunningChange?.(b);
  };

  const start = async () => {
    if (!file) return;
    setBusy(true);
    setFinal(null);
    setProgress(ZERO);
    const body = new FormData();
    body.set('file', file);
    for (const o of options) if (chosen[o.name]) body.set(o.name, '1');
    try {
      const res = await fetch(`/api/imports/${kind}`, { method: 'POST', body });
      if (!res.ok || !res.body) {
        const json = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        setFinal({ ...ZERO, done: true, error: json?.error?.message ?? t('errors.generic') });
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
          const msg = JSON.parse(line) as Counts | Final;
          if ('done' in msg) setFinal({ ...ZERO, ...msg });
          else setProgress(msg);
        }
      }
      router.refresh();
    } catch {
      setFinal({ ...ZERO, done: true, error: t('errors.generic') });
    } finally {
      setBusy(false);
    }
  };

  const shown = final ?? progress;
  const counts = (['rows', 'imported', 'updated', 'skipped', 'rejected'] as const).filter(
    (k) => k !== 'updated' || kind !== 'orders',
  );
  return (
    <div className="grid gap-4" data-testid={`import-panel-${kind}`}>
      <div className="grid gap-2">
        <Label htmlFor={`${id}-file`}>{t('ordersImport.file')}</Label>
        <Input
          id={`${id}-file`}
          type="file"
          accept=".csv,text/csv"
          disabled={running}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          data-testid={`import-${kind}-file`}
        />
      </div>
      {options.length ? (
        <fieldset className="grid gap-3">
          <legend className="sr-only">{t('imports.options')}</legend>
          {options.map((o) => (
            <div key={o.name} className="flex items-start gap-2">
              <Checkbox
                id={`${id}-${o.name}`}
                checked={!!chosen[o.name]}
                disabled={running}
                onCheckedChange={(c) => setChosen((v) => ({ ...v, [o.name]: c === true }))}
                data-testid={`import-${kind}-${o.name}`}
              />
              <Label htmlFor={`${id}-${o.name}`} className="grid gap-0.5 font-normal">
                <span className="font-medium">{o.label}</span>
                {o.hint ? <span className="text-muted-foreground">{o.hint}</span> : null}
              </Label>
            </div>
          ))}
        </fieldset>
      ) : null}
      <details className="text-sm">
        <summary className="cursor-pointer text-primary">{t('ordersImport.format')}</summary>
        <p className="mt-2 font-mono text-xs leading-relaxed break-words text-muted-foreground">
          <strong className="text-foreground">{required.join(', ')}</strong>
          {columns.length > required.length ? ', ' : ''}
          {columns.filter((c) => !required.includes(c)).join(', ')}
        </p>
        <p className="mt-1 text-xs text-muted-foreground">{t('imports.formatHint', { doc: `docs/${kind}-csv.md` })}</p>
      </details>
      {shown ? (
        <div className="grid gap-3" aria-live="polite">
          {running ? (
            <p className="flex items-center gap-2 text-sm text-muted-foreground">
              <LoaderCircle className="size-4 animate-spin" aria-hidden="true" />
              {t('ordersImport.working', { rows: shown.rows })}
            </p>
          ) : final && !final.error ? (
            <p className="text-sm text-muted-foreground">{t('ordersImport.done')}</p>
          ) : null}
          <dl className="grid grid-cols-2 gap-2 text-center sm:grid-cols-5" data-testid="import-counts">
            {counts.map((k) => (
              <div key={k} className="rounded-lg border p-2">
                <dt className="text-xs text-muted-foreground">{t(`imports.counts.${k}`)}</dt>
                <dd className="text-lg font-semibold tabular-nums" data-testid={`import-${k}`}>
                  {shown[k]}
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
                  {r.field ? (
                    <>
                      {' · '}
                      <code className="text-xs">{r.field}</code>
                    </>
                  ) : null}
                  : <span className="text-destructive">{r.reason}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <div className="flex flex-wrap items-center justify-end gap-2">
        {final?.jobId && final.rejected > 0 ? (
          <Button variant="outline" asChild>
            <a href={`/api/imports/jobs/${final.jobId}/report`} data-testid="import-report-link">
              <Download />
              {t('ordersImport.report')}
            </a>
          </Button>
        ) : null}
        <Button onClick={start} disabled={!file || running} data-testid={`start-import-${kind}`}>
          {running ? <LoaderCircle className="animate-spin" /> : null}
          {t('ordersImport.start')}
        </Button>
      </div>
    </div>
  );
}
