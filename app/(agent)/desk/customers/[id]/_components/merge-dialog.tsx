'use client';

import { ArrowLeftRight, GitMerge, LoaderCircle, Search, ShieldAlert } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { toast } from '@/components/ui/toast';
import type { CustomerListItemDto, MergePreviewDto, MergeSideDto } from '@/lib/customers/dto';
import { useT } from '@/lib/i18n/client';
import { cn } from '@/lib/utils';
import { findMergeCandidatesAction, mergeAction, previewMergeAction } from '../actions';

type Candidate = Pick<CustomerListItemDto, 'id' | 'name' | 'phoneMasked' | 'emailMasked' | 'region' | 'orderCount'>;

function Side({ side, role }: { side: MergeSideDto; role: 'target' | 'source' }) {
  const t = useT();
  const c = side.counts;
  return (
    <section
      aria-label={t(role === 'target' ? 'customers.merge.kept' : 'customers.merge.removed')}
      className={cn(
        'grid content-start gap-2 rounded-lg border p-3 text-sm',
        role === 'source' ? 'border-destructive/40 bg-destructive/5' : 'border-success/40 bg-success/5',
      )}
      data-testid={`merge-${role}`}
    >
      <Badge variant={role === 'target' ? 'success' : 'destructive'}>
        {t(role === 'target' ? 'customers.merge.kept' : 'customers.merge.removed')}
      </Badge>
      <p className="font-medium">{side.name}</p>
      <dl className="grid grid-cols-[5rem_1fr] gap-x-2 gap-y-1 text-xs">
        <dt className="text-muted-foreground">{t('customers.profile.phone')}</dt>
        <dd className="font-mono">{side.phoneMasked ?? '—'}</dd>
        <dt className="text-muted-foreground">{t('customers.profile.email')}</dt>
        <dd className="break-all">{side.emailMasked ?? '—'}</dd>
        <dt className="text-muted-foreground">{t('customers.profile.region')}</dt>
        <dd>{side.region ?? '—'}</dd>
        <dt className="text-muted-foreground">{t('customers.columns.tags')}</dt>
        <dd>{side.tags.length ? side.tags.join(', ') : '—'}</dd>
        <dt className="text-muted-foreground">{t('customers.columns.account')}</dt>
        <dd>{side.hasAccount ? t('customers.hasAccount') : t('customers.noAccount')}</dd>
      </dl>
      <p className="text-xs text-muted-foreground">
        {t('customers.merge.holds', {
          orders: c.orders,
          cases: c.cases,
          feedback: c.feedback,
          surveys: c.surveys,
          notes: c.notes,
          externalIds: c.externalIds,
        })}
      </p>
    </section>
  );
}

/**
 * Merging a duplicate into this customer (or, swapped, this one into the other), for supervisors:
 * find the other record, see both side by side with what moves, confirm. The server checks
 * everything again (lib/customers/mutations.ts); the dialog only explains beforehand.
 */
