import type { Metadata } from 'next';
import { ArrowLeft } from 'lucide-react';
import Link from 'next/link';
import { pickParams } from '@/components/data/search-params';
import { PageHeader } from '@/components/layout/app-shell';
import { Card, CardContent } from '@/components/ui/card';
import { requireAreaActor } from '@/lib/auth/guard';
import { getRequestContext } from '@/lib/context/request';
import { getT } from '@/lib/i18n/server';
import { submitFeedbackAction } from '../actions';
import { FeedbackForm } from '../_components/feedback-form';
import { loadFeedbackSubjects } from '../_lib/subjects';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('feedbackPortal.newTitle') };
}

/** Free feedback from the customer; `?orderNo=` (e.g. from an order page) preselects the order. */
export default async function NewFeedbackPage({ searchParams }: PageProps<'/portal/feedback/new'>) {
  await requireAreaActor('access:portal:own');
  const { orderNo } = pickParams(await searchParams, ['orderNo'] as const);
  const subjects = await loadFeedbackSubjects(await getRequestContext());
  const t = await getT();
  // Only one of the customer's own orders can be preselected; anything else is ignored.
  const preselected = subjects.orders.find((o) => o.orderNo === orderNo?.trim().toUpperCase())?.orderNo ?? '';
  return (
    <div className="mx-auto grid max-w-3xl">
      <Link
        href="/portal/feedback"
        className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft className="size-4" />
        {t('feedbackPortal.back')}
      </Link>
      <PageHeader title={t('feedbackPortal.newTitle')} description={t('feedbackPortal.newDescription')} />
      <Card>
        <CardContent>
          <FeedbackForm
            initial={{ kind: '', comment: '', orderNo: preselected, productId: '' }}
            subjects={subjects}
            action={submitFeedbackAction}
          />
        </CardContent>
      </Card>
    </div>
  );
}
