import type { Metadata } from 'next';
import {
  Lightbulb,
  Lock,
  MessageCircleHeart,
  MessageSquareMore,
  MessageSquareWarning,
  Plus,
  ShoppingBag,
  Smile,
  Star,
  ThumbsUp,
} from 'lucide-react';
import Link from 'next/link';
import { KeysetPager } from '@/components/data/keyset-pager';
import { pickParams } from '@/components/data/search-params';
import { scoreMax } from '@/components/feedback/feedback-badges';
import { PageHeader } from '@/components/layout/app-shell';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { requireAreaActor } from '@/lib/auth/guard';
import { getRequestContext } from '@/lib/context/request';
import { env } from '@/lib/env';
import { listOwnFeedback } from '@/lib/feedback/queries';
import { FREE_KINDS, type FeedbackKind, type FeedbackStatus } from '@/lib/feedback/schemas';
import { listOpenSurveys } from '@/lib/feedback/surveys';
import { formatDate } from '@/lib/i18n/format';
import { getLocale, getT } from '@/lib/i18n/server';
import { EditFeedbackDialog } from './_components/edit-feedback-dialog';
import type { FreeKind } from './_components/feedback-form';
import { OpenSurveysCard } from './_components/open-surveys';
import { loadFeedbackSubjects } from './_lib/subjects';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('feedbackPortal.title') };
}

const KIND_ICON: Record<FeedbackKind, React.ReactNode> = {
  csat: <Smile />,
  nps: <Star />,
  suggestion: <Lightbulb />,
  complaint: <MessageSquareWarning />,
  praise: <ThumbsUp />,
  other: <MessageSquareMore />,
  review: <ShoppingBag />,
};
const STATUS_VARIANT: Record<FeedbackStatus, 'secondary' | 'warning' | 'success'> = {
  new: 'secondary',
  reviewed: 'warning',
  actioned: 'success',
};
const isFree = (kind: FeedbackKind): kind is FreeKind => (FREE_KINDS as readonly string[]).includes(kind);

/** The customer's own feedback and survey answers, newest first, with what became of each. */
export default async function PortalFeedbackPage({ searchParams }: PageProps<'/portal/feedback'>) {
  await requireAreaActor('access:portal:own');
  const { cursor } = pickParams(await searchParams, ['cursor'] as const);
  const ctx = await getRequestContext();
  const [page, surveys] = await Promise.all([
    listOwnFeedback({ ctx, input: { cursor } }),
    cursor ? Promise.resolve([]) : listOpenSurveys({ ctx }),
  ]);
  const subjects = page.items.some((f) => f.editable) ? await loadFeedbackSubjects(ctx) : null;
  const [t, locale] = [await getT(), await getLocale()];
  const newButton = (
    <Button asChild>
      <Link href="/portal/feedback/new" data-testid="new-feedback">
        <Plus />
        {t('feedbackPortal.new')}
      </Link>
    </Button>
  );
  return (
    <>
      <PageHeader title={t('feedbackPortal.title')} description={t('feedbackPortal.description')} actions={newButton} />
      <div className="grid gap-6">
        <OpenSurveysCard surveys={surveys} />
        {page.items.length === 0 ? (
          <EmptyState
            icon={<MessageCircleHeart />}
            title={t('feedbackPortal.empty')}
            description={t('feedbackPortal.emptyHint')}
            action={newButton}
          />
        ) : (
          <Card className="gap-0 divide-y py-0" data-testid="own-feedback">
            {page.items.map((f) => (
              <article
                key={f.id}
                className="grid gap-3 px-5 py-4 sm:grid-cols-[minmax(0,1fr)_auto]"
                data-testid={`own-feedback-${f.id}`}
              >
                <div className="grid min-w-0 gap-2">
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge variant="outline">
                      {KIND_ICON[f.kind]}
                      {t(`feedback.kinds.${f.kind}`)}
                    </Badge>
                    {f.score !== null ? (
                      <span
                        className="inline-flex items-center gap-1 text-sm font-medium tabular-nums"
                        aria-label={`${t('feedbackPortal.yourScore')}: ${t('feedback.scoreOf', { score: f.score, max: scoreMax(f.kind) })}`}
                      >
                        <Star aria-hidden className="size-3.5 fill-warning text-warning" />
                        {t('feedback.scoreOf', { score: f.score, max: scoreMax(f.kind) })}
                      </span>
                    ) : null}
                    <Badge variant={STATUS_VARIANT[f.status]} data-status={f.status}>
                      {t(`feedbackPortal.statuses.${f.status}`)}
                    </Badge>
                  </div>
                  {f.comment ? (
                    <p className="line-clamp-4 text-sm break-words whitespace-pre-line">{f.comment}</p>
                  ) : (
                    <p className="text-sm text-muted-foreground italic">{t('feedback.noComment')}</p>
                  )}
                  <p className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-muted-foreground">
                    <span>
                      {t(f.kind === 'review' ? 'reviews.portal.reviewedOn' : 'feedbackPortal.sentOn', {
                        date: formatDate(f.createdAt, locale, env().SHOP_TIMEZONE),
                      })}
                    </span>
                    {f.orderNo ? (
                      <Link href={`/portal/orders/${f.orderNo}`} className="text-primary hover:underline">
                        {t('feedbackPortal.aboutOrder', { orderNo: f.orderNo })}
                      </Link>
                    ) : null}
                    {f.productName ? <span>{f.productName}</span> : null}
                    {f.caseNo ? (
                      <Link href={`/portal/cases/${f.caseNo}`} className="text-primary hover:underline">
                        {t('feedbackPortal.aboutCase', { caseNo: f.caseNo })}
                      </Link>
                    ) : null}
                  </p>
                </div>
                <div className="flex items-start sm:justify-end">
                  {f.editable && subjects && isFree(f.kind) ? (
                    <EditFeedbackDialog
                      draft={{
                        id: f.id,
                        version: f.version,
                        kind: f.kind,
                        comment: f.comment,
                        orderNo: f.orderNo ?? '',
                        productId: f.productId ?? '',
                      }}
                      subjects={subjects}
                    />
                  ) : isFree(f.kind) ? (
                    <span
                      className="inline-flex items-center gap-1.5 text-xs text-muted-foreground"
                      data-testid="feedback-locked"
                    >
                      <Lock className="size-3.5" />
                      {t('feedbackPortal.locked')}
                    </span>
                  ) : f.kind === 'review' ? (
                    <span
                      className="inline-flex items-center gap-1.5 text-xs text-muted-foreground"
                      data-testid="review-from-channel"
                    >
                      <ShoppingBag className="size-3.5" />
                      {t('reviews.portal.fromChannel')}
                    </span>
                  ) : null}
                </div>
              </article>
            ))}
          </Card>
        )}
      </div>
      <KeysetPager
        basePath="/portal/feedback"
        params={{ cursor }}
        nextCursor={page.nextCursor}
        hasCursor={!!cursor}
        count={page.items.length}
      />
    </>
  );
}
