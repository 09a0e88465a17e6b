import { MessageSquareText } from 'lucide-react';
import Link from 'next/link';
import { formatCount, formatPercent, formatSigned } from '@/components/charts/format';
import { DeltaBadge } from '@/components/charts/kpi-card';
import { type Period } from '@/lib/shop-calendar';
import { Card, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { delta } from '@/lib/feedback/metrics';
import { type FeedbackStats } from '@/lib/feedback/stats';
import type { Locale } from '@/lib/i18n/config';
import type { Translate } from '@/lib/i18n/translate';
import { cn } from '@/lib/utils';
import { inboxHref, Section, SectionEmpty } from './parts';

/** Feedback by product, CSAT by agent and the most frequent words, each beside the previous period. */
export function FeedbackBreakdowns({
  stats,
  t,
  locale,
  range,
}: {
  stats: FeedbackStats;
  t: Translate;
  locale: Locale;
  range: Period;
}) {
  const { current: cur, prior } = stats;
  const count = (n: number) => formatCount(n, locale);
  const percent = (n: number | null) => formatPercent(n, locale);
  const signed = (n: number | null) => formatSigned(n, locale);
  const priorAgents = new Map(prior.byAgent.map((a) => [a.agentId, a]));
  // The previous period's word list is a top 40 too: a word missing from a full list was not said.
  const priorWords = new Map(prior.words.map((w) => [w.word, w.count]));
  const priorWordsComplete = prior.words.length < 40;
  const words = cur.words.slice(0, 30);
  const maxWord = Math.max(1, ...words.map((w) => w.count));
  const minWord = Math.min(maxWord, ...words.map((w) => w.count));
  return (
    <>
      <Card className="min-w-0 gap-0 pb-0" data-testid="by-product">
        <CardHeader className="border-b pb-4">
          <CardTitle>{t('feedbackStats.products.title')}</CardTitle>
          <CardDescription>{t('feedbackStats.products.description')}</CardDescription>
        </CardHeader>
        {stats.byProduct.length ? (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead className="pl-6">{t('feedbackStats.products.product')}</TableHead>
                <TableHead className="text-right">{t('feedbackStats.products.total')}</TableHead>
                <TableHead className="text-right">{t('feedbackStats.products.complaints')}</TableHead>
                <TableHead className="text-right">{t('feedbackStats.products.csat')}</TableHead>
                <TableHead className="pr-6 text-right">{t('feedbackStats.products.nps')}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {stats.byProduct.map((p) => (
                <TableRow key={p.productId}>
                  <TableCell className="max-w-80 truncate pl-6 font-medium">
                    <Link
                      href={inboxHref({ productId: p.productId }, range)}
                      className="underline-offset-4 hover:underline"
                    >
                      {p.name}
                    </Link>
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{count(p.total)}</TableCell>
                  <TableCell className={cn('text-right tabular-nums', p.complaints > 0 && 'text-destructive')}>
                    {count(p.complaints)}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">
                    {percent(p.csatPercent)}
                    {p.csatAnswered ? (
                      <span className="block text-xs text-muted-foreground">
                        {t('feedbackStats.products.answers', { count: count(p.csatAnswered) })}
                      </span>
                    ) : null}
                  </TableCell>
                  <TableCell className="pr-6 text-right tabular-nums">
                    {signed(p.nps)}
                    {p.npsAnswered ? (
                      <span className="block text-xs text-muted-foreground">
                        {t('feedbackStats.products.answers', { count: count(p.npsAnswered) })}
                      </span>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : (
          <div className="p-6">
            <SectionEmpty title={t('feedbackStats.products.empty')} />
          </div>
        )}
      </Card>

      <div className="grid items-start gap-6 xl:grid-cols-2">
        <Card className="min-w-0 gap-0 pb-0" data-testid="by-agent">
          <CardHeader className="border-b pb-4">
            <CardTitle>{t('feedbackStats.agents.title')}</CardTitle>
            <CardDescription>{t('feedbackStats.agents.description')}</CardDescription>
          </CardHeader>
          {cur.byAgent.length ? (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead className="pl-6">{t('feedbackStats.agents.agent')}</TableHead>
                  <TableHead className="text-right">{t('feedbackStats.agents.answers')}</TableHead>
                  <TableHead className="text-right">{t('feedbackStats.agents.csat')}</TableHead>
                  <TableHead className="text-right">{t('feedbackStats.agents.previous')}</TableHead>
                  <TableHead className="pr-6 text-right">{t('feedbackStats.agents.change')}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {cur.byAgent.map((a) => {
                  const before = priorAgents.get(a.agentId)?.percent ?? null;
                  const d = delta(a.percent, before);
                  return (
                    <TableRow
                      key={a.agentId}
                      data-testid="agent-csat"
                      data-agent={a.name}
                      data-answered={a.answered}
                      data-good={a.good}
                    >
                      <TableCell className="pl-6 font-medium">{a.name}</TableCell>
                      <TableCell className="text-right tabular-nums">{count(a.answered)}</TableCell>
                      <TableCell className="text-right tabular-nums">{percent(a.percent)}</TableCell>
                      <TableCell className="text-right text-muted-foreground tabular-nums">{percent(before)}</TableCell>
                      <TableCell className="pr-6 text-right">
                        {d === null ? (
                          <span className="text-muted-foreground">—</span>
                        ) : (
                          <DeltaBadge
                            delta={{ value: d, text: t('feedbackStats.points', { value: formatSigned(d, locale, 1) }) }}
                          />
                        )}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          ) : (
            <div className="p-6">
              <SectionEmpty title={t('feedbackStats.agents.empty')} />
            </div>
          )}
        </Card>

        <Section
          title={t('feedbackStats.words.title')}
          description={t('feedbackStats.words.description')}
          testId="words"
        >
          {words.length ? (
            <ul aria-label={t('feedbackStats.words.label')} className="flex flex-wrap items-baseline gap-2">
              {words.map((w) => {
                const before = priorWords.get(w.word);
                const change = before !== undefined ? w.count - before : priorWordsComplete ? w.count : null;
                const isNew = before === undefined && priorWordsComplete;
                // Five type sizes from the rarest to the most frequent word shown: the cloud reads at a
                // glance, the counts give the figures. All equally frequent: all the same middle size.
                const size =
                  maxWord === minWord
                    ? 'text-sm'
                    : ['text-xs', 'text-sm', 'text-base', 'text-lg', 'text-xl'][
                        Math.round(((w.count - minWord) / (maxWord - minWord)) * 4)
                      ];
                return (
                  <li
                    key={w.word}
                    className="inline-flex items-baseline gap-1.5 rounded-full border bg-muted/40 px-3 py-1"
                    title={t('feedbackStats.words.count', { count: count(w.count) })}
                  >
                    <span className={cn('font-medium', size)}>{w.word}</span>
                    <span className="text-xs text-muted-foreground tabular-nums">
                      <span className="sr-only">{t('feedbackStats.words.count', { count: count(w.count) })}</span>
                      <span aria-hidden="true">{count(w.count)}</span>
                    </span>
                    {isNew ? (
                      <span className="text-xs font-medium text-primary">{t('feedbackStats.words.new')}</span>
                    ) : change ? (
                      <span
                        className={cn('text-xs tabular-nums', change > 0 ? 'text-foreground' : 'text-muted-foreground')}
                      >
                        <span className="sr-only">{t('feedbackStats.kpi.change', { value: signed(change) })}</span>
                        <span aria-hidden="true">
                          {change > 0 ? '▲' : '▼'}
                          {count(Math.abs(change))}
                        </span>
                      </span>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          ) : (
            <EmptyState icon={<MessageSquareText />} title={t('feedbackStats.words.empty')} className="py-8" />
          )}
        </Section>
      </div>
    </>
  );
}
