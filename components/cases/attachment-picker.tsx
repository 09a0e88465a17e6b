'use client';

import { FileText, Loader2, Paperclip, X } from 'lucide-react';
import { useId, useRef, useState } from 'react';
import { Button, buttonVariants } from '@/components/ui/button';
import { toast } from '@/components/ui/toast';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_MESSAGE } from '@/lib/attachments/sniff';
import { useT } from '@/lib/i18n/client';
import { cn } from '@/lib/utils';

type Item = { key: string; name: string; size: number; preview: string | null; id: string | null; uploading: boolean };

const ACCEPT = 'image/jpeg,image/png,image/gif,image/webp,application/pdf';

export function formatBytes(n: number): string {
  return n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Files for a request or message. Each file is uploaded as soon as it is chosen (the server
 * checks what it really is), and its id travels with the form in `attachments[]`. Mount it with a
 * new `key` after a successful send to start empty.
 */
export function AttachmentPicker({ disabled, name = 'attachments[]' }: { disabled?: boolean; name?: string }) {
  const t = useT();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [items, setItems] = useState<Item[]>([]);

  async function upload(file: File, key: string) {
    const body = new FormData();
    body.append('file', file);
    try {
      const res = await fetch('/api/attachments', { method: 'POST', body });
      const json = (await res.json().catch(() => null)) as { id?: string; error?: { message: string } } | null;
      if (!res.ok || !json?.id) throw new Error(json?.error?.message ?? t('errors.generic'));
      setItems((list) => list.map((i) => (i.key === key ? { ...i, id: json.id!, uploading: false } : i)));
    } catch (err) {
      toast.error(t('attachments.failed', { name: file.name, error: (err as Error).message }));
      setItems((list) => list.filter((i) => i.key !== key));
    }
  }

  function choose(files: FileList | null) {
    if (!files) return;
    const room = MAX_ATTACHMENTS_PER_MESSAGE - items.length;
    const chosen = [...files];
    if (chosen.length > room) toast.error(t('validation.too_many_attachments'));
    for (const file of chosen.slice(0, Math.max(0, room))) {
      if (file.size > MAX_ATTACHMENT_BYTES) {
        toast.error(t('attachments.failed', { name: file.name, error: t('errors.file_too_large') }));
        continue;
      }
      const key = `${file.name}-${file.size}-${Math.random()}`;
      const preview = file.type.startsWith('image/') ? URL.createObjectURL(file) : null;
      setItems((list) => [...list, { key, name: file.name, size: file.size, preview, id: null, uploading: true }]);
      void upload(file, key);
    }
    if (input.current) input.current.value = '';
  }

  function remove(key: string) {
    setItems((list) => {
      const gone = list.find((i) => i.key === key);
      if (gone?.preview) URL.revokeObjectURL(gone.preview);
      return list.filter((i) => i.key !== key);
    });
  }

  const busy = items.some((i) => i.uploading);
  const full = disabled || items.length >= MAX_ATTACHMENTS_PER_MESSAGE;
  return (
    <div className="grid gap-2" data-testid="attachment-picker" data-busy={busy}>
      <div className="flex flex-wrap items-center gap-2">
        {/*
          The file input is the control (keyboard focus, screen readers), named by the label that
          looks like a button beside it: one control, named by what it shows.
        */}
        <input
          ref={input}
          id={inputId}
          type="file"
          multiple
          accept={ACCEPT}
          className="peer sr-only"
          disabled={full}
          onChange={(e) => choose(e.currentTarget.files)}
          data-testid="attachment-input"
        />
        <label
          htmlFor={inputId}
          className={cn(
            buttonVariants({ variant: 'outline', size: 'sm' }),
            'peer-focus-visible:border-ring peer-focus-visible:ring-[3px] peer-focus-visible:ring-ring/50',
            'peer-disabled:pointer-events-none peer-disabled:opacity-50',
          )}
        >
          <Paperclip />
          {t('attachments.add')}
        </label>
        <span className="text-xs text-muted-foreground">{t('attachments.hint')}</span>
      </div>
      {items.length > 0 ? (
        <ul className="flex flex-wrap gap-2">
          {items.map((i) => (
            <li
              key={i.key}
              className="flex items-center gap-2 rounded-md border bg-muted/40 py-1 pr-1 pl-1.5 text-xs"
              data-testid="attachment-chip"
            >
              {i.preview ? (
                // eslint-disable-next-line @next/next/no-img-element -- a local object URL, not an optimisable image
                <img src={i.preview} alt="" className="size-8 rounded object-cover" />
              ) : (
                <FileText className="size-5 text-muted-foreground" />
              )}
              <span className="max-w-40 truncate" title={i.name}>
                {i.name}
              </span>
              <span className="text-muted-foreground">{formatBytes(i.size)}</span>
              {i.uploading ? (
                <Loader2
                  className="size-3.5 animate-spin text-muted-foreground"
                  aria-label={t('attachments.uploading', { name: i.name })}
                />
              ) : null}
              <Button
                type="button"
                variant="ghost"
                size="icon"
                className="size-6"
                onClick={() => remove(i.key)}
                aria-label={t('attachments.remove', { name: i.name })}
              >
                <X />
              </Button>
              {i.id ? <input type="hidden" name={name} value={i.id} /> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * The uploaded attachment ids in a form, or null while a file is still uploading (the caller then
 * waits instead of sending the message without it).
 */
export function attachmentIdsOf(form: HTMLFormElement): string[] | null {
  if (form.querySelector('[data-testid="attachment-picker"][data-busy="true"]')) return null;
  return new FormData(form).getAll('attachments[]').map(String);
}
