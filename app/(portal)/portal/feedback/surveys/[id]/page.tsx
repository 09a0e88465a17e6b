import type { Metadata } from 'next';
import { ArrowLeft } from 'lucide-react';
import Link from 'next/link';
import { SurveyForm } from '@/components/feedback/survey-form';
import { Card, CardContent } from '@/components/ui/card';
import { requireAreaActor } from '@/lib/auth/guard';
import { getRequestContext } from '@/lib/context/request';
import { listOpenSurveys } from '@/lib/feedback/surveys';
import { getT } from '@/lib/i18n/server';
import { answerSurveyAction } from '../../actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('feedbackPortal.surveyTitle') };
}

/**
 * One of the customer's open surveys, answered while signed in. A survey that is not open (any
 * more), or not theirs, shows the same calm "closed" state; the form keeps its thank-you when the
 * page re-renders right after this form answered it.
 */
export default async function PortalSurveyPage({ params }: PageProps<'/portal/feedback/surveys/[id]'>) {
  await requireAreaActor('access:portal:own');
  const { id } = await params;
  const survey = (await listOpenSurveys({ ctx: await getRequestContext() })).find((s) => s.id === id) ?? null;
  const t = await getT();
  return (
    <div className="mx-auto grid max-w-2xl">
      <Link
        href="/portal/feedback"
        className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft className="size-4" />
        {t('feedbackPortal.back')}
      </Link>
      <Card>
        <CardContent className="py-2">
          <SurveyForm
            key={id}
            survey={survey ? { kind: survey.kind, caseNo: survey.caseNo, orderNo: survey.orderNo } : null}
            fields={{ surveyId: id }}
            action={answerSurveyAction}
            variant="portal"
            asPage
          />
        </CardContent>
      </Card>
    </div>
  );
}
