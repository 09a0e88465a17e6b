import { ChevronRight, MessageCircleHeart } from 'lucide-react';
import Link from 'next/link';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { env } from '@/lib/env';
import type { SurveyView } from '@/lib/feedback/surveys';
import { formatDate } from '@/lib/i18n/format';
import { getLocale, getT } from '@/lib/i18n/server';
import { cn } from '@/lib/utils';

/** The customer's surveys still waiting for an answer (portal home and My feedback); nothing when none. */
export async function OpenSurveysCard({ surveys, className }: { surveys: SurveyView[]; className?: string }) {
  if (!surveys.length) return null;
  const [t, locale] = [await getT(), await getLocale()];
  return (
    <Card className={cn('gap-4 border-primary/30 bg-primary/[0.03]', className)} data-testid="open-surveys">
      <CardHeader className="flex flex-row items-center gap-3">
        <span
          aria-hidden
          className="flex size-9 shrink-0 items-center justify-center rounded-full bg-primary/10 text-primary"
        >
          <MessageCircleHeart className="size-4.5" />
        </span>
        <div className="grid gap-1">
          <CardTitle>{t('feedbackPortal.surveysTitle')}</CardTitle>
          <CardDescription>{t('feedbackPortal.surveysHint')}</CardDescription>
        </div>
      </CardHeader>
      <CardContent>
        <ul className="divide-y rounded-lg border bg-card">
          {surveys.map((s) => (
            <li key={s.id}>
              <Link
                href={`/portal/feedback/surveys/${s.id}`}
                className="flex items-center gap-3 px-4 py-3 text-sm hover:bg-accent/40"
                data-testid={`open-survey-${s.kind}`}
              >
                <span className="grid min-w-0 flex-1 gap-0.5">
                  <span className="font-medium">
                    {s.kind === 'csat'
                      ? t('feedbackPortal.csatFor', { caseNo: s.caseNo ?? '' })
                      : t('feedbackPortal.npsFor', { orderNo: s.orderNo ?? '' })}
                  </span>
                  <span className="text-xs text-muted-foreground">
                    {t('feedbackPortal.openUntil', { date: formatDate(s.expiresAt, locale, env().SHOP_TIMEZONE) })}
                  </span>
                </span>
                <span className="inline-flex shrink-0 items-center gap-1 font-medium text-primary">
                  {t('feedbackPortal.answer')}
                  <ChevronRight className="size-4" />
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
