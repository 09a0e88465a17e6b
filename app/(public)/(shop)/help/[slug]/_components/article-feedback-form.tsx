'use client';

import { AlertCircle, CheckCircle2, LoaderCircle, ThumbsDown, ThumbsUp } from 'lucide-react';
import { useEffect, useRef, useState, useTransition } from 'react';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { Textarea } from '@/components/ui/textarea';
import { cn } from '@/lib/utils';
import { articleFeedbackAction } from '../actions';

export type ArticleFeedbackTexts = {
  question: string;
  yes: string;
  no: string;
  missingLegend: string;
  reasons: { value: string; label: string }[];
  commentLabel: string;
  commentHint: string;
  /** "{count}/{max}", filled in here as the reader types. */
  counter: string;
  optional: string;
  submit: string;
  skip: string;
  sending: string;
  thanks: string;
  thanksNo: string;
  /** When the answer could not be sent at all (no connection). */
  failed: string;
};

type Step = 'ask' | 'missing' | 'thanks-yes' | 'thanks-no';

/**
 * "Was this helpful?" under an article. Yes is sent at once; no opens a short "what was missing"
 * choice and an optional comment, sent with Send or without them by Skip — one answer per reader
 * either way. It gets the article id, the language shown and its texts, nothing else.
 */
export function ArticleFeedbackForm({
  articleId,
  locale,
  commentMax,
  texts,
}: {
  articleId: string;
  locale: string;
  commentMax: number;
  texts: ArticleFeedbackTexts;
}) {
  const [step, setStep] = useState<Step>('ask');
  const [reason, setReason] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const missingRef = useRef<HTMLFieldSetElement>(null);

  useEffect(() => {
    // The choice appears below the buttons: take keyboard and screen-reader users there.
    if (step === 'missing') missingRef.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, [step]);

  const send = (helpful: boolean, details: { missingReason?: string; comment?: string } = {}) =>
    startTransition(async () => {
      setError(null);
      const result = await articleFeedbackAction({ articleId, locale, helpful, ...details }).catch(() => null);
      if (result?.ok) setStep(helpful ? 'thanks-yes' : 'thanks-no');
      // No answer at all (offline, the server unreachable): the reader can try the same again.
      else setError(result ? result.message : texts.failed);
    });

  if (step === 'thanks-yes' || step === 'thanks-no') {
    return (
      <section className="rounded-xl border bg-card p-5" data-testid="help-feedback">
        <p role="status" className="flex items-center gap-2 font-medium" data-testid="help-feedback-thanks">
          <CheckCircle2 aria-hidden className="size-5 shrink-0 text-success" />
          {step === 'thanks-yes' ? texts.thanks : texts.thanksNo}
        </p>
      </section>
    );
  }

  return (
    <section
      aria-labelledby="help-feedback-question"
      className="rounded-xl border bg-card p-5"
      data-testid="help-feedback"
    >
      <div className="flex flex-wrap items-center gap-x-4 gap-y-3">
        <h2 id="help-feedback-question" className="font-semibold">
          {texts.question}
        </h2>
        <div className="flex gap-2">
          <Button
            type="button"
            variant="outline"
            size="sm"
            disabled={pending}
            onClick={() => send(true)}
            data-testid="help-feedback-yes"
          >
            <ThumbsUp />
            {texts.yes}
          </Button>
          <Button
            type="button"
            variant={step === 'missing' ? 'secondary' : 'outline'}
            size="sm"
            disabled={pending}
            aria-expanded={step === 'missing'}
            aria-controls="help-feedback-missing"
            onClick={() => setStep('missing')}
            data-testid="help-feedback-no"
          >
            <ThumbsDown />
            {texts.no}
          </Button>
        </div>
      </div>
      {step === 'missing' ? (
        <form
          id="help-feedback-missing"
          className="mt-5 grid gap-5"
          onSubmit={(e) => {
            e.preventDefault();
            send(false, { missingReason: reason ?? undefined, comment: comment.trim() || undefined });
          }}
        >
          <fieldset ref={missingRef} className="grid gap-2" disabled={pending}>
            <legend className="mb-2 text-sm font-medium">{texts.missingLegend}</legend>
            {texts.reasons.map((r) => (
              <label
                key={r.value}
                className={cn(
                  'flex cursor-pointer items-center gap-3 rounded-md border px-3 py-2 text-sm transition-colors hover:bg-accent',
                  'has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50',
                  reason === r.value && 'border-primary bg-primary/5',
                )}
              >
                <input
                  type="radio"
                  name="missingReason"
                  value={r.value}
                  checked={reason === r.value}
                  onChange={() => setReason(r.value)}
                  className="size-4 accent-primary"
                  data-testid={`help-feedback-reason-${r.value}`}
                />
                {r.label}
              </label>
            ))}
          </fieldset>
          <div className="grid gap-2">
            <Label htmlFor="help-feedback-comment">
              {texts.commentLabel}
              <span className="font-normal text-muted-foreground">({texts.optional})</span>
            </Label>
            <Textarea
              id="help-feedback-comment"
              name="comment"
              rows={3}
              maxLength={commentMax}
              value={comment}
              disabled={pending}
              onChange={(e) => setComment(e.target.value)}
              aria-describedby="help-feedback-comment-hint help-feedback-comment-count"
              className="min-h-20 bg-background"
              data-testid="help-feedback-comment"
            />
            <div className="flex items-start justify-between gap-3 text-xs text-muted-foreground">
              <p id="help-feedback-comment-hint">{texts.commentHint}</p>
              <span
                id="help-feedback-comment-count"
                className={cn('shrink-0 tabular-nums', comment.length >= commentMax && 'text-destructive')}
              >
                {texts.counter.replace('{count}', String(comment.length)).replace('{max}', String(commentMax))}
              </span>
            </div>
          </div>
          {error ? (
            <Alert variant="destructive" data-testid="help-feedback-error">
              <AlertCircle />
              <AlertDescription>{error}</AlertDescription>
            </Alert>
          ) : null}
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={pending} data-testid="help-feedback-submit">
              {pending ? <LoaderCircle className="animate-spin" /> : null}
              {pending ? texts.sending : texts.submit}
            </Button>
            <Button
              type="button"
              variant="ghost"
              disabled={pending}
              onClick={() => send(false)}
              data-testid="help-feedback-skip"
            >
              {texts.skip}
            </Button>
          </div>
        </form>
      ) : error ? (
        <Alert variant="destructive" className="mt-4" data-testid="help-feedback-error">
          <AlertCircle />
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      ) : null}
    </section>
  );
}
