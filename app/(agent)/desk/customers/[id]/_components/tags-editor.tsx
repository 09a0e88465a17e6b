'use client';

import { AlertTriangle, LoaderCircle, Plus, X } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FieldError } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { toast } from '@/components/ui/toast';
import { MAX_TAG_LENGTH, MAX_TAGS, normalizeTags } from '@/lib/customers/schemas';
import { useT } from '@/lib/i18n/client';
import { setTagsAction } from '../actions';

/**
 * The customer's tags as removable chips plus an input (Enter or comma adds). Saved in one go,
 * guarded by the version the page was rendered with; remounted (keyed by version) after a save.
 */
export function TagsEditor({ id, version, tags }: { id: string; version: number; tags: string[] }) {
  const t = useT();
  const router = useRouter();
  const [list, setList] = useState(tags);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const dirty = list.join('\u0000') !== tags.join('\u0000') || draft.trim() !== '';

  const add = () => {
    const next = normalizeTags([...list, ...draft.split(/[,，]/)]);
    setList(next);
    setDraft('');
    setError(null);
  };
  const save = () =>
    startTransition(async () => {
      const next = normalizeTags([...list, ...draft.split(/[,，]/)]);
      const r = await setTagsAction({ id, version, tags: next });
      if (r.ok) {
        if (r.message) toast.success(r.message);
        setDraft('');
        return;
      }
      if (r.code === 'stale_version') setConflict(r.message);
      else if (r.fieldErrors?.tags) setError(r.fieldErrors.tags);
      else toast.error(r.message);
    });

  return (
    <div className="grid gap-3" data-testid="tags-editor">
      {conflict ? (
        <Alert variant="destructive">
          <AlertTriangle />
          <AlertDescription className="flex flex-wrap items-center gap-3">
            <span>{conflict}</span>
            <Button type="button" size="sm" variant="outline" onClick={() => router.refresh()}>
              {t('customers.reload')}
            </Button>
          </AlertDescription>
        </Alert>
      ) : null}
      {list.length ? (
        <ul className="flex flex-wrap gap-1.5" aria-label={t('customers.tags.title')}>
          {list.map((tag) => (
            <li
              key={tag}
              className="inline-flex items-center gap-1 rounded-md bg-secondary py-0.5 pr-1 pl-2 text-xs font-medium text-secondary-foreground"
            >
              {tag}
              <button
                type="button"
                className="cursor-pointer rounded-sm p-0.5 text-muted-foreground hover:bg-accent hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none"
                aria-label={t('customers.tags.remove', { tag })}
                onClick={() => setList(list.filter((x) => x !== tag))}
              >
                <X className="size-3" aria-hidden="true" />
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted-foreground">{t('customers.tags.none')}</p>
      )}
      <div className="grid gap-1.5">
        <Label htmlFor="tag-draft" className="sr-only">
          {t('customers.tags.add')}
        </Label>
        <div className="flex gap-2">
          <Input
            id="tag-draft"
            value={draft}
            maxLength={MAX_TAG_LENGTH * 3}
            placeholder={t('customers.tags.placeholder')}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'tag-draft-error' : 'tag-draft-hint'}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ',') {
                e.preventDefault();
                add();
              }
            }}
          />
          <Button
            type="button"
            variant="outline"
            size="icon"
            onClick={add}
            disabled={!draft.trim()}
            aria-label={t('customers.tags.add')}
          >
            <Plus />
          </Button>
        </div>
        {error ? (
          <FieldError id="tag-draft-error">{error}</FieldError>
        ) : (
          <p id="tag-draft-hint" className="text-xs text-muted-foreground">
            {t('customers.tags.hint', { max: MAX_TAGS, length: MAX_TAG_LENGTH })}
          </p>
        )}
      </div>
      <div>
        <Button type="button" size="sm" onClick={save} disabled={pending || !dirty} data-testid="save-tags">
          {pending ? <LoaderCircle className="animate-spin" /> : null}
          {t('customers.tags.save')}
        </Button>
      </div>
    </div>
  );
}
