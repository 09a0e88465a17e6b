import type { Metadata } from 'next';
import { ArrowLeft } from 'lucide-react';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CaseStatusBadge, PriorityBadge } from '@/components/cases/case-badges';
import { AttachmentGallery } from '@/components/cases/attachment-gallery';
import { CaseMessages, CaseTimeline } from '@/components/cases/case-thread';
import { ShortcutsHelp } from '@/components/cases/shortcuts';
import { CaseFeedbackCard } from '@/components/feedback/case-feedback-card';
import { LiveRefresh } from '@/components/realtime/live-refresh';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { requireAreaActor } from '@/lib/auth/guard';
import { can } from '@/lib/authz';
import { getCase, listAssignees } from '@/lib/cases/queries';
import { listCannedReplies } from '@/lib/replies';
import { caseReplyContext } from '@/lib/replies/case-values';
import { getRequestContext } from '@/lib/context/request';
import { env } from '@/lib/env';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { feedbackForCase } from '@/lib/feedback/queries';
import { formatDateTime } from '@/lib/i18n/format';
import { getLocale, getT } from '@/lib/i18n/server';
import { formatMoney } from '@/lib/money';
import { requestNow } from '@/lib/time';
import { cn } from '@/lib/utils';
import { getShopSettings } from '@/lib/shop/settings';
import { AssignmentControls, CaseActions, Composer } from './_components/case-controls';
import { MoneyPanel } from './_components/money-panel';
import { ReplacementShipmentForm } from './_components/replacement-shipment';

/** Types whose goods travel back to the shop: their return postage is recorded on the case. */
const RETURN_LEG = ['return_refund', 'exchange', 'repair'];

export async function generateMetadata({ params }: PageProps<'/desk/cases/[caseNo]'>): Promise<Metadata> {
  return { title: (await params).caseNo };
}

