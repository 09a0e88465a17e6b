import { dateTimeFormat } from '@/lib/intl';
import type { Metadata } from 'next';
import { classificationNote } from '@/lib/feedback/classification-note';
import { AlertTriangle, ArrowLeft, Mail } from 'lucide-react';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { pickParams } from '@/components/data/search-params';
import {
  FeedbackKindBadge,
  FeedbackScoreBadge,
  FeedbackStatusBadge,
  labelName,
  needsAttention,
  StarRating,
} from '@/components/feedback/feedback-badges';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { requireAreaActor } from '@/lib/auth/guard';
import { can } from '@/lib/authz';
import { listAssignees } from '@/lib/cases/queries';
import { getRequestContext } from '@/lib/context/request';
import { env } from '@/lib/env';
import { NotFoundError } from '@/lib/errors';
import { getFeedback } from '@/lib/feedback/queries';
import { listTaxonomy } from '@/lib/feedback/taxonomy';
import { formatDate, formatDateTime } from '@/lib/i18n/format';
import { getLocale, getT } from '@/lib/i18n/server';
import { formatMoney } from '@/lib/money';
import { requestNow } from '@/lib/time';
import { cn } from '@/lib/utils';
import { inboxHref } from '../_components/filters';
import { ClassificationForm } from './_components/classification-form';
import { FollowUpDialog, OpenCaseButton } from './_components/feedback-actions';

export async function generateMetadata({ params }: PageProps<'/desk/feedback/[id]'>): Promise<Metadata> {
  return { title: (await getT())('feedbackDesk.detail.title', { id: (await params).id }) };
}

/** A shop-calendar date as YYYY-MM-DD (the en-CA format), for date inputs. */
function shopDate(at: number | Date, timeZone: string): string {
  return dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The day after a YYYY-MM-DD date, by calendar arithmetic (no time zone involved). */
function nextDay(ymd: string): string {
  const [y, m, d] = ymd.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + 1)).toISOString().slice(0, 10);
}

