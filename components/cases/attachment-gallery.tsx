'use client';

import { Download, FileText } from 'lucide-react';
import { useState } from 'react';
import { Dialog, DialogContent, DialogDescription, DialogTitle } from '@/components/ui/dialog';
import type { AttachmentDto } from '@/lib/attachments/dto';
import { useT } from '@/lib/i18n/client';
import { formatBytes } from './attachment-picker';

/** Thumbnails of a request's or message's files; a photo opens larger in place, a PDF in a new tab. */
export function AttachmentGallery({ files }: { files: AttachmentDto[] }) {
  const t = useT();
  const [open, setOpen] = useState<AttachmentDto | null>(null);
  if (files.length === 0) return null;
  return (
    <>
      <ul className="mt-2 flex flex-wrap gap-2" data-testid="attachment-gallery">
        {files.map((f) =>
          f.type.startsWith('image/') ? (
            <li key={f.id}>
              <button
                type="button"
                onClick={() => setOpen(f)}
                className="block overflow-hidden rounded-md border outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
                aria-label={t('attachments.open', { name: f.name })}
              >
                {/* eslint-disable-next-line @next/next/no-img-element -- served by our authorised route, not optimisable */}
                <img src={`/api/attachments/${f.id}`} alt={f.name} className="size-20 object-cover" loading="lazy" />
              </button>
            </li>
          ) : (
            <li key={f.id}>
              <a
                href={`/api/attachments/${f.id}`}
                target="_blank"
                rel="noopener"
                className="flex h-20 w-40 flex-col justify-between rounded-md border bg-muted/40 p-2 text-xs outline-none hover:bg-muted focus-visible:ring-[3px] focus-visible:ring-ring/50"
              >
                <FileText className="size-5 text-muted-foreground" />
                <span className="truncate font-medium" title={f.name}>
                  {f.name}
                </span>
                <span className="text-muted-foreground">{formatBytes(f.size)}</span>
              </a>
            </li>
          ),
        )}
      </ul>
      <Dialog open={!!open} onOpenChange={(v) => !v && setOpen(null)}>
        <DialogContent className="sm:max-w-3xl">
          <DialogTitle className="truncate pr-8">{open?.name}</DialogTitle>
          <DialogDescription>{open ? formatBytes(open.size) : ''}</DialogDescription>
          {open ? (
            <>
              {/* eslint-disable-next-line @next/next/no-img-element -- served by our authorised route */}
              <img
                src={`/api/attachments/${open.id}`}
                alt={open.name}
                className="max-h-[70dvh] w-full rounded-md object-contain"
              />
              <a
                href={`/api/attachments/${open.id}?download=1`}
                className="inline-flex items-center gap-1.5 text-sm text-primary hover:underline"
              >
                <Download className="size-4" />
                {open.name}
              </a>
            </>
          ) : null}
        </DialogContent>
      </Dialog>
    </>
  );
}
