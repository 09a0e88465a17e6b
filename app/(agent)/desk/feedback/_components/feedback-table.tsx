'use client';

import { useRowSelection } from '@/components/data/use-row-selection';
import { LifeBuoy } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { FeedbackKindBadge, FeedbackScoreBadge, FeedbackStatusBadge } from '@/components/feedback/feedback-badges';
import { useRunAction } from '@/components/forms/use-run-action';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { NativeSelect } from '@/components/ui/select';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { FeedbackKind, FeedbackStatus } from '@/lib/feedback/schemas';
import { FEEDBACK_STATUSES } from '@/lib/feedback/schemas';
import { useT } from '@/lib/i18n/client';
import { cn } from '@/lib/utils';
import { bulkClassifyAction } from '../actions';

export type FeedbackRow = {
  id: number;
  href: string;
  kind: FeedbackKind;
  kindLabel: string;
  score: number | null;
  comment: string;
  customerName: string;
  orderNo: string | null;
  categoryName: string | null;
  tagNames: string[];
  status: FeedbackStatus;
  statusLabel: string;
  ownerName: string | null;
  followUpCaseNo: string | null;
  createdAt: string;
  createdLabel: string;
  createdTitle: string;
};

type Choice = { id: string; name: string };

/** Clicks on these inside a row do their own thing instead of opening the feedback. */
const INTERACTIVE = 'a, button, input, select, label, [role="checkbox"]';

/**
 * The inbox: select rows (checkboxes or `x`) and classify them together; move with `j`/`k`,
 * open with Enter or a click on the row, `/` to the filters — the same keys as the case queue.
 */