function Row({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="grid gap-0.5" data-testid={testId}>
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

export default async function FeedbackDetailPage({ params, searchParams }: PageProps<'/desk/feedback/[id]'>) {
  const actor = await requireAreaActor('access:desk:any');
  const ctx = await getRequestContext();
  const id = Number((await params).id);
  const f = await getFeedback({ ctx, input: { id } }).catch((err) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  const { list } = pickParams(await searchParams, ['list'] as const);
  const [t, locale, taxonomy, staff] = await Promise.all([
    getT(),
    getLocale(),
    listTaxonomy({ ctx }),
    can(actor, 'update:case:any') ? listAssignees({ ctx }) : Promise.resolve([]),
  ]);
  const tz = env().SHOP_TIMEZONE;
  const now = requestNow();
  const today = shopDate(now, tz);
  const tomorrow = nextDay(today);
  // followUpDueAt is the start of the day after the due date (the deadline is the end of that day).
  const dueDate = f.followUpDueAt ? shopDate(new Date(f.followUpDueAt.getTime() - 1), tz) : null;
  const dueLabel = f.followUpDueAt ? formatDate(new Date(f.followUpDueAt.getTime() - 1), locale, tz) : null;
  const overdue = !!f.followUpDueAt && f.followUpDueAt.getTime() < now && f.status !== 'actioned';
  const attention = needsAttention(f.kind, f.score);
  const canAct = can(actor, 'update:feedback:any');
  const canOpenCase = canAct && can(actor, 'create:case:any') && !!f.orderNo && !f.followUpCaseNo;
  const label = (l: { id: string; nameZh: string; nameEn: string; active: boolean }) => ({
    id: l.id,
    name: labelName(l, locale),
    active: l.active,
  });

  const note = classificationNote(f);
  return (
    <>
      <Link
        href={inboxHref(list)}
        className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
        data-testid="back-to-inbox"
      >
        <ArrowLeft className="size-4" />
        {t('feedbackDesk.detail.back')}
      </Link>
      <div className="mb-6 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{t('feedbackDesk.detail.title', { id: f.id })}</h1>
        <FeedbackKindBadge kind={f.kind} label={t(`feedback.kinds.${f.kind}`)} />
        {f.kind === 'review' && f.score !== null ? (
          <StarRating score={f.score} label={t('reviews.detail.stars', { score: f.score })} />
        ) : null}
        <FeedbackScoreBadge kind={f.kind} score={f.score} className="text-sm" />
        <FeedbackStatusBadge status={f.status} label={t(`feedback.statuses.${f.status}`)} />
        <span className="text-sm text-muted-foreground tabular-nums">
          {t('feedbackDesk.detail.received', { time: formatDateTime(f.createdAt, locale, tz) })}
        </span>
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="grid content-start gap-6">
          <Card>
            <CardHeader>
              <CardTitle>{t('feedback.comment')}</CardTitle>
            </CardHeader>
            <CardContent className="text-sm">
              {f.comment ? (
                <p className="leading-relaxed break-words whitespace-pre-line" data-testid="feedback-comment">
                  {f.comment}
                </p>
              ) : (
                <p className="text-muted-foreground italic">{t('feedback.noComment')}</p>
              )}
            </CardContent>
          </Card>
          {canAct ? (
            <Card>
              <CardHeader>
                <CardTitle>{t('feedbackDesk.detail.next')}</CardTitle>
              </CardHeader>
              <CardContent className="grid gap-3 text-sm">
                {attention && !f.followUpCaseNo && !f.followUpDueAt ? (
                  <Alert variant="warning">
                    <AlertTriangle />
                    <AlertDescription>
                      {canOpenCase
                        ? f.kind === 'complaint'
                          ? t('feedbackDesk.detail.complaintHint')
                          : t('feedbackDesk.detail.lowScoreHint')
                        : f.kind === 'complaint'
                          ? t('feedbackDesk.detail.complaintFollowUpHint')
                          : t('feedbackDesk.detail.lowScoreFollowUpHint')}
                    </AlertDescription>
                  </Alert>
                ) : null}
                <div className="flex flex-wrap gap-2">
                  {canOpenCase ? (
                    <OpenCaseButton
                      key={`case-${f.version}`}
                      id={f.id}
                      version={f.version}
                      orderNo={f.orderNo!}
                      prominent={attention}
                    />
                  ) : null}
                  <FollowUpDialog
                    key={`follow-${f.version}`}
                    id={f.id}
                    version={f.version}
                    today={today}
                    defaultDate={dueDate && dueDate >= today ? dueDate : tomorrow}
                    defaultNote={f.followUpNote ?? ''}
                    scheduled={!!f.followUpDueAt}
                  />
                </div>
                {!f.orderNo && !f.followUpCaseNo && !(attention && !f.followUpDueAt) ? (
                  <p className="text-xs text-muted-foreground">{t('feedbackDesk.detail.noOrderHint')}</p>
                ) : null}
              </CardContent>
            </Card>
          ) : null}
          <Card>
            <CardHeader>
              <CardTitle>{t('feedbackDesk.detail.classification')}</CardTitle>
              {note ? (
                <p className="text-xs text-muted-foreground" data-testid="classification-note">
                  {t(`feedbackDesk.detail.classifiedBy.${note}`)}
                </p>
              ) : null}
            </CardHeader>
            <CardContent>
              {canAct ? (
                <ClassificationForm
                  key={f.version}
                  id={f.id}
                  version={f.version}
                  categoryId={f.categoryId}
                  tagIds={f.tagIds}
                  status={f.status}
                  ownerId={f.ownerId}
                  categories={taxonomy.categories.map(label)}
                  tags={taxonomy.tags.map(label)}
                  staff={staff}
                />
              ) : (
                <dl className="grid gap-3 text-sm sm:grid-cols-2">
                  <Row label={t('feedback.category')}>
                    {taxonomy.categories.find((c) => c.id === f.categoryId)
                      ? labelName(
                          taxonomy.categories.find((c) => c.id === f.categoryId)!,
                          locale,
                        )
                      : t('feedback.uncategorized')}
                  </Row>
                  <Row label={t('feedback.owner')}>{f.ownerName ?? t('feedbackDesk.detail.nobody')}</Row>
                </dl>
              )}
            </CardContent>
          </Card>
        </div>
        <div className="grid content-start gap-6">
          <Card>
            <CardHeader>
              <CardTitle>{t('feedbackDesk.detail.customer')}</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-1 text-sm">
              <p className="font-medium">{f.customerName}</p>
              {f.customerEmail ? (
                <a
                  href={`mailto:${f.customerEmail}`}
                  className="inline-flex items-center gap-1.5 text-primary hover:underline"
                >
                  <Mail className="size-3.5" />
                  {f.customerEmail}
                </a>
              ) : null}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t('feedbackDesk.detail.about')}</CardTitle>
            </CardHeader>
            <CardContent>
              {f.orderNo || f.caseNo || f.productName || f.kind === 'review' ? (
                <dl className="grid gap-3 text-sm">
                  {f.kind === 'review' ? (
                    <Row label={t('reviews.detail.rating')} testId="about-review">
                      {f.score !== null ? (
                        <span className="inline-flex items-center gap-2">
                          <StarRating score={f.score} label={t('reviews.detail.stars', { score: f.score })} />
                          <span className="tabular-nums">{t('feedback.scoreOf', { score: f.score, max: 5 })}</span>
                        </span>
                      ) : null}
                      <span className="block text-xs text-muted-foreground">{t('reviews.detail.imported')}</span>
                      {f.externalRef ? (
                        <span className="block font-mono text-xs break-all text-muted-foreground">
                          {t('reviews.detail.reference', { ref: f.externalRef })}
                        </span>
                      ) : null}
                    </Row>
                  ) : null}
                  {f.orderNo ? (
                    <Row label={t('feedbackDesk.detail.order')} testId="about-order">
                      <Link
                        href={`/desk/orders/${f.orderNo}`}
                        className="font-mono font-medium text-primary hover:underline"
                      >
                        {f.orderNo}
                      </Link>
                      <span className="block text-muted-foreground">
                        {f.orderStatus ? t.dynamic(`orders.status.${f.orderStatus}`, undefined, f.orderStatus) : null}
                        {f.orderTotalCents !== null && f.orderCurrency
                          ? ` · ${formatMoney(f.orderTotalCents, f.orderCurrency, locale)}`
                          : null}
                      </span>
                    </Row>
                  ) : null}
                  {f.caseNo ? (
                    <Row label={t('feedbackDesk.detail.ratedCase')} testId="about-case">
                      <Link
                        href={`/desk/cases/${f.caseNo}`}
                        className="font-mono font-medium text-primary hover:underline"
                      >
                        {f.caseNo}
                      </Link>
                      <span className="block text-muted-foreground">
                        {[
                          f.caseType ? t.dynamic(`cases.types.${f.caseType}`) : null,
                          f.caseStatus ? t.dynamic(`cases.status.${f.caseStatus}`) : null,
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      </span>
                      {f.agentName ? (
                        <span className="block">{t('feedbackDesk.detail.resolvedBy', { name: f.agentName })}</span>
                      ) : null}
                    </Row>
                  ) : null}
                  {f.productName ? (
                    <Row label={t('feedbackDesk.detail.product')} testId="about-product">
                      {f.productName}
                      {f.productSku ? (
                        <span className="ml-2 font-mono text-xs text-muted-foreground">{f.productSku}</span>
                      ) : null}
                      {f.productId ? (
                        <Link
                          href={`/desk/feedback?productId=${f.productId}`}
                          className="block text-xs text-primary hover:underline"
                        >
                          {t('feedbackDesk.detail.moreOnProduct')}
                        </Link>
                      ) : null}
                    </Row>
                  ) : null}
                </dl>
              ) : (
                <p className="text-sm text-muted-foreground">{t('feedbackDesk.detail.nothingLinked')}</p>
              )}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t('feedbackDesk.detail.followUp')}</CardTitle>
            </CardHeader>
            <CardContent>
              {f.followUpCaseNo || f.followUpDueAt ? (
                <dl className="grid gap-3 text-sm" data-testid="follow-up-details">
                  {f.followUpCaseNo ? (
                    <Row label={t('feedbackDesk.detail.followUpCase')}>
                      <Link
                        href={`/desk/cases/${f.followUpCaseNo}`}
                        className="font-mono font-medium text-primary hover:underline"
                      >
                        {f.followUpCaseNo}
                      </Link>
                    </Row>
                  ) : null}
                  {dueLabel ? (
                    <Row label={t('feedbackDesk.detail.dueBy')}>
                      <span className={cn('tabular-nums', overdue && 'font-medium text-destructive')}>{dueLabel}</span>
                      {overdue ? (
                        <Badge variant="destructive" className="ml-2">
                          {t('feedbackDesk.detail.overdue')}
                        </Badge>
                      ) : null}
                    </Row>
                  ) : null}
                  {f.followUpNote ? (
                    <Row label={t('feedbackDesk.followUp.note')}>
                      {<span className="whitespace-pre-line">{f.followUpNote}</span>}
                    </Row>
                  ) : null}
                  <Row label={t('feedback.owner')}>{f.ownerName ?? t('feedbackDesk.detail.nobody')}</Row>
                </dl>
              ) : (
                <p className="text-sm text-muted-foreground">{t('feedbackDesk.detail.noFollowUp')}</p>
              )}
            </CardContent>
          </Card>
        </div>
      </div>
    </>
  );
}
