import type { Metadata } from 'next';
import { ArrowLeft, Star } from 'lucide-react';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CaseStatusBadge } from '@/components/cases/case-badges';
import { AttachmentGallery } from '@/components/cases/attachment-gallery';
import { CaseMessages, CaseTimeline } from '@/components/cases/case-thread';
import { SurveyForm } from '@/components/feedback/survey-form';
import { LiveRefresh } from '@/components/realtime/live-refresh';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { requireAreaActor } from '@/lib/auth/guard';
import { getCase } from '@/lib/cases/queries';
import { getRequestContext } from '@/lib/context/request';
import { env } from '@/lib/env';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { csatForOwnCase } from '@/lib/feedback/queries';
import { formatDateTime } from '@/lib/i18n/format';
import { getLocale, getT } from '@/lib/i18n/server';
import { formatMoney } from '@/lib/money';
import { requestNow } from '@/lib/time';
import { answerSurveyAction } from '../../feedback/actions';
import { CustomerActions, CustomerComposer, ReturnTrackingForm } from './_components/customer-controls';

export async function generateMetadata({ params }: PageProps<'/portal/cases/[caseNo]'>): Promise<Metadata> {
  return { title: (await params).caseNo };
}

export default async function PortalCasePage({ params }: PageProps<'/portal/cases/[caseNo]'>) {
  await requireAreaActor('access:portal:own');
  const ctx = await getRequestContext();
  const c = await getCase({ ctx, input: { caseNo: decodeURIComponent((await params).caseNo) } }).catch((err) => {
    if (err instanceof NotFoundError || err instanceof ValidationError) notFound();
    throw err;
  });
  const [t, locale] = [await getT(), await getLocale()];
  // The CSAT survey offered when the case was resolved: answerable here while open, then shown.
  const csat = await csatForOwnCase({ ctx, input: { caseNo: c.caseNo } });
  const csatOpen = csat && !csat.answeredAt && csat.expiresAt.getTime() > requestNow();
  const csatScore = csat?.answeredAt ? csat.score : null;
  const time = (iso: string) => formatDateTime(iso, locale, env().SHOP_TIMEZONE);
  return (
    <>
      <Link
        href="/portal/cases"
        className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft className="size-4" />
        {t('casePortal.back')}
      </Link>
      <div className="mb-6 flex flex-wrap items-center gap-3">
        <h1 className="font-mono text-2xl font-semibold tracking-tight">{c.caseNo}</h1>
        <span data-testid="portal-case-status">
          <CaseStatusBadge status={c.status} label={t(`cases.customerStatus.${c.status}`)} />
        </span>
        <LiveRefresh topics={[`case:${c.caseNo}`]} />
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="grid content-start gap-6">
          {csat && csatOpen ? (
            <Card className="border-primary/30" data-testid="case-csat">
              <CardHeader>
                <CardTitle>{t('feedbackPortal.caseCardTitle')}</CardTitle>
              </CardHeader>
              <CardContent>
                <SurveyForm
                  key={csat.id}
                  survey={{ kind: 'csat', caseNo: c.caseNo, orderNo: c.order.orderNo }}
                  fields={{ surveyId: csat.id }}
                  action={answerSurveyAction}
                  variant="portal"
                />
              </CardContent>
            </Card>
          ) : null}
          <Card>
            <CardHeader>
              <CardTitle>
                {t(`cases.types.${c.type}`)} · {t(`cases.reasons.${c.reason}`)}
              </CardTitle>
            </CardHeader>
            <CardContent className="grid gap-3 text-sm">
              <p className="whitespace-pre-line">{c.description}</p>
              <AttachmentGallery files={c.attachments.filter((a) => a.messageId === null)} />
              {c.items.length ? (
                <ul className="text-muted-foreground">
                  {c.items.map((i) => (
                    <li key={i.sku}>
                      {i.name} × {i.quantity}
                      {i.claimedUnitCents !== null
                        ? ` · ${t('priceProtection.claim', {
                            paid: formatMoney(i.paidUnitCents, c.currency, locale),
                            claimed: formatMoney(i.claimedUnitCents, c.currency, locale),
                          })}`
                        : ''}
                    </li>
                  ))}
                </ul>
              ) : null}
              <p className="text-muted-foreground">
                {t('casePortal.order')}:{' '}
                <Link href={`/portal/orders/${c.order.orderNo}`} className="font-mono text-primary hover:underline">
                  {c.order.orderNo}
                </Link>
              </p>
              {c.refundCents > 0 ? (
                <p>
                  {t('caseDesk.detail.refunded')}: {formatMoney(c.refundCents, c.currency, locale)}
                </p>
              ) : null}
              {c.compensations.length ? (
                <ul className="grid gap-1" data-testid="portal-compensations">
                  {c.compensations.map((x) => (
                    <li key={x.id}>
                      {t('compensation.granted', {
                        amount: formatMoney(x.amountCents, c.currency, locale),
                        method: t(`compensation.methods.${x.method}`),
                      })}
                    </li>
                  ))}
                </ul>
              ) : null}
              <CustomerActions key={c.version} caseNo={c.caseNo} version={c.version} actions={c.actions} />
            </CardContent>
          </Card>
          {c.status === 'awaiting_return' || c.returnTrackingNo ? (
            <Card>
              <CardHeader>
                <CardTitle>{t('returnShipment.title')}</CardTitle>
              </CardHeader>
              <CardContent className="grid gap-3 text-sm">
                {c.returnTrackingNo ? (
                  <p data-testid="return-tracking">
                    {t('returnShipment.current', { carrier: c.returnCarrier ?? '', trackingNo: c.returnTrackingNo })}
                  </p>
                ) : (
                  <p className="text-muted-foreground">{t('returnShipment.hint')}</p>
                )}
                {c.status === 'awaiting_return' ? (
                  <ReturnTrackingForm
                    key={c.version}
                    caseNo={c.caseNo}
                    carrier={c.returnCarrier}
                    trackingNo={c.returnTrackingNo}
                  />
                ) : null}
              </CardContent>
            </Card>
          ) : null}
          {c.replacement || c.status === 'shipping_replacement' ? (
            <Card>
              <CardHeader>
                <CardTitle>{t('replacementShipment.title')}</CardTitle>
              </CardHeader>
              <CardContent className="text-sm">
                {c.replacement ? (
                  <p data-testid="replacement-tracking">
                    {t('replacementShipment.current', {
                      carrier: c.replacement.carrier,
                      trackingNo: c.replacement.trackingNo,
                    })}
                  </p>
                ) : (
                  <p className="text-muted-foreground">{t('replacementShipment.soon')}</p>
                )}
              </CardContent>
            </Card>
          ) : null}
          <Card>
            <CardHeader>
              <CardTitle>{t('casePortal.messages')}</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-4">
              <CaseMessages
                messages={c.messages}
                attachments={c.attachments}
                t={t}
                formatTime={time}
                audience="customer"
              />
              {c.status !== 'closed' && c.status !== 'cancelled' ? <CustomerComposer caseNo={c.caseNo} /> : null}
            </CardContent>
          </Card>
        </div>
        <div className="grid content-start gap-6">
          {csatScore !== null && csatScore !== undefined ? (
            <Card data-testid="case-csat-answered">
              <CardHeader>
                <CardTitle>{t('feedbackPortal.ratedTitle')}</CardTitle>
              </CardHeader>
              <CardContent className="grid gap-2 text-sm">
                <div className="flex items-center gap-0.5" aria-hidden>
                  {[1, 2, 3, 4, 5].map((n) => (
                    <Star
                      key={n}
                      className={
                        n <= csatScore ? 'size-5 fill-warning text-warning' : 'size-5 text-muted-foreground/40'
                      }
                    />
                  ))}
                </div>
                <p>{t('feedbackPortal.rated', { score: csatScore })}</p>
                {csat?.comment ? (
                  <p className="border-l-2 pl-3 whitespace-pre-line text-muted-foreground">{csat.comment}</p>
                ) : null}
              </CardContent>
            </Card>
          ) : null}
          <Card className="content-start">
            <CardHeader>
              <CardTitle>{t('casePortal.progress')}</CardTitle>
            </CardHeader>
            <CardContent>
              <CaseTimeline events={c.events} t={t} formatTime={time} audience="customer" />
            </CardContent>
          </Card>
        </div>
      </div>
    </>
  );
}
