'use client';

import { Bookmark, BookmarkPlus, X } from 'lucide-react';
import Link from 'next/link';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { toast } from '@/components/ui/toast';
import { useT } from '@/lib/i18n/client';
import { deleteViewAction, saveViewAction } from '../actions';

type View = { id: string; name: string; query: Record<string, string> };

export function SavedViews({ views, current }: { views: View[]; current: Record<string, string> }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const hasFilters = Object.keys(current).length > 0;
  const save = () =>
    startTransition(async () => {
      const r = await saveViewAction({ name, query: current });
      if (r.ok) {
        toast.success(r.message);
        setOpen(false);
        setName('');
        setError(undefined);
      } else {
        setError(r.fieldErrors?.name ?? r.message);
      }
    });
  return (
    <div className="mb-4 flex flex-wrap items-center gap-2" aria-label={t('orders.views.label')}>
      <span className="flex items-center gap-1.5 text-sm text-muted-foreground">
        <Bookmark className="size-4" />
        {t('orders.views.label')}
      </span>
      {views.length === 0 ? <span className="text-sm text-muted-foreground">{t('orders.views.none')}</span> : null}
      {views.map((v) => (
        <span key={v.id} className="inline-flex items-center rounded-full border bg-card pl-3 text-sm">
          <Link href={`/desk/orders?${new URLSearchParams(v.query)}`} className="py-1 hover:underline">
            {v.name}
          </Link>
          <button
            type="button"
            className="ml-1 rounded-full p-1 text-muted-foreground hover:bg-muted hover:text-foreground"
            aria-label={t('orders.views.delete', { name: v.name })}
            onClick={() =>
              startTransition(async () => {
                const r = await deleteViewAction(v.id);
                if (r.ok) toast.success(r.message);
                else toast.error(r.message);
              })
            }
          >
            <X className="size-3.5" />
          </button>
        </span>
      ))}
      {hasFilters ? (
        <Button variant="ghost" size="sm" onClick={() => setOpen(true)}>
          <BookmarkPlus />
          {t('orders.views.save')}
        </Button>
      ) : null}
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent closeLabel={t('common.close')}>
          <DialogHeader>
            <DialogTitle>{t('orders.views.saveTitle')}</DialogTitle>
          </DialogHeader>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              save();
            }}
            className="grid gap-4"
          >
            <FormField label={t('orders.views.name')} htmlFor="view-name" error={error} required>
              <Input id="view-name" value={name} maxLength={40} onChange={(e) => setName(e.target.value)} autoFocus />
            </FormField>
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => setOpen(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" disabled={pending}>
                {t('common.save')}
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </div>
  );
}
