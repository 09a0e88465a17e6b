'use client';

import {
  AlertCircle,
  CheckCircle2,
  Clock,
  Link2Off,
  LoaderCircle,
  LogIn,
  MessageCircleHeart,
  Send,
} from 'lucide-react';
import Link from 'next/link';
import { useActionState, useState } from 'react';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FieldError } from '@/components/ui/form-field';
import { Label } from '@/components/ui/label';
import { Textarea } from '@/components/ui/textarea';
import type { ActionResult } from '@/lib/actions';
import { useT } from '@/lib/i18n/client';
import { cn } from '@/lib/utils';
import { ScorePicker, type SurveyScale } from './score-picker';

export type SurveyAnswerState = ActionResult<{ feedbackId: number; kind: SurveyScale }>;
/** Why a survey cannot be answered (any more); `closed` is the portal's "answered or expired". */
export type SurveyClosedCode = 'survey_invalid' | 'survey_expired' | 'survey_answered' | 'closed';
type Variant = 'public' | 'portal';

const COMMENT_MAX = 2000;
const CLOSED_CODES: readonly string[] = ['survey_invalid', 'survey_expired', 'survey_answered'];
/** Where a visitor of an e-mailed link goes next: their own feedback, after signing in. */
const SIGN_IN_HREF = `/sign-in?callbackUrl=${encodeURIComponent('/portal/feedback')}`;

function bandOf(kind: SurveyScale, score: number): 'low' | 'mid' | 'high' {
  if (kind === 'csat') return score <= 2 ? 'low' : score === 3 ? 'mid' : 'high';
  return score <= 6 ? 'low' : score <= 8 ? 'mid' : 'high';
}

/**
 * One survey (CSAT or NPS), used by the e-mailed link page, the case page and the portal's survey
 * page: the score, an optional comment, then a thank-you in place of the form. The survey is named
 * by hidden `fields` (`token` or `surveyId`); `action` is the route's server action. When the
 * answer is refused because the survey is answered, expired or the link is broken, that state
 * replaces the form; so does a re-render that finds the survey no longer open (`survey` null),
 * unless this form has just answered it, in which case its thank-you stays.
 */
export function SurveyForm({
  survey,
  fields,
  action,
  variant,
  asPage = false,
  className,
}: {
  survey: { kind: SurveyScale; caseNo: string | null; orderNo: string | null } | null;
  fields: Record<string, string>;
  action: (prev: SurveyAnswerState | null, form: FormData) => Promise<SurveyAnswerState>;
  variant: Variant;
  /** The whole page's content (a heading and a line of context above the question), not a card's. */
  asPage?: boolean;
  className?: string;
}) {
  const t = useT();
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [missingScore, setMissingScore] = useState(false);
  const [state, formAction, pending] = useActionState<SurveyAnswerState | null, FormData>(action, null);

  const done = { variant, asPage, className };
  if (state?.ok) return <SurveyThanks kind={state.data.kind} score={score} {...done} />;
  if (state && !state.ok && CLOSED_CODES.includes(state.code))
    return <SurveyNotice code={state.code as SurveyClosedCode} {...done} />;
  if (!survey) return <SurveyNotice code="closed" {...done} />;

  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  const scoreError = missingScore ? t('survey.chooseScore') : fieldErrors?.score;
  const formError =
    state && !state.ok && !fieldErrors?.score && !fieldErrors?.comment
      ? fieldErrors
        ? (Object.values(fieldErrors)[0] ?? state.message)
        : state.message
      : undefined;
  const question =
    survey.kind === 'csat' ? t('survey.csatQuestion', { caseNo: survey.caseNo ?? '' }) : t('survey.npsQuestion');
  return (
    <form
      action={formAction}
      noValidate
      className={cn('grid gap-6', className)}
      data-testid="survey-form"
      onSubmit={(e) => {
        // Without a choice the browser posts no score at all; say so here instead of a round trip.
        if (score === null) {
          e.preventDefault();
          setMissingScore(true);
          e.currentTarget.querySelector<HTMLInputElement>('input[name="score"]')?.focus();
        }
      }}
    >
      {asPage ? (
        <div className="grid gap-3">
          <span
            aria-hidden
            className="flex size-11 items-center justify-center rounded-full bg-primary/10 text-primary"
          >
            <MessageCircleHeart className="size-5.5" />
          </span>
          <div className="grid gap-1.5">
            <h1 className="text-2xl font-semibold tracking-tight">
              {survey.kind === 'csat' ? t('survey.csatTitle') : t('survey.npsTitle')}
            </h1>
            <p className="text-sm text-muted-foreground">
              {survey.kind === 'csat'
                ? t('survey.csatLead', { caseNo: survey.caseNo ?? '' })
                : t('survey.npsLead', { orderNo: survey.orderNo ?? '' })}
            </p>
          </div>
        </div>
      ) : null}
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <ScorePicker
        kind={survey.kind}
        legend={question}
        value={score}
        disabled={pending}
        error={scoreError}
        onChange={(s) => {
          setScore(s);
          setMissingScore(false);
        }}
      />
      <div className="grid gap-2">
        <Label htmlFor="survey-comment">
          {t('survey.comment')}
          <span className="font-normal text-muted-foreground">({t('common.optional')})</span>
        </Label>
        <Textarea
          id="survey-comment"
          name="comment"
          rows={3}
          maxLength={COMMENT_MAX}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          placeholder={t('survey.commentPlaceholder')}
          disabled={pending}
          aria-invalid={fieldErrors?.comment ? true : undefined}
          aria-describedby={fieldErrors?.comment ? 'survey-comment-error' : 'survey-comment-count'}
          className="min-h-24"
          data-testid="survey-comment"
        />
        <div className="flex items-start justify-between gap-3">
          <FieldError id="survey-comment-error">{fieldErrors?.comment}</FieldError>
          <span
            id="survey-comment-count"
            className={cn(
              'ml-auto text-xs text-muted-foreground tabular-nums',
              comment.length >= COMMENT_MAX && 'text-destructive',
            )}
          >
            {t('survey.counter', { count: comment.length, max: COMMENT_MAX })}
          </span>
        </div>
      </div>
      {formError ? (
        <Alert variant="destructive" data-testid="survey-error">
          <AlertCircle />
          <AlertDescription>{formError}</AlertDescription>
        </Alert>
      ) : null}
      <div className="grid gap-3">
        <Button
          type="submit"
          size="lg"
          disabled={pending}
          className={cn(variant === 'public' ? 'w-full' : 'w-full sm:w-fit')}
          data-testid="survey-submit"
        >
          {pending ? <LoaderCircle className="animate-spin" /> : <Send />}
          {pending ? t('survey.sending') : t('survey.submit')}
        </Button>
        <p className="text-xs text-muted-foreground">{t('survey.privacy')}</p>
      </div>
    </form>
  );
}

