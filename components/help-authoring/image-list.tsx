'use client';

import { Copy, ImageIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/toast';
import { useT } from '@/lib/i18n/client';

/** The images uploaded for this article, each with its Markdown to copy into either language. */
export function ImageList({ images }: { images: { id: string; fileName: string; markdown: string }[] }) {
  const t = useT();
  if (!images.length) return null;
  return (
    <section className="grid gap-2" aria-labelledby="article-images">
      <h2 id="article-images" className="text-sm font-medium">
        {t('helpAuthoring.image.listTitle', { count: images.length })}
      </h2>
      <ul className="flex flex-wrap gap-2">
        {images.map((img) => (
          <li key={img.id} className="flex items-center gap-2 rounded-md border bg-card py-1 pr-1 pl-2.5 text-sm">
            <ImageIcon className="size-4 text-muted-foreground" aria-hidden="true" />
            <span className="max-w-48 truncate" title={img.fileName}>
              {img.fileName}
            </span>
            <Button
              type="button"
              variant="ghost"
              size="sm"
              onClick={() =>
                navigator.clipboard.writeText(img.markdown).then(
                  () => toast.success(t('helpAuthoring.image.copied')),
                  () => toast.error(t('helpAuthoring.image.copyFailed')),
                )
              }
            >
              <Copy />
              {t('helpAuthoring.image.copy')}
              <span className="sr-only">{img.fileName}</span>
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
