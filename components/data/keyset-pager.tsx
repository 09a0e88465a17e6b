import {
  Pagination,
  PaginationContent,
  PaginationItem,
  PaginationLink,
  PaginationNext,
} from '@/components/ui/pagination';
import { getT } from '@/lib/i18n/server';

/**
 * Forward-only keyset pager: "first page" and "next". The current filters stay in the URL so a
 * page can be bookmarked or shared; only the cursor changes.
 */
export async function KeysetPager({
  basePath,
  params,
  nextCursor,
  hasCursor,
  count,
}: {
  basePath: string;
  params: Record<string, string | undefined>;
  nextCursor: string | null;
  hasCursor: boolean;
  count: number;
}) {
  const t = await getT();
  const href = (cursor?: string) => {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v && k !== 'cursor') qs.set(k, v);
    if (cursor) qs.set('cursor', cursor);
    const s = qs.toString();
    return s ? `${basePath}?${s}` : basePath;
  };
  if (!hasCursor && !nextCursor) return null;
  return (
    <div className="mt-4 flex flex-wrap items-center justify-between gap-3">
      <p className="text-sm text-muted-foreground">{t('common.showing', { count })}</p>
      <Pagination aria-label={t('common.pagination')} className="mx-0 w-auto justify-end">
        <PaginationContent>
          <PaginationItem>
            <PaginationLink href={hasCursor ? href() : undefined} className="w-auto px-3">
              {t('common.firstPage')}
            </PaginationLink>
          </PaginationItem>
          <PaginationItem>
            <PaginationNext href={nextCursor ? href(nextCursor) : undefined} label={t('common.next')} />
          </PaginationItem>
        </PaginationContent>
      </Pagination>
    </div>
  );
}