function NextSteps({ variant }: { variant: Variant }) {
  const t = useT();
  if (variant === 'public') {
    return (
      <div className="grid justify-items-center gap-3">
        <Button asChild variant="outline">
          <Link href={SIGN_IN_HREF}>
            <LogIn />
            {t('survey.signIn')}
          </Link>
        </Button>
        <p className="max-w-xs text-xs text-muted-foreground">{t('survey.signInHint')}</p>
      </div>
    );
  }
  return (
    <div className="flex flex-wrap justify-center gap-2">
      <Button asChild variant="outline">
        <Link href="/portal/feedback">{t('feedbackPortal.viewFeedback')}</Link>
      </Button>
      <Button asChild variant="ghost">
        <Link href="/portal">{t('feedbackPortal.home')}</Link>
      </Button>
    </div>
  );
}

/** The thank-you that replaces an answered form; what it says follows the score. */
export function SurveyThanks({
  kind,
  score,
  variant,
  asPage,
  className,
}: {
  kind: SurveyScale;
  score: number | null;
  variant: Variant;
  asPage?: boolean;
  className?: string;
}) {
  const t = useT();
  const Heading = asPage ? 'h1' : 'h2';
  const band = score === null ? 'mid' : bandOf(kind, score);
  const message =
    band === 'low' ? t('survey.thanksLow') : band === 'mid' ? t('survey.thanksMid') : t('survey.thanksHigh');
  return (
    <div
      role="status"
      className={cn('grid justify-items-center gap-5 py-4 text-center', className)}
      data-testid="survey-thanks"
    >
      <span aria-hidden className="flex size-14 items-center justify-center rounded-full bg-success/12 text-success">
        <CheckCircle2 className="size-7" />
      </span>
      <div className="grid gap-2">
        <Heading className={cn('font-semibold tracking-tight', asPage ? 'text-2xl' : 'text-xl')}>
          {t('survey.thanksTitle')}
        </Heading>
        {score !== null ? (
          <p className="text-sm font-medium">{t('survey.thanksScore', { score, max: kind === 'csat' ? 5 : 10 })}</p>
        ) : null}
        <p className="max-w-sm text-sm text-muted-foreground">{message}</p>
      </div>
      <NextSteps variant={variant} />
    </div>
  );
}

/** A survey that cannot be answered: a calm explanation, never an error page. */
export function SurveyNotice({
  code,
  variant,
  asPage,
  className,
}: {
  code: SurveyClosedCode;
  variant: Variant;
  asPage?: boolean;
  className?: string;
}) {
  const t = useT();
  const Heading = asPage ? 'h1' : 'h2';
  const view = {
    survey_invalid: {
      icon: <Link2Off className="size-7" />,
      tone: 'bg-muted text-muted-foreground',
      title: t('survey.invalidTitle'),
      body: t('survey.invalidBody'),
    },
    survey_expired: {
      icon: <Clock className="size-7" />,
      tone: 'bg-warning/15 text-warning',
      title: t('survey.expiredTitle'),
      body: t('survey.expiredBody'),
    },
    survey_answered: {
      icon: <CheckCircle2 className="size-7" />,
      tone: 'bg-success/12 text-success',
      title: t('survey.answeredTitle'),
      body: t('survey.answeredBody'),
    },
    closed: {
      icon: <CheckCircle2 className="size-7" />,
      tone: 'bg-muted text-muted-foreground',
      title: t('feedbackPortal.closedTitle'),
      body: t('feedbackPortal.closedBody'),
    },
  }[code];
  return (
    <div
      className={cn('grid justify-items-center gap-5 py-4 text-center', className)}
      data-testid={`survey-notice-${code}`}
    >
      <span aria-hidden className={cn('flex size-14 items-center justify-center rounded-full', view.tone)}>
        {view.icon}
      </span>
      <div className="grid gap-2">
        <Heading className={cn('font-semibold tracking-tight', asPage ? 'text-2xl' : 'text-xl')}>{view.title}</Heading>
        <p className="max-w-sm text-sm text-muted-foreground">{view.body}</p>
      </div>
      <NextSteps variant={variant} />
    </div>
  );
}
