import Link from 'next/link';
import { FeedbackStatusBadge, scoreText } from '@/components/feedback/feedback-badges';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import type { FeedbackKind, FeedbackStatus } from '@/lib/feedback/schemas';
import { getT } from '@/lib/i18n/server';

export type CaseFeedbackItem = {
  id: number;
  kind: FeedbackKind;
  score: number | null;
  status: FeedbackStatus;
  fromThisCase: boolean;
};

/**
 * The case side of the feedback link (lib/feedback feedbackForCase): the feedback the case was
 * opened from, and the customer's CSAT answers about it. Nothing when there is neither.
 */
export async function CaseFeedbackCard({ items }: { items: CaseFeedbackItem[] }) {
  if (!items.length) return null;
  const t = await getT();
  const kindScore = (f: CaseFeedbackItem) =>
    f.score === null ? t(`feedback.kinds.${f.kind}`) : `${t(`feedback.kinds.${f.kind}`)} ${scoreText(f.kind, f.score)}`;
  return (
    <Card data-testid="case-feedback">
      <CardHeader>
        <CardTitle>{t('feedbackDesk.caseCard.title')}</CardTitle>
      </CardHeader>
      <CardContent>
        <ul className="grid gap-2 text-sm">
          {items.map((f) => (
            <li key={f.id} className="flex items-center justify-between gap-2">
              <Link href={`/desk/feedback/${f.id}`} className="text-primary hover:underline">
                {f.fromThisCase
                  ? t('feedbackDesk.caseCard.openedFrom', { id: f.id, what: kindScore(f) })
                  : f.score !== null
                    ? t('feedbackDesk.caseCard.rated', { score: scoreText(f.kind, f.score) })
                    : t('feedbackDesk.caseCard.other', { id: f.id, what: kindScore(f) })}
              </Link>
              <FeedbackStatusBadge status={f.status} label={t(`feedback.statuses.${f.status}`)} />
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
