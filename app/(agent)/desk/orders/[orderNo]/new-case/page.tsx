import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { NewCaseForm } from '@/components/cases/new-case-form';
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
import { CASE_REASONS } from '@/lib/returns/policy-engine';
import { createCaseFromDeskAction } from '../actions';

export async function generateMetadata({ params }: PageProps<'/desk/orders/[orderNo]/new-case'>): Promise<Metadata> {
  return { title: (await getT())('caseDesk.new.title', { orderNo: (await params).orderNo }) };
}

/** An agent opens a case on an order (phone, chat, e-mail), with the policy answer and an override. */
export default async function DeskNewCasePage({ params, searchParams }: PageProps<'/desk/orders/[orderNo]/new-case'>) {
  await requireAreaActor('access:desk:any');
  const orderNo = decodeURIComponent((await params).orderNo).toUpperCase();
  const { reason } = pickParams(await searchParams, ['reason'] as const);
  const chosen = (CASE_REASONS as readonly string[]).includes(reason ?? '') ? reason! : 'quality_issue';
  const t = await getT();
  const preview = await previewCasePolicy({ ctx: await getRequestContext(), input: { orderNo, reason: chosen } }).catch(
    (err) => {
      if (err instanceof NotFoundError || err instanceof ValidationError) notFound();
      throw err;
    },
  );
  return (
    <>
      <PageHeader title={t('caseDesk.new.title', { orderNo })} />
      <Card>
        <CardContent className="grid gap-6">
          <form method="get" className="flex flex-wrap items-end gap-3">
            <div className="grid min-w-64 gap-2">
              <Label htmlFor="pick-reason">{t('caseDesk.new.reasonStep')}</Label>
              <NativeSelect id="pick-reason" name="reason" defaultValue={chosen}>
                {CASE_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`cases.reasons.${r}`)}
                  </option>
                ))}
              </NativeSelect>
            </div>
            <Button type="submit" variant="secondary">
              {t('casePortal.continue')}
            </Button>
          </form>
          <NewCaseForm
            key={chosen}
            orderNo={preview.orderNo}
            reason={chosen}
            lines={preview.lines}
            currency={preview.currency}
            allowOverride
            onSubmit={createCaseFromDeskAction}
            donePath="/desk/cases/{caseNo}"
            types={CASE_TYPES.map((type) => {
              const a = preview.answers[type];
              return {
                type,
                label: t(`cases.types.${type}`),
                eligible: a.eligible,
                why: t.dynamic(`cases.policy.${a.code}`, { until: a.until ?? '' }, ''),
              };
            })}
          />
        </CardContent>
      </Card>
    </>
  );
}
