import type { Metadata } from 'next';
import { Lock, MessageSquareText, Search } from 'lucide-react';
import Link from 'next/link';
import { pickParams } from '@/components/data/search-params';
import { PageHeader } from '@/components/layout/app-shell';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { requireAreaActor } from '@/lib/auth/guard';
import { can } from '@/lib/authz';
import { getRequestContext } from '@/lib/context/request';
import { env } from '@/lib/env';
import { ValidationError } from '@/lib/errors';
import { formatDateTime } from '@/lib/i18n/format';
import { getLocale, getT } from '@/lib/i18n/server';
import { listCannedReplies, type CannedReplyDto } from '@/lib/replies';
import { DeleteReplyButton } from './_components/delete-reply-button';
import { ReplyDialog } from './_components/reply-dialog';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('replies.title') };
}

export default async function RepliesPage({ searchParams }: PageProps<'/desk/replies'>) {
  const actor = await requireAreaActor('access:desk:any');
  const { q } = pickParams(await searchParams, ['q'] as const);
  const ctx = await getRequestContext();
  const [t, locale] = [await getT(), await getLocale()];
  const tz = env().SHOP_TIMEZONE;
  const canManage = can(actor, 'manage:reply:any');
  let replies: CannedReplyDto[] = [];
  try {
    replies = await listCannedReplies({ ctx, input: { q } });
  } catch (err) {
    // A search longer than allowed simply finds nothing.
    if (!(err instanceof ValidationError)) throw err;
  }
  const searching = !!q?.trim();

  return (
    <>
      <PageHeader
        title={t('replies.title')}
        description={t('replies.description')}
        actions={canManage ? <ReplyDialog /> : null}
      />
      {!canManage ? (
        <p className="mb-4 flex items-center gap-2 text-sm text-muted-foreground" data-testid="replies-read-only">
          <Lock className="size-4" aria-hidden="true" />
          {t('replies.readOnly')}
        </p>
      ) : null}
      {searching || replies.length > 0 ? (
        <form method="get" role="search" className="mb-4 flex flex-wrap gap-2">
          <div className="relative min-w-56 flex-1 sm:max-w-md">
            <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" />
            <Input
              name="q"
              type="search"
              defaultValue={q}
              placeholder={t('replies.search')}
              aria-label={t('replies.search')}
              className="pl-9"
              maxLength={100}
            />
          </div>
          <Button type="submit" variant="secondary">
            {t('common.search')}
          </Button>
          {searching ? (
            <Button variant="ghost" asChild>
              <Link href="/desk/replies">{t('common.reset')}</Link>
            </Button>
          ) : null}
        </form>
      ) : null}
      {replies.length === 0 ? (
        searching ? (
          <EmptyState
            icon={<Search />}
            title={t('replies.none')}
            action={
              <Button variant="outline" asChild>
                <Link href="/desk/replies">{t('common.reset')}</Link>
              </Button>
            }
          />
        ) : (
          <EmptyState icon={<MessageSquareText />} title={t('replies.empty')} description={t('replies.emptyHint')} />
        )
      ) : (
        <Card className="gap-0 py-0">
          <ul className="divide-y" data-testid="replies-list">
            {replies.map((r) => (
              <li
                key={r.id}
                className="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-start"
                data-testid={`reply-${r.id}`}
              >
                <div className="grid min-w-0 flex-1 gap-1">
                  <h2 className="font-medium break-words">{r.title}</h2>
                  {/* Blank lines would waste the three preview lines. */}
                  <p className="line-clamp-3 text-sm break-words whitespace-pre-line text-muted-foreground">
                    {r.body.replace(/\n\s*\n/g, '\n')}
                  </p>
                  {r.bodyEn ? null : <p className="text-xs text-muted-foreground">{t('replies.chineseOnly')}</p>}
                  <p className="text-xs text-muted-foreground tabular-nums">
                    {t('replies.updatedAt', { time: formatDateTime(r.updatedAt, locale, tz) })}
                  </p>
                </div>
                {canManage ? (
                  <div className="flex shrink-0 gap-1 sm:-mt-1">
                    <ReplyDialog reply={{ id: r.id, title: r.title, body: r.body, bodyEn: r.bodyEn }} />
                    <DeleteReplyButton id={r.id} title={r.title} />
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </Card>
      )}
    </>
  );
}