export function FeedbackTable({
  rows,
  categories,
  tags,
}: {
  rows: FeedbackRow[];
  categories: Choice[];
  tags: Choice[];
}) {
  const t = useT();
  const router = useRouter();
  const { selected, setSelected, cursor, setCursor, toggle } = useRowSelection<number>(
    rows,
    (i) => rows[i]?.id,
    () => document.getElementById('fb-kind')?.focus(),
  );
  const ids = [...selected];

  const { pending, run: runAction } = useRunAction();
  const bulk = (change: { categoryId?: string; addTagId?: string; status?: string }) =>
    runAction(
      () => bulkClassifyAction({ ids, ...change }),
      () => {
        setSelected(new Set());
        router.refresh();
      },
    );

  const allChecked = rows.length > 0 && rows.every((r) => selected.has(r.id));
  return (
    <>
      <div
        className={cn(
          'mb-3 flex min-h-9 flex-wrap items-center gap-2',
          selected.size === 0 && 'text-sm text-muted-foreground',
        )}
        data-testid="bulk-bar"
      >
        {selected.size === 0 ? (
          <span className="text-xs">{t('feedbackDesk.keys')}</span>
        ) : (
          <>
            <span className="text-sm font-medium">{t('feedbackDesk.bulk.selected', { count: selected.size })}</span>
            <NativeSelect
              aria-label={t('feedbackDesk.bulk.setCategory')}
              containerClassName="w-44"
              value=""
              disabled={pending || categories.length === 0}
              onChange={(e) => e.target.value && bulk({ categoryId: e.target.value })}
              data-testid="bulk-category"
            >
              <option value="">{t('feedbackDesk.bulk.setCategory')}</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </NativeSelect>
            <NativeSelect
              aria-label={t('feedbackDesk.bulk.addTag')}
              containerClassName="w-40"
              value=""
              disabled={pending || tags.length === 0}
              onChange={(e) => e.target.value && bulk({ addTagId: e.target.value })}
              data-testid="bulk-tag"
            >
              <option value="">{t('feedbackDesk.bulk.addTag')}</option>
              {tags.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </NativeSelect>
            <NativeSelect
              aria-label={t('feedbackDesk.bulk.setStatus')}
              containerClassName="w-40"
              value=""
              disabled={pending}
              onChange={(e) => e.target.value && bulk({ status: e.target.value })}
              data-testid="bulk-status"
            >
              <option value="">{t('feedbackDesk.bulk.setStatus')}</option>
              {FEEDBACK_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`feedback.statuses.${s}`)}
                </option>
              ))}
            </NativeSelect>
            <Button size="sm" variant="ghost" onClick={() => setSelected(new Set())}>
              {t('feedbackDesk.bulk.clear')}
            </Button>
          </>
        )}
      </div>
      <Card className="py-0">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead className="w-10">
                <Checkbox
                  checked={allChecked}
                  onCheckedChange={(v) => setSelected(v ? new Set(rows.map((r) => r.id)) : new Set())}
                  aria-label={t('feedbackDesk.bulk.selectAll')}
                  data-testid="select-all"
                />
              </TableHead>
              <TableHead>#</TableHead>
              <TableHead>{t('feedbackDesk.columns.kind')}</TableHead>
              <TableHead>{t('feedback.score')}</TableHead>
              <TableHead>{t('feedback.comment')}</TableHead>
              <TableHead>{t('feedbackDesk.columns.customer')}</TableHead>
              <TableHead>{t('feedbackDesk.columns.order')}</TableHead>
              <TableHead>{t('feedbackDesk.columns.classification')}</TableHead>
              <TableHead>{t('feedback.status')}</TableHead>
              <TableHead>{t('feedback.owner')}</TableHead>
              <TableHead>{t('feedbackDesk.columns.date')}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((f, i) => (
              <TableRow
                key={f.id}
                data-testid={`feedback-row-${f.id}`}
                data-row-index={i}
                data-state={selected.has(f.id) ? 'selected' : undefined}
                className={cn('cursor-pointer', i === cursor && 'bg-accent/60')}
                onClick={(e) => {
                  if ((e.target as HTMLElement).closest(INTERACTIVE)) return;
                  router.push(f.href);
                }}
              >
                <TableCell>
                  <Checkbox
                    checked={selected.has(f.id)}
                    onCheckedChange={() => toggle(f.id)}
                    aria-label={t('feedbackDesk.bulk.select', { id: f.id })}
                  />
                </TableCell>
                <TableCell className="font-mono text-[13px]">
                  <Link href={f.href} className="font-medium text-primary hover:underline" onFocus={() => setCursor(i)}>
                    #{f.id}
                  </Link>
                </TableCell>
                <TableCell>
                  <FeedbackKindBadge kind={f.kind} label={f.kindLabel} />
                </TableCell>
                <TableCell>
                  {f.score === null ? (
                    <span className="text-muted-foreground">—</span>
                  ) : (
                    <FeedbackScoreBadge kind={f.kind} score={f.score} />
                  )}
                </TableCell>
                <TableCell className="max-w-64 min-w-40 whitespace-normal">
                  {f.comment ? (
                    <p className="line-clamp-2 text-sm break-words" title={f.comment}>
                      {f.comment}
                    </p>
                  ) : (
                    <span className="text-sm text-muted-foreground italic">{t('feedback.noComment')}</span>
                  )}
                </TableCell>
                <TableCell>{f.customerName}</TableCell>
                <TableCell className="font-mono text-[13px]">
                  {f.orderNo ? (
                    <Link href={`/desk/orders/${f.orderNo}`} className="text-primary hover:underline">
                      {f.orderNo}
                    </Link>
                  ) : (
                    <span className="text-muted-foreground">—</span>
                  )}
                </TableCell>
                <TableCell className="max-w-48 min-w-32 whitespace-normal">
                  <span className={cn(!f.categoryName && 'text-muted-foreground')}>
                    {f.categoryName ?? t('feedback.uncategorized')}
                  </span>
                  {f.tagNames.length ? (
                    <div className="mt-1 flex flex-wrap gap-1" aria-label={t('feedback.tags')}>
                      {f.tagNames.map((n) => (
                        <Badge key={n} variant="outline" className="font-normal">
                          {n}
                        </Badge>
                      ))}
                    </div>
                  ) : null}
                </TableCell>
                <TableCell>
                  <div className="flex items-center gap-1.5">
                    <FeedbackStatusBadge status={f.status} label={f.statusLabel} />
                    {f.followUpCaseNo ? (
                      <Link
                        href={`/desk/cases/${f.followUpCaseNo}`}
                        className="text-muted-foreground hover:text-primary"
                        title={t('feedbackDesk.followUpCase', { caseNo: f.followUpCaseNo })}
                        aria-label={t('feedbackDesk.followUpCase', { caseNo: f.followUpCaseNo })}
                      >
                        <LifeBuoy className="size-3.5" />
                      </Link>
                    ) : null}
                  </div>
                </TableCell>
                <TableCell className="text-muted-foreground">{f.ownerName ?? '—'}</TableCell>
                <TableCell className="text-muted-foreground tabular-nums">
                  <time dateTime={f.createdAt} title={f.createdTitle}>
                    {f.createdLabel}
                  </time>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
    </>
  );
}
