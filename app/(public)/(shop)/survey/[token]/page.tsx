import type { Metadata } from 'next';
import { SurveyForm, SurveyNotice, type SurveyClosedCode } from '@/components/feedback/survey-form';
import { getRequestContext } from '@/lib/context/request';
import { AppError } from '@/lib/errors';
import { getSurveyByToken, type SurveyView } from '@/lib/feedback/surveys';
import { getT } from '@/lib/i18n/server';
import { answerSurveyByLinkAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  // A survey link is personal: keep it out of search engines.
  return { title: (await getT())('survey.metaTitle'), robots: { index: false, follow: false } };
}

const CLOSED: readonly string[] = ['survey_invalid', 'survey_expired', 'survey_answered'];
/** A form reads best narrow: the survey keeps its own column inside the shop layout's wider one. */
const COLUMN = 'mx-auto flex w-full max-w-xl flex-1 flex-col';

function decoded(token: string): string {
  try {
    return decodeURIComponent(token);
  } catch {
    return token; // a mangled link; the token check calls it invalid
  }
}

/**
 * What an e-mailed survey link opens, for anyone holding it (no sign-in). A broken, expired or
 * already answered link gets a friendly explanation instead of an error page.
 */
export default async function SurveyPage({ params }: PageProps<'/survey/[token]'>) {
  const token = decoded((await params).token);
  let survey: SurveyView;
  try {
    survey = await getSurveyByToken({ ctx: await getRequestContext(), input: { token } });
  } catch (err) {
    if (err instanceof AppError && CLOSED.includes(err.code))
      return (
        <div className={COLUMN}>
          <SurveyNotice code={err.code as SurveyClosedCode} variant="public" asPage />
        </div>
      );
    throw err;
  }
  return (
    <div className={COLUMN}>
      <SurveyForm
        survey={{ kind: survey.kind, caseNo: survey.caseNo, orderNo: survey.orderNo }}
        fields={{ token }}
        action={answerSurveyByLinkAction}
        variant="public"
        asPage
      />
    </div>
  );
}
