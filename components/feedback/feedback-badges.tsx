import { Star } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import type { FeedbackKind, FeedbackStatus, ScoreBand } from '@/lib/feedback/schemas';
import type { Locale } from '@/lib/i18n/config';
import { cn } from '@/lib/utils';

type Variant = 'default' | 'secondary' | 'outline' | 'success' | 'warning' | 'destructive';

/** The top of the scale a score is out of: CSAT and review stars 1–5, NPS 0–10. */
export function scoreMax(kind: FeedbackKind): number {
  return kind === 'nps' ? 10 : 5;
}

/**
 * The same bands as the inbox filter (lib/feedback/queries scoreBandWhere): low = CSAT or review
 * 1–2 / NPS 0–6, mid = 3 / 7–8, high = 4–5 / 9–10. Null when there is no score (free feedback).
 */
export function scoreBand(kind: FeedbackKind, score: number | null): ScoreBand | null {
  if (score === null) return null;
  if (kind === 'csat' || kind === 'review') return score <= 2 ? 'low' : score === 3 ? 'mid' : 'high';
  if (kind === 'nps') return score <= 6 ? 'low' : score <= 8 ? 'mid' : 'high';
  return null;
}

/** "4/5", "9/10": the same in both languages. */
export function scoreText(kind: FeedbackKind, score: number): string {
  return `${score}/${scoreMax(kind)}`;
}

/** A category's or tag's name in the viewer's language. */
export function labelName(label: { nameZh: string; nameEn: string }, locale: Locale): string {
  return locale === 'zh-CN' ? label.nameZh : label.nameEn;
}

/** Whether a piece of feedback calls for a reaction: a low score or a complaint. */
export function needsAttention(kind: FeedbackKind, score: number | null): boolean {
  return kind === 'complaint' || scoreBand(kind, score) === 'low';
}

const KIND_VARIANT: Record<FeedbackKind, Variant> = {
  csat: 'secondary',
  nps: 'secondary',
  suggestion: 'outline',
  complaint: 'destructive',
  praise: 'success',
  other: 'outline',
  review: 'secondary',
};

export function FeedbackKindBadge({
  kind,
  label,
  className,
}: {
  kind: FeedbackKind;
  label: string;
  className?: string;
}) {
  return (
    <Badge variant={KIND_VARIANT[kind]} data-feedback-kind={kind} className={className}>
      {label}
    </Badge>
  );
}

const BAND_VARIANT: Record<ScoreBand, Variant> = { low: 'destructive', mid: 'warning', high: 'success' };

/**
 * The score coloured by its band (low red, mid amber, high green). `prefix` puts the scale's name
 * in front ("CSAT 4/5") where no kind badge stands beside it. Renders nothing without a score.
 */
export function FeedbackScoreBadge({
  kind,
  score,
  prefix,
  className,
}: {
  kind: FeedbackKind;
  score: number | null;
  prefix?: string;
  className?: string;
}) {
  const band = scoreBand(kind, score);
  if (score === null || !band) return null;
  return (
    <Badge variant={BAND_VARIANT[band]} data-score-band={band} className={cn('tabular-nums', className)}>
      {prefix ? `${prefix} ` : ''}
      {scoreText(kind, score)}
    </Badge>
  );
}

/**
 * A review's stars (★★★★☆), read out as one image with `label` ("4 of 5 stars"). The stars are
 * decoration; the score badge beside them carries the figure and its band colour.
 */
export function StarRating({ score, label, className }: { score: number; label: string; className?: string }) {
  return (
    <span
      role="img"
      aria-label={label}
      data-stars={score}
      className={cn('inline-flex items-center gap-0.5', className)}
    >
      {Array.from({ length: 5 }, (_, i) => (
        <Star
          key={i}
          aria-hidden
          className={cn('size-4', i < score ? 'fill-warning text-warning' : 'text-muted-foreground/40')}
        />
      ))}
    </span>
  );
}

const STATUS_VARIANT: Record<FeedbackStatus, Variant> = { new: 'default', reviewed: 'secondary', actioned: 'success' };

export function FeedbackStatusBadge({
  status,
  label,
  className,
}: {
  status: FeedbackStatus;
  label: string;
  className?: string;
}) {
  return (
    <Badge variant={STATUS_VARIANT[status]} data-feedback-status={status} className={className}>
      {label}
    </Badge>
  );
}
