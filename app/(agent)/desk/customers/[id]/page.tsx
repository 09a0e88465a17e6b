import type { Metadata } from 'next';
import { ArrowLeft, LifeBuoy, MessageCircleHeart, NotebookPen, Package } from 'lucide-react';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CaseStatusBadge } from '@/components/cases/case-badges';
import { formatPercent, formatSigned } from '@/components/charts/format';
import { KpiCard } from '@/components/charts/kpi-card';
import { FeedbackKindBadge, FeedbackScoreBadge } from '@/components/feedback/feedback-badges';
import { OrderStatusBadge } from '@/components/orders/status-badge';
import { Badge } from '@/components/ui/badge';
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requireAreaActor } from '@/lib/auth/guard';
import { can } from '@/lib/authz';
import { getRequestContext } from '@/lib/context/request';
import { getCustomerProfile, PROFILE_LIST_SIZE } from '@/lib/customers/profile';
import { env } from '@/lib/env';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { formatDate, formatDateTime } from '@/lib/i18n/format';
import { loadChannels } from '@/lib/catalog/channels';
import { nameMap, nameOf } from '@/lib/catalog/names';
import { getLocale, getT } from '@/lib/i18n/server';
import { formatMoney } from '@/lib/money';
import { MergeDialog } from './_components/merge-dialog';
import { NoteForm } from './_components/note-form';
import { RevealCustomerContact } from './_components/reveal-customer-contact';
import { TagsEditor } from './_components/tags-editor';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('customers.profile.title') };
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[6rem_1fr] gap-2 text-sm">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-words">{children ?? '—'}</dd>
    </div>
  );
}