export default async function CasePage({ params }: PageProps<'/desk/cases/[caseNo]'>) {
  const actor = await requireAreaActor('access:desk:any');
  const ctx = await getRequestContext();
  const c = await getCase({ ctx, input: { caseNo: decodeURIComponent((await params).caseNo) } }).catch((err) => {
    if (err instanceof NotFoundError || err instanceof ValidationError) notFound();
    throw err;
  });
  const [t, locale, staff, replies, replyContext, feedback] = await Promise.all([
    getT(),
    getLocale(),
    listAssignees({ ctx }),
    listCannedReplies({ ctx, input: {} }),
    caseReplyContext({ ctx, input: { caseNo: c.caseNo } }),
    can(actor, 'read:feedback:any') ? feedbackForCase({ ctx, input: { caseId: c.id } }) : Promise.resolve([]),
  ]);
  const tz = env().SHOP_TIMEZONE;
  // The compensation approval threshold (a cached copy: it changes rarely, the verb reads it anew).
  const shop = await getShopSettings();
  const time = (iso: string) => formatDateTime(iso, locale, tz);
  const money = (cents: number) => formatMoney(cents, c.currency, locale);
  const clocks = [
    ['firstResponse', c.dues.firstResponse, c.respondedAt],
    ['decision', c.dues.decision, c.decidedAt],
    // The refund clock is met once the refund is made (or the case is past it).
    [
      'refund',
      c.dues.refund,
      c.refundCents > 0 && !['received', 'inspected', 'needs_action', 'refunding'].includes(c.status)
        ? c.dues.refund
        : null,
    ],
    ['resolution', c.dues.resolution, c.completedAt],
  ] as const;
  const now = requestNow();
  return (
    <>
      <Link
        href="/desk/cases"
        className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft className="size-4" />
        {t('caseDesk.detail.back')}
      </Link>
      <div className="mb-6 flex flex-wrap items-center gap-3">
        <h1 className="font-mono text-2xl font-semibold tracking-tight">{c.caseNo}</h1>
        <Badge variant="outline">{t(`cases.types.${c.type}`)}</Badge>
        <CaseStatusBadge status={c.status} label={t(`cases.status.${c.status}`)} />
        <PriorityBadge priority={c.priority} label={t(`caseDesk.priority.${c.priority}`)} />
        {c.escalated ? <Badge variant="destructive">{t('caseDesk.detail.escalated')}</Badge> : null}
        <LiveRefresh topics={[`case:${c.caseNo}`]} />
        <div className="ml-auto">
          <ShortcutsHelp
            keys={[
              ['R', 'reply'],
              ['N', 'note'],
              ['A', 'assignMe'],
              ['Ctrl + Enter', 'send'],
            ]}
          />
        </div>
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="grid content-start gap-6">
          <Card>
            <CardHeader>
              <CardTitle>{t('caseDesk.detail.description')}</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-3 text-sm">
              <p className="text-muted-foreground">
                {t(`cases.reasons.${c.reason}`)} ·{' '}
                {t('caseDesk.detail.channel', {
                  channel: t(
                    `caseDesk.detail.channels.${c.channel === 'api' ? 'api' : c.channel === 'desk' ? 'desk' : 'portal'}`,
                  ),
                })}{' '}
                · {time(c.createdAt)}
              </p>
              <p className="whitespace-pre-line">{c.description}</p>
              <AttachmentGallery files={c.attachments.filter((a) => a.messageId === null)} />
              {c.items.length ? (
                <ul className="divide-y rounded-lg border">
                  {c.items.map((i) => (
                    <li key={i.sku} className="flex justify-between px-3 py-2">
                      <span>
                        {i.name} <span className="font-mono text-xs text-muted-foreground">{i.sku}</span>
                      </span>
                      <span className="text-right tabular-nums">
                        × {i.quantity}
                        {i.claimedUnitCents !== null ? (
                          <span className="block text-xs text-muted-foreground" data-testid="price-claim">
                            {t('priceProtection.claim', {
                              paid: money(i.paidUnitCents),
                              claimed: money(i.claimedUnitCents),
                            })}
                          </span>
                        ) : null}
                      </span>
                    </li>
                  ))}
                </ul>
              ) : null}
              {c.refundCents > 0 ? (
                <p>
                  {t('caseDesk.detail.refunded')}:{' '}
                  <span className="font-medium tabular-nums">{money(c.refundCents)}</span>
                </p>
              ) : null}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t('caseDesk.detail.actions')}</CardTitle>
            </CardHeader>
            <CardContent>
              <CaseActions
                key={c.version}
                caseNo={c.caseNo}
                version={c.version}
                actions={c.actions}
                currency={c.currency}
              />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t('compensation.panelTitle')}</CardTitle>
            </CardHeader>
            <CardContent>
              <MoneyPanel
                key={c.version}
                caseNo={c.caseNo}
                currency={c.currency}
                compensations={c.compensations}
                thresholdCents={shop.compensationApprovalCents}
                canApprove={can(actor, 'approve:compensation:any')}
                canRecord={c.status !== 'cancelled'}
                freight={RETURN_LEG.includes(c.type) ? c.returnFreight : 'none'}
              />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t('caseDesk.detail.conversation')}</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-4">
              <CaseMessages
                messages={c.messages}
                attachments={c.attachments}
                t={t}
                formatTime={time}
                audience="staff"
              />
              {c.status !== 'closed' && c.status !== 'cancelled' ? (
                <Composer caseNo={c.caseNo} allowInternal replies={replies} replyContext={replyContext} />
              ) : null}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t('caseDesk.detail.timeline')}</CardTitle>
            </CardHeader>
            <CardContent>
              <CaseTimeline events={c.events} t={t} formatTime={time} audience="staff" />
            </CardContent>
          </Card>
        </div>
        <div className="grid content-start gap-6">
          <Card>
            <CardHeader>
              <CardTitle>{t('caseDesk.detail.assignment')}</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-3 text-sm">
              <AssignmentControls
                caseNo={c.caseNo}
                me={actor.userId}
                assigneeId={c.assignee?.id ?? null}
                priority={c.priority}
                escalated={c.escalated}
                staff={staff}
              />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t('caseDesk.detail.sla')}</CardTitle>
            </CardHeader>
            <CardContent>
              <dl className="grid gap-2 text-sm">
                {clocks
                  .filter(([, due]) => due)
                  .map(([key, due, met]) => (
                    <div key={key} className="flex justify-between gap-3">
                      <dt className="text-muted-foreground">{t(`caseDesk.detail.${key}`)}</dt>
                      <dd
                        className={cn(
                          'tabular-nums',
                          !met && new Date(due!).getTime() < now && 'font-medium text-destructive',
                        )}
                      >
                        {met ? t('caseDesk.detail.met') : time(due!)}
                      </dd>
                    </div>
                  ))}
                {c.pausedSince ? <p className="text-xs text-muted-foreground">{t('caseDesk.due.paused')}</p> : null}
              </dl>
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t('caseDesk.detail.policy')}</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-1 text-sm">
              <p>{t.dynamic(`cases.policy.${c.policyCode}`, { until: c.policyUntil ?? '' }, c.policyCode)}</p>
              {c.policyOverrideReason ? (
                <p className="text-warning-foreground" data-testid="policy-override">
                  {t('caseDesk.detail.override', { reason: c.policyOverrideReason })}
                </p>
              ) : null}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t('caseDesk.detail.order')}</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-1.5 text-sm">
              <Link
                href={`/desk/orders/${c.order.orderNo}`}
                className="font-mono font-medium text-primary hover:underline"
              >
                {c.order.orderNo}
              </Link>
              <p>
                {c.history?.customerId && can(actor, 'read:customer:any') ? (
                  <Link
                    href={`/desk/customers/${c.history.customerId}`}
                    className="text-primary hover:underline"
                    data-testid="customer-link"
                  >
                    {c.order.customerName}
                  </Link>
                ) : (
                  c.order.customerName
                )}
              </p>
              <p className="text-muted-foreground">
                {t(`orders.status.${c.order.status as 'paid'}`)} · {money(c.order.totalCents)}
                {c.order.refundedCents ? ` · ${t('caseDesk.detail.refunded')} ${money(c.order.refundedCents)}` : ''}
              </p>
              <p className="text-xs text-muted-foreground">{time(c.order.placedAt)}</p>
              {c.returnTrackingNo ? (
                <p className="text-sm" data-testid="return-tracking">
                  {t('returnShipment.current', { carrier: c.returnCarrier ?? '', trackingNo: c.returnTrackingNo })}
                </p>
              ) : null}
            </CardContent>
          </Card>
          {c.replacement ? (
            <Card>
              <CardHeader>
                <CardTitle>{t('replacementShipment.title')}</CardTitle>
              </CardHeader>
              <CardContent className="grid gap-3 text-sm">
                <p data-testid="replacement-tracking">
                  {t('replacementShipment.current', {
                    carrier: c.replacement.carrier,
                    trackingNo: c.replacement.trackingNo,
                  })}
                </p>
                {c.status === 'replacement_shipped' || c.status === 'delivered' ? (
                  <ReplacementShipmentForm
                    key={c.version}
                    caseNo={c.caseNo}
                    carrier={c.replacement.carrier}
                    trackingNo={c.replacement.trackingNo}
                  />
                ) : null}
              </CardContent>
            </Card>
          ) : null}
          <CaseFeedbackCard items={feedback} />
          {c.history ? (
            <Card>
              <CardHeader>
                <CardTitle>{t('caseDesk.detail.history')}</CardTitle>
              </CardHeader>
              <CardContent className="grid gap-2 text-sm">
                <p className="text-muted-foreground">
                  {t('caseDesk.detail.historySummary', { orders: c.history.orders, cases: c.history.cases.length })}
                </p>
                {c.history.cases.length ? (
                  <ul className="grid gap-1.5">
                    {c.history.cases.map((h) => (
                      <li key={h.caseNo} className="flex items-center justify-between gap-2">
                        <Link
                          href={`/desk/cases/${h.caseNo}`}
                          className="font-mono text-xs text-primary hover:underline"
                        >
                          {h.caseNo}
                        </Link>
                        <span className="truncate text-xs text-muted-foreground">
                          {t(`cases.types.${h.type}`)} · {t(`cases.status.${h.status}`)}
                        </span>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="text-xs text-muted-foreground">{t('caseDesk.detail.historyNone')}</p>
                )}
              </CardContent>
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
