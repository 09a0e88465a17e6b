import { MessageSquareQuote, ThumbsUp } from 'lucide-react';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { env } from '@/lib/env';
import { LOW_RATED_MIN_ANSWERS, type LowRatedArticleDto } from '@/lib/help/low-rated';
import { formatDate } from '@/lib/i18n/format';
import { getLocale, getT } from '@/lib/i18n/server';
import { ArticleStatusBadge } from './article-badges';

/** Articles readers marked unhelpful, worst first, with what they said was missing. */
export async function LowRatedList({ items, basePath }: { items: LowRatedArticleDto[]; basePath: string }) {
  const [t, locale] = [await getT(), await getLocale()];
  const tz = env().SHOP_TIMEZONE;
  if (!items.length)
    return (
      <EmptyState
        icon={<ThumbsUp />}
        title={t('helpAuthoring.lowRated.empty')}
        description={t('helpAuthoring.lowRated.emptyHint', { min: LOW_RATED_MIN_ANSWERS })}
      />
    );
  return (
    <div className="grid gap-4" data-testid="low-rated">
      <p className="text-sm text-muted-foreground">
        {t('helpAuthoring.lowRated.intro', { min: LOW_RATED_MIN_ANSWERS })}
      </p>
      {items.map((a) => {
        const total = a.yes + a.no;
        const title = (locale === 'en' ? a.titleEn : a.titleZh) ?? a.titleZh ?? a.titleEn ?? a.slug;
        return (
          <Card key={a.id} className="gap-3" data-testid={`low-rated-${a.slug}`}>
            <CardHeader className="flex flex-wrap items-start justify-between gap-3">
              <div className="grid min-w-0 gap-1">
                <CardTitle className="break-words">
                  <Link href={`${basePath}/${a.id}`} className="underline-offset-4 hover:underline">
                    {title}
                  </Link>
                </CardTitle>
                <div className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
                  <code className="font-mono text-xs">{a.slug}</code>
                  <ArticleStatusBadge status={a.status} t={t} />
                </div>
              </div>
              <div className="text-right">
                <p className="text-lg font-semibold text-destructive tabular-nums">
                  {t('helpAuthoring.lowRated.ratio', { percent: Math.round((a.yes / total) * 100) })}
                </p>
                <p className="text-xs text-muted-foreground tabular-nums">
                  {t('helpAuthoring.lowRated.counts', { yes: a.yes, no: a.no })}
                </p>
              </div>
            </CardHeader>
            <CardContent>
              {a.latest.length ? (
                <ul className="grid gap-2">
                  {a.latest.map((l, i) => (
                    <li key={i} className="flex gap-2 text-sm">
                      <MessageSquareQuote className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
                      <div className="grid min-w-0 gap-0.5">
                        <div className="flex flex-wrap items-center gap-2">
                          {l.reason ? (
                            <Badge variant="secondary">{t(`helpAuthoring.reasons.${l.reason}`)}</Badge>
                          ) : null}
                          <span className="text-xs text-muted-foreground tabular-nums">
                            {formatDate(l.createdAt, locale, tz)} ·{' '}
                            {t(l.locale === 'en' ? 'helpAuthoring.localeEn' : 'helpAuthoring.localeZh')}
                          </span>
                        </div>
                        {l.comment ? <p className="break-words whitespace-pre-line">{l.comment}</p> : null}
                      </div>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-muted-foreground">{t('helpAuthoring.lowRated.noReasons')}</p>
              )}
            </CardContent>
          </Card>
        );
      })}
    </div>
  );
}
