import { FEEDBACK_COMMENT_MAX, HELP_MISSING_REASONS } from '@/lib/help/reader';
import { getT } from '@/lib/i18n/server';
import { ArticleFeedbackForm } from './article-feedback-form';

/** "Was this helpful?" with its texts translated here, so the client gets only what it shows. */
export async function ArticleFeedback({ articleId, locale }: { articleId: string; locale: string }) {
  const t = await getT();
  return (
    <ArticleFeedbackForm
      articleId={articleId}
      locale={locale}
      commentMax={FEEDBACK_COMMENT_MAX}
      texts={{
        question: t('help.feedback.question'),
        yes: t('help.feedback.yes'),
        no: t('help.feedback.no'),
        missingLegend: t('help.feedback.missingLegend'),
        reasons: HELP_MISSING_REASONS.map((value) => ({
          value,
          label: t(`help.feedback.reasons.${value}`),
        })),
        commentLabel: t('help.feedback.commentLabel'),
        commentHint: t('help.feedback.commentHint'),
        counter: t('help.feedback.counter'),
        optional: t('common.optional'),
        submit: t('help.feedback.submit'),
        skip: t('help.feedback.skip'),
        sending: t('help.feedback.sending'),
        thanks: t('help.feedback.thanks'),
        thanksNo: t('help.feedback.thanksNo'),
        failed: t('help.feedback.failed'),
      }}
    />
  );
}
