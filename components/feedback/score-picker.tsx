'use client';

import { Angry, Frown, Laugh, Meh, Smile } from 'lucide-react';
import { useId } from 'react';
import { useT } from '@/lib/i18n/client';
import { cn } from '@/lib/utils';

export type SurveyScale = 'csat' | 'nps';

const CSAT = [
  { score: 1, key: 'survey.csatScale.1', Icon: Angry },
  { score: 2, key: 'survey.csatScale.2', Icon: Frown },
  { score: 3, key: 'survey.csatScale.3', Icon: Meh },
  { score: 4, key: 'survey.csatScale.4', Icon: Smile },
  { score: 5, key: 'survey.csatScale.5', Icon: Laugh },
] as const;
const NPS = Array.from({ length: 11 }, (_, i) => i);

/** The label of a CSAT score (1–5) in the current language, e.g. "Satisfied". */
export function useCsatLabel() {
  const t = useT();
  return (score: number) => {
    const item = CSAT.find((c) => c.score === score);
    return item ? t(item.key) : String(score);
  };
}

/**
 * The score of a survey as a radio group: real radio inputs (visually hidden) inside their
 * labels, so the arrow keys move between choices, the choice posts with the form, and screen
 * readers announce the question (legend) and each choice with its meaning.
 *  - CSAT: five faces from "very dissatisfied" to "very satisfied";
 *  - NPS: 0–10 with the meaning of both ends spelled out under the scale.
 */
export function ScorePicker({
  kind,
  legend,
  name = 'score',
  value,
  onChange,
  error,
  disabled,
}: {
  kind: SurveyScale;
  legend: string;
  name?: string;
  value: number | null;
  onChange: (score: number) => void;
  error?: string;
  disabled?: boolean;
}) {
  const t = useT();
  const id = useId();
  const errorId = `${id}-error`;
  const endsId = `${id}-ends`;
  const tile = cn(
    'relative flex cursor-pointer items-center justify-center rounded-lg border bg-background transition-colors select-none',
    'hover:border-primary/60 hover:bg-accent/50',
    'has-[:checked]:border-primary has-[:checked]:bg-primary has-[:checked]:text-primary-foreground',
    'has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50',
    'has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-60',
    error && 'border-destructive/60',
  );
  return (
    <fieldset
      className="grid min-w-0 gap-3"
      aria-describedby={error ? errorId : undefined}
      data-testid={`score-picker-${kind}`}
    >
      <legend className="mb-3 text-base leading-snug font-medium text-balance">{legend}</legend>
      {kind === 'csat' ? (
        <div className="grid grid-cols-5 gap-1.5 sm:gap-2">
          {CSAT.map(({ score, key, Icon }) => (
            <label key={score} className={cn(tile, 'flex-col gap-1.5 px-1 py-3 text-center')}>
              <input
                type="radio"
                name={name}
                value={score}
                checked={value === score}
                onChange={() => onChange(score)}
                disabled={disabled}
                aria-label={t('survey.scoreLabel', { score, label: t(key) })}
                className="sr-only"
              />
              <Icon aria-hidden className="size-7 sm:size-8" strokeWidth={1.6} />
              <span aria-hidden className="text-[0.7rem] leading-tight sm:text-xs">
                {t(key)}
              </span>
            </label>
          ))}
        </div>
      ) : (
        <div className="grid gap-2">
          <div className="grid grid-cols-11 gap-1 sm:gap-1.5">
            {NPS.map((score) => (
              <label key={score} className={cn(tile, 'h-11 text-sm font-medium tabular-nums')}>
                <input
                  type="radio"
                  name={name}
                  value={score}
                  checked={value === score}
                  onChange={() => onChange(score)}
                  disabled={disabled}
                  aria-label={
                    score === 0
                      ? t('survey.scoreLabel', { score, label: t('survey.npsLow') })
                      : score === 10
                        ? t('survey.scoreLabel', { score, label: t('survey.npsHigh') })
                        : String(score)
                  }
                  aria-describedby={endsId}
                  className="sr-only"
                />
                <span aria-hidden>{score}</span>
              </label>
            ))}
          </div>
          <div id={endsId} className="flex justify-between gap-4 text-xs text-muted-foreground">
            <span>0 = {t('survey.npsLow')}</span>
            <span className="text-right">10 = {t('survey.npsHigh')}</span>
          </div>
        </div>
      )}
      {error ? (
        <p id={errorId} className="text-sm text-destructive" data-testid="score-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