export function MergeDialog({ id }: { id: string }) {
  const t = useT();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const [results, setResults] = useState<Candidate[] | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [preview, setPreview] = useState<MergePreviewDto | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [pending, startTransition] = useTransition();

  const reset = () => {
    setQ('');
    setResults(null);
    setSearchError(null);
    setPreview(null);
    setConfirmed(false);
  };
  const search = () =>
    startTransition(async () => {
      setSearchError(null);
      const r = await findMergeCandidatesAction(q);
      if (r.ok) setResults(r.data.filter((c) => c.id !== id));
      else setSearchError(r.fieldErrors ? (Object.values(r.fieldErrors)[0] ?? r.message) : r.message);
    });
  const load = (sourceId: string, targetId: string) =>
    startTransition(async () => {
      const r = await previewMergeAction({ sourceId, targetId });
      setConfirmed(false);
      if (r.ok) setPreview(r.data);
      else toast.error(r.message);
    });
  const merge = () =>
    startTransition(async () => {
      if (!preview) return;
      const r = await mergeAction({ sourceId: preview.source.id, targetId: preview.target.id });
      if (!r.ok) {
        toast.error(r.message);
        return;
      }
      if (r.message) toast.success(r.message);
      setOpen(false);
      reset();
      if (preview.target.id !== id) router.push(`/desk/customers/${preview.target.id}`);
      else router.refresh();
    });

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) reset();
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" data-testid="merge-open">
          <GitMerge />
          {t('customers.merge.button')}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={t('common.close')} className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>{t('customers.merge.title')}</DialogTitle>
          <DialogDescription>{t('customers.merge.description')}</DialogDescription>
        </DialogHeader>
        {!preview ? (
          <div className="grid gap-3">
            <form
              className="grid gap-1.5"
              role="search"
              onSubmit={(e) => {
                e.preventDefault();
                if (q.trim()) search();
              }}
            >
              <Label htmlFor="merge-search">{t('customers.merge.searchLabel')}</Label>
              <div className="flex gap-2">
                <Input
                  id="merge-search"
                  value={q}
                  maxLength={100}
                  placeholder={t('customers.searchPlaceholder')}
                  onChange={(e) => setQ(e.target.value)}
                  aria-invalid={searchError ? true : undefined}
                  aria-describedby={searchError ? 'merge-search-error' : undefined}
                  autoFocus
                />
                <Button type="submit" variant="outline" disabled={pending || !q.trim()}>
                  {pending ? <LoaderCircle className="animate-spin" /> : <Search />}
                  {t('common.search')}
                </Button>
              </div>
              {searchError ? (
                <p id="merge-search-error" className="text-sm text-destructive">
                  {searchError}
                </p>
              ) : null}
            </form>
            {results ? (
              results.length ? (
                <ul className="grid max-h-72 gap-1 overflow-auto" data-testid="merge-results">
                  {results.map((c) => (
                    <li key={c.id}>
                      <button
                        type="button"
                        className="grid w-full cursor-pointer gap-0.5 rounded-md border px-3 py-2 text-left text-sm hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none"
                        onClick={() => load(c.id, id)}
                        disabled={pending}
                      >
                        <span className="font-medium">{c.name}</span>
                        <span className="text-xs text-muted-foreground">
                          {[c.phoneMasked, c.emailMasked, c.region].filter(Boolean).join(' · ') || '—'} ·{' '}
                          {t('customers.merge.orders', { count: c.orderCount })}
                        </span>
                      </button>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-muted-foreground">{t('customers.merge.noResults')}</p>
              )
            ) : null}
          </div>
        ) : (
          <div className="grid gap-4">
            <div className="grid items-start gap-3 sm:grid-cols-[1fr_auto_1fr]">
              <Side side={preview.source} role="source" />
              <Button
                type="button"
                variant="ghost"
                size="icon"
                className="self-center justify-self-center"
                aria-label={t('customers.merge.swap')}
                title={t('customers.merge.swap')}
                disabled={pending}
                onClick={() => load(preview.target.id, preview.source.id)}
              >
                <ArrowLeftRight />
              </Button>
              <Side side={preview.target} role="target" />
            </div>
            {preview.blocked ? (
              <Alert variant="destructive" data-testid="merge-blocked">
                <ShieldAlert />
                <AlertDescription>{t(`errors.${preview.blocked}`)}</AlertDescription>
              </Alert>
            ) : (
              <>
                <ul className="grid list-disc gap-1 pl-5 text-sm">
                  <li>{t('customers.merge.explainMove', { name: preview.target.name })}</li>
                  <li>{t('customers.merge.explainContacts')}</li>
                  <li>{t('customers.merge.explainTags')}</li>
                  {preview.source.hasAccount && !preview.target.hasAccount ? (
                    <li>{t('customers.merge.explainAccount')}</li>
                  ) : null}
                  <li className="font-medium text-destructive">
                    {t('customers.merge.explainDelete', { name: preview.source.name })}
                  </li>
                </ul>
                <div className="flex items-start gap-2">
                  <Checkbox id="merge-confirm" checked={confirmed} onCheckedChange={(c) => setConfirmed(c === true)} />
                  <Label htmlFor="merge-confirm" className="leading-snug font-normal">
                    {t('customers.merge.confirmLabel', { source: preview.source.name, target: preview.target.name })}
                  </Label>
                </div>
              </>
            )}
          </div>
        )}
        <DialogFooter>
          {preview ? (
            <Button type="button" variant="outline" onClick={() => setPreview(null)} disabled={pending}>
              {t('customers.merge.back')}
            </Button>
          ) : (
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
          )}
          {preview && !preview.blocked ? (
            <Button
              type="button"
              variant="destructive"
              onClick={merge}
              disabled={pending || !confirmed}
              data-testid="merge-confirm"
            >
              {pending ? <LoaderCircle className="animate-spin" /> : <GitMerge />}
              {t('customers.merge.confirm')}
            </Button>
          ) : null}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