export default async function CustomerProfilePage({ params }: PageProps<'/desk/customers/[id]'>) {
  const actor = await requireAreaActor('read:customer:any');
  const { id } = await params;
  const ctx = await getRequestContext();
  const p = await getCustomerProfile({ ctx, input: { id } }).catch((err) => {
    if (err instanceof NotFoundError || err instanceof ValidationError) notFound();
    throw err;
  });
  const [t, locale] = [await getT(), await getLocale()];
  const channelNames = nameMap(await loadChannels(), locale);
  const tz = env().SHOP_TIMEZONE;
  const f = p.figures;
  const money = (cents: number, currency = f.currency) => formatMoney(cents, currency, locale);
  const canEdit = can(actor, 'update:customer:any');
  const csat = p.surveyAnswers.filter((a) => a.kind === 'csat');
  const nps = p.surveyAnswers.filter((a) => a.kind === 'nps');

  return (
    <>
      <Link
        href="/desk/customers"
        className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft className="size-4" />
        {t('customers.profile.back')}
      </Link>
      <div className="mb-6 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight" data-testid="customer-name">
          {p.name}
        </h1>
        {p.hasAccount ? <Badge variant="success">{t('customers.hasAccount')}</Badge> : null}
        <span className="text-sm text-muted-foreground">
          {t('customers.profile.since', { date: formatDate(p.createdAt, locale, tz) })}
        </span>
        <div className="ml-auto flex flex-wrap gap-2">
          {can(actor, 'merge:customer:any') ? <MergeDialog id={p.id} /> : null}
        </div>
      </div>

      <div className="mb-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-6">
        <KpiCard title={t('customers.figures.orders')} value={String(f.orders)} testId="figure-orders" />
        <KpiCard title={t('customers.figures.gmv')} value={money(f.gmvCents)} testId="figure-gmv" />
        <KpiCard
          title={t('customers.figures.afterSalesRate')}
          value={formatPercent(f.afterSalesRate, locale)}
          description={t('customers.figures.afterSalesHint', { cases: f.casesOpened, delivered: f.deliveredOrders })}
          testId="figure-after-sales"
        />
        <KpiCard title={t('customers.figures.refunded')} value={money(f.refundedCents)} testId="figure-refunded" />
        <KpiCard
          title={t('customers.figures.csat')}
          value={formatPercent(f.csat.percent, locale)}
          description={t('customers.figures.answers', { count: f.csat.answered })}
        />
        <KpiCard
          title={t('customers.figures.nps')}
          value={formatSigned(f.nps.score, locale)}
          description={t('customers.figures.answers', { count: f.nps.answered })}
        />
      </div>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="grid content-start gap-6">
          <Card>
            <CardHeader>
              <CardTitle>{t('customers.profile.orders')}</CardTitle>
              {f.orders > PROFILE_LIST_SIZE ? (
                <CardAction>
                  <Link
                    href={`/desk/customers/${p.id}/orders`}
                    className="text-sm text-primary hover:underline"
                    data-testid="all-orders"
                  >
                    {t('customers.profile.allOrders', { count: f.orders })}
                  </Link>
                </CardAction>
              ) : null}
            </CardHeader>
            <CardContent>
              {p.orders.length ? (
                <Table>
                  <TableHeader>
                    <TableRow>
                      <TableHead>{t('orders.columns.orderNo')}</TableHead>
                      <TableHead>{t('orders.columns.placedAt')}</TableHead>
                      <TableHead>{t('orders.columns.channel')}</TableHead>
                      <TableHead>{t('orders.columns.status')}</TableHead>
                      <TableHead className="text-right">{t('orders.columns.total')}</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {p.orders.map((o) => (
                      <TableRow key={o.orderNo}>
                        <TableCell className="font-mono text-[13px]">
                          <Link href={`/desk/orders/${o.orderNo}`} className="font-medium text-primary hover:underline">
                            {o.orderNo}
                          </Link>
                        </TableCell>
                        <TableCell className="text-muted-foreground tabular-nums">
                          <time dateTime={o.placedAt}>{formatDateTime(o.placedAt, locale, tz)}</time>
                        </TableCell>
                        <TableCell className="text-muted-foreground">{nameOf(channelNames, o.channel)}</TableCell>
                        <TableCell>
                          <OrderStatusBadge status={o.status} label={t(`orders.status.${o.status}`)} />
                        </TableCell>
                        <TableCell className="text-right tabular-nums">{money(o.totalCents, o.currency)}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              ) : (
                <EmptyState icon={<Package />} title={t('customers.profile.noOrders')} className="py-8" />
              )}
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>{t('customers.profile.cases')}</CardTitle>
              {f.casesOpened > PROFILE_LIST_SIZE ? (
                <CardDescription>
                  {t('customers.profile.latestOf', { shown: PROFILE_LIST_SIZE, count: f.casesOpened })}
                </CardDescription>
              ) : null}
            </CardHeader>
            <CardContent>
              {p.cases.length ? (
                <ul className="grid gap-2 text-sm">
                  {p.cases.map((c) => (
                    <li key={c.caseNo} className="flex flex-wrap items-center gap-x-3 gap-y-1">
                      <Link
                        href={`/desk/cases/${c.caseNo}`}
                        className="font-mono font-medium text-primary hover:underline"
                      >
                        {c.caseNo}
                      </Link>
                      <span>{t(`cases.types.${c.type}`)}</span>
                      <CaseStatusBadge status={c.status} label={t(`cases.status.${c.status}`)} />
                      <span className="font-mono text-xs text-muted-foreground">{c.orderNo}</span>
                      <time dateTime={c.createdAt} className="ml-auto text-xs text-muted-foreground tabular-nums">
                        {formatDateTime(c.createdAt, locale, tz)}
                      </time>
                    </li>
                  ))}
                </ul>
              ) : (
                <EmptyState icon={<LifeBuoy />} title={t('customers.profile.noCases')} className="py-8" />
              )}
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>{t('customers.profile.feedback')}</CardTitle>
              {p.feedbackTotal > PROFILE_LIST_SIZE ? (
                <CardDescription>
                  {t('customers.profile.latestOf', { shown: PROFILE_LIST_SIZE, count: p.feedbackTotal })}
                </CardDescription>
              ) : null}
            </CardHeader>
            <CardContent>
              {p.feedback.length ? (
                <ul className="grid gap-3 text-sm">
                  {p.feedback.map((fb) => (
                    <li key={fb.id} className="grid gap-1">
                      <div className="flex flex-wrap items-center gap-2">
                        <FeedbackKindBadge kind={fb.kind} label={t(`feedback.kinds.${fb.kind}`)} />
                        <FeedbackScoreBadge kind={fb.kind} score={fb.score} />
                        <Link href={`/desk/feedback/${fb.id}`} className="text-primary hover:underline">
                          #{fb.id}
                        </Link>
                        <time dateTime={fb.createdAt} className="ml-auto text-xs text-muted-foreground tabular-nums">
                          {formatDateTime(fb.createdAt, locale, tz)}
                        </time>
                      </div>
                      {fb.comment ? <p className="break-words text-muted-foreground">{fb.comment}</p> : null}
                    </li>
                  ))}
                </ul>
              ) : (
                <EmptyState icon={<MessageCircleHeart />} title={t('customers.profile.noFeedback')} className="py-8" />
              )}
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>{t('customers.profile.surveys')}</CardTitle>
              <CardDescription>{t('customers.profile.surveysHint')}</CardDescription>
            </CardHeader>
            <CardContent className="grid gap-4">
              {p.surveyAnswers.length ? (
                (
                  [
                    ['csat', csat],
                    ['nps', nps],
                  ] as const
                ).map(([kind, answers]) =>
                  answers.length ? (
                    <div key={kind} className="grid gap-2">
                      <p className="text-sm font-medium">{t(`feedback.kinds.${kind}`)}</p>
                      <ol className="flex flex-wrap gap-2" data-testid={`survey-history-${kind}`}>
                        {answers.map((a, i) => (
                          <li key={i} className="grid justify-items-center gap-0.5">
                            <FeedbackScoreBadge kind={kind} score={a.score} />
                            <time dateTime={a.at} className="text-[11px] text-muted-foreground tabular-nums">
                              {formatDate(a.at, locale, tz)}
                            </time>
                          </li>
                        ))}
                      </ol>
                    </div>
                  ) : null,
                )
              ) : (
                <p className="text-sm text-muted-foreground">{t('customers.profile.noSurveys')}</p>
              )}
            </CardContent>
          </Card>
        </div>

        <div className="grid content-start gap-6">
          <Card>
            <CardHeader>
              <CardTitle>{t('customers.profile.contacts')}</CardTitle>
              {can(actor, 'reveal:pii:any') && (p.hasPhone || p.hasEmail || p.hasAddress) ? (
                <CardAction>
                  <RevealCustomerContact id={p.id} />
                </CardAction>
              ) : null}
            </CardHeader>
            <CardContent>
              <dl className="grid gap-2.5">
                <Field label={t('customers.profile.phone')}>
                  {p.phoneMasked ? <span className="font-mono">{p.phoneMasked}</span> : null}
                </Field>
                <Field label={t('customers.profile.email')}>{p.emailMasked}</Field>
                <Field label={t('customers.profile.region')}>{p.region}</Field>
                <Field label={t('customers.profile.address')}>
                  {p.hasAddress ? (
                    <span className="text-muted-foreground">{t('orders.detail.addressHidden')}</span>
                  ) : null}
                </Field>
                <Field label={t('customers.profile.externalIds')}>
                  {p.externalIds.length ? (
                    <ul className="grid gap-0.5">
                      {p.externalIds.map((e) => (
                        <li key={`${e.channel}:${e.externalId}`}>
                          <span className="text-muted-foreground">{nameOf(channelNames, e.channel)}</span>{' '}
                          <span className="font-mono text-xs">{e.externalId}</span>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </Field>
              </dl>
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>{t('customers.tags.title')}</CardTitle>
            </CardHeader>
            <CardContent>
              {canEdit ? (
                <TagsEditor key={p.version} id={p.id} version={p.version} tags={p.tags} />
              ) : p.tags.length ? (
                <div className="flex flex-wrap gap-1.5">
                  {p.tags.map((tag) => (
                    <Badge key={tag} variant="secondary">
                      {tag}
                    </Badge>
                  ))}
                </div>
              ) : (
                <p className="text-sm text-muted-foreground">{t('customers.tags.none')}</p>
              )}
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>{t('customers.notes.title')}</CardTitle>
              <CardDescription>{t('customers.notes.internal')}</CardDescription>
            </CardHeader>
            <CardContent className="grid gap-4">
              {canEdit ? <NoteForm customerId={p.id} /> : null}
              {p.notes.length ? (
                <ol className="grid gap-3" data-testid="customer-notes">
                  {p.notes.map((n) => (
                    <li key={n.id} className="grid gap-0.5 border-l-2 pl-3 text-sm">
                      <p className="break-words whitespace-pre-line">{n.body}</p>
                      <p className="text-xs text-muted-foreground">
                        {n.authorLabel} · <time dateTime={n.createdAt}>{formatDateTime(n.createdAt, locale, tz)}</time>
                      </p>
                    </li>
                  ))}
                </ol>
              ) : (
                <div className="flex items-center gap-2 text-sm text-muted-foreground">
                  <NotebookPen className="size-4" />
                  {t('customers.notes.empty')}
                </div>
              )}
            </CardContent>
          </Card>
        </div>
      </div>
    </>
  );
}
