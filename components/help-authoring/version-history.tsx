import { History } from 'lucide-react';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { env } from '@/lib/env';
import type { ArticleVersionDto, VersionDiffDto } from '@/lib/help/versions';
import type { BodyDiff, InlineFieldDiff, LocaleDiff } from '@/lib/help/version-diff';
import { formatDateTime } from '@/lib/i18n/format';
import { getLocale, getT } from '@/lib/i18n/server';
import type { Translate } from '@/lib/i18n/translate';
import { cn } from '@/lib/utils';

/** Every published version with who and when; the chosen one's changes against the one before. */
export async function VersionHistory({
  basePath,
  versions,
  selected,
}: {
  basePath: string;
  versions: ArticleVersionDto[];
  selected: VersionDiffDto | null;
}) {
  const [t, locale] = [await getT(), await getLocale()];
  const tz = env().SHOP_TIMEZONE;
  return (
    <Card className="mt-6" data-testid="version-history">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <History className="size-4" aria-hidden="true" />
          <h2>{t('helpAuthoring.history.title')}</h2>
        </CardTitle>
        <CardDescription>
          {versions.length ? t('helpAuthoring.history.description') : t('helpAuthoring.history.empty')}
        </CardDescription>
      </CardHeader>
      {versions.length ? (
        <CardContent className="grid gap-4">
          <ol className="divide-y rounded-lg border">
            {versions.map((v) => {
              const isSelected = selected?.number === v.number;
              return (
                <li
                  key={v.number}
                  className={cn('flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2.5', isSelected && 'bg-muted/60')}
                  data-testid={`version-${v.number}`}
                >
                  <span className="font-medium tabular-nums">
                    {t('helpAuthoring.history.version', { number: v.number })}
                  </span>
                  {v.current ? <Badge variant="success">{t('helpAuthoring.history.live')}</Badge> : null}
                  <span className="text-sm text-muted-foreground">
                    {t('helpAuthoring.history.by', {
                      name: v.publishedBy ?? t('helpAuthoring.history.unknownAuthor'),
                      time: formatDateTime(v.publishedAt, locale, tz),
                    })}
                  </span>
                  <Link
                    href={isSelected ? basePath : `${basePath}?diff=${v.number}#version-diff`}
                    scroll={false}
                    className="ml-auto text-sm font-medium text-primary underline-offset-4 hover:underline"
                    aria-expanded={isSelected}
                    data-testid={`show-diff-${v.number}`}
                  >
                    {isSelected ? t('helpAuthoring.history.hideChanges') : t('helpAuthoring.history.showChanges')}
                  </Link>
                </li>
              );
            })}
          </ol>
          {selected ? <VersionDiffView diff={selected} t={t} /> : null}
        </CardContent>
      ) : null}
    </Card>
  );
}

function VersionDiffView({ diff, t }: { diff: VersionDiffDto; t: Translate }) {
  return (
    <section id="version-diff" className="grid scroll-mt-20 gap-4" data-testid="version-diff">
      <h3 className="font-medium">
        {diff.previous
          ? t('helpAuthoring.history.diffTitle', { number: diff.number, previous: diff.previous })
          : t('helpAuthoring.history.diffFirst', { number: diff.number })}
      </h3>
      {diff.locales.map((l) => (
        <LocaleSection key={l.locale} diff={l} t={t} />
      ))}
    </section>
  );
}

function LocaleSection({ diff, t }: { diff: LocaleDiff; t: Translate }) {
  const language = t(diff.locale === 'en' ? 'helpAuthoring.localeEn' : 'helpAuthoring.localeZh');
  const summary = t(`helpAuthoring.history.localeStatus.${diff.status}`);
  const changed = diff.status !== 'unchanged' && diff.status !== 'absent';
  return (
    <div className="grid gap-3 rounded-lg border p-4" data-testid={`diff-${diff.locale}`}>
      <h4 className="flex flex-wrap items-center gap-2 text-sm font-medium">
        {language}
        <Badge variant={changed ? 'secondary' : 'outline'} className="font-normal">
          {summary}
        </Badge>
      </h4>
      {changed ? (
        <>
          {[diff.title, diff.description].map((f) => (f.changed ? <InlineField key={f.field} diff={f} t={t} /> : null))}
          {diff.body.changed ? <BodyField diff={diff.body} t={t} /> : null}
        </>
      ) : null}
    </div>
  );
}

const OP_CLASS = {
  added: 'bg-success/12 text-success no-underline dark:bg-success/20',
  removed: 'bg-destructive/12 text-destructive line-through dark:bg-destructive/20',
};

function InlineField({ diff, t }: { diff: InlineFieldDiff; t: Translate }) {
  return (
    <div className="grid gap-1">
      <p className="text-xs font-medium text-muted-foreground">{t(`helpAuthoring.fields.${diff.field}`)}</p>
      <p className="text-sm break-words">
        {diff.parts.map((p, i) =>
          p.op === 'same' ? (
            <span key={i}>{p.text}</span>
          ) : p.op === 'added' ? (
            <ins key={i} className={cn('rounded-sm px-0.5', OP_CLASS.added)}>
              <span className="sr-only">{t('helpAuthoring.history.addedSr')}</span>
              {p.text}
            </ins>
          ) : (
            <del key={i} className={cn('rounded-sm px-0.5', OP_CLASS.removed)}>
              <span className="sr-only">{t('helpAuthoring.history.removedSr')}</span>
              {p.text}
            </del>
          ),
        )}
      </p>
    </div>
  );
}

function BodyField({ diff, t }: { diff: BodyDiff; t: Translate }) {
  return (
    <div className="grid gap-1">
      <p className="text-xs font-medium text-muted-foreground">
        {t(`helpAuthoring.fields.body`)} ·{' '}
        {t('helpAuthoring.history.lineCounts', { added: diff.added, removed: diff.removed })}
      </p>
      {/* Lines wrap (prose, not code), so the block never scrolls sideways. */}
      <div className="rounded-md border bg-muted/30 font-mono text-xs leading-relaxed">
        {diff.lines.map((l, i) =>
          l.op === 'skip' ? (
            <div key={i} className="border-y border-dashed bg-muted/60 px-3 py-0.5 text-muted-foreground">
              {t('helpAuthoring.history.skipped', { count: l.count })}
            </div>
          ) : (
            <div
              key={i}
              className={cn(
                'flex gap-2 px-3 break-words whitespace-pre-wrap',
                l.op === 'added' && 'bg-success/12 text-success dark:bg-success/20',
                l.op === 'removed' && 'bg-destructive/12 text-destructive dark:bg-destructive/20',
              )}
              data-op={l.op}
            >
              <span aria-hidden="true" className="w-3 shrink-0 select-none">
                {l.op === 'added' ? '+' : l.op === 'removed' ? '−' : ' '}
              </span>
              {l.op === 'added' ? (
                <span className="sr-only">{t('helpAuthoring.history.addedSr')}</span>
              ) : l.op === 'removed' ? (
                <span className="sr-only">{t('helpAuthoring.history.removedSr')}</span>
              ) : null}
              <span className="min-w-0">{l.text || ' '}</span>
            </div>
          ),
        )}
      </div>
    </div>
  );
}
