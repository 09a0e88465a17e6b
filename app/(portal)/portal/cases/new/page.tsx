import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { pickParams } from '@/components/data/search-params';
import { PageHeader } from '@/components/layout/app-shell';
import { Button } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/select';
import { requireAreaActor } from '@/lib/auth/guard';
import { previewCasePolicy } from '@/lib/cases/queries';
import { CASE_TYPES } from '@/lib/cases/workflow';
import { getRequestContext } from '@/lib/context/request';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { getT } from '@/lib/i18n/server';
import { listOrders } from '@/lib/orders/queries';
import { CASE_REASONS } from '@/lib/returns/policy-engine';
import { NewCaseForm } from '@/components/cases/new-case-form';
import { createCaseAction, suggestArticlesAction } from '../actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('casePortal.newTitle') };
}

/**
 * A short, server-driven flow: choose the order, say what happened, then see which kinds of help
 * are possible and why (the return-policy engine), pick items and describe the problem.
 */
export default async function NewCasePage({ searchParams }: PageProps<'/portal/cases/new'>) {
  await requireAreaActor('access:portal:own');
  const { order, reason } = pickParams(await searchParams, ['order', 'reason'] as const);
  const ctx = await getRequestContext();
  const t = await getT();
  const orders = (await listOrders({ ctx, input: {} })).items;
  const validReason = (CASE_REASONS as readonly string[]).includes(reason ?? '') ? reason! : undefined;
  const preview =
    order && validReason
      ? await previewCasePolicy({ ctx, input: { orderNo: order, reason: validReason } }).catch((err) => {
          if (err instanceof NotFoundError || err instanceof ValidationError) notFound();
          throw err;
        })
      : null;

  return (
    <>
      <PageHeader title={t('casePortal.newTitle')} />
      <Card>
        <CardContent className="grid gap-6">
          <form method="get" className="grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
            <div className="grid gap-2">
              <Label htmlFor="pick-order">{t('casePortal.step1')}</Label>
              {orders.length === 0 ? (
                <p className="text-sm text-muted-foreground">{t('casePortal.noOrders')}</p>
              ) : (
                <NativeSelect id="pick-order" name="order" defaultValue={order ?? orders[0]!.orderNo}>
                  {orders.map((o) => (
                    <option key={o.orderNo} value={o.orderNo}>
                      {o.orderNo} · {t(`orders.customerStatus.${o.status}`)}
                    </option>
                  ))}
                </NativeSelect>
              )}
            </div>
            <div className="grid gap-2">
              <Label htmlFor="pick-reason">{t('casePortal.step2')}</Label>
              <NativeSelect id="pick-reason" name="reason" defaultValue={validReason ?? 'quality_issue'}>
                {CASE_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`cases.reasons.${r}`)}
                  </option>
                ))}
              </NativeSelect>
            </div>
            <Button type="submit" variant="secondary" disabled={orders.length === 0} data-testid="case-continue">
              {t('casePortal.continue')}
            </Button>
          </form>
          {preview ? (
            <NewCaseForm
              key={`${preview.orderNo}-${validReason}`}
              orderNo={preview.orderNo}
              reason={validReason!}
              onSubmit={createCaseAction}
              suggest={suggestArticlesAction}
              donePath="/portal/cases/{caseNo}"
              lines={preview.lines}
              currency={preview.currency}
              types={CASE_TYPES.map((type) => {
                const a = preview.answers[type];
                return {
                  type,
                  label: t(`cases.types.${type}`),
                  eligible: a.eligible,
                  why: t.dynamic(
                    `cases.policy.${a.code}`,
                    { until: a.until ?? '' },
                    a.eligible ? '' : t('casePortal.notPossible'),
                  ),
                };
              })}
            />
          ) : null}
        </CardContent>
      </Card>
    </>
  );
}
