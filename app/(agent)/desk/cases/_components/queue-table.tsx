'use client';

import { PRIORITIES } from '@/lib/cases/priority';
import { useRowSelection } from '@/components/data/use-row-selection';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { CaseStatusBadge, PriorityBadge } from '@/components/cases/case-badges';
import { ShortcutsHelp } from '@/components/cases/shortcuts';
import { StaffOptions, type StaffOption } from '@/components/cases/staff-options';
import { ConfirmButton } from '@/components/forms/confirm-button';
import { useRunAction } from '@/components/forms/use-run-action';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { NativeSelect } from '@/components/ui/select';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { ActionResult } from '@/lib/actions';
import type { CaseListItemDto } from '@/lib/cases/dto';
import { useT } from '@/lib/i18n/client';
import { cn } from '@/lib/utils';
import { bulkAssignAction, bulkCloseAction, bulkPriorityAction } from '../actions';

export type QueueRow = CaseListItemDto & { dueLabel: string; overdue: boolean; createdLabel: string };

/**
 * The queue: select cases (checkboxes or `x`) and assign, reprioritise or close them together;
 * move with `j`/`k` and open with Enter, as agents working a long queue expect.
 */
export function QueueTable({ rows, me, staff }: { rows: QueueRow[]; me: string; staff: StaffOption[] }) {
  const t = useT();
  const router = useRouter();
  const { selected, setSelected, cursor, setCursor, toggle } = useRowSelection<string>(
    rows,
    (i) => rows[i]?.caseNo,
    () => document.querySelector<HTMLInputElement>('input[name="q"]')?.focus(),
  );
  const caseNos = [...selected];

  const { pending, run: runAction } = useRunAction();
  const run = (call: () => Promise<ActionResult<unknown>>) =>
    runAction(call, () => {
      setSelected(new Set());
      router.refresh();
    });

  const allChecked = rows.length > 0 && rows.every((r) => selected.has(r.caseNo));
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
          <span className="mr-auto text-xs">j / k · x · Enter</span>
        ) : (
          <>
            <span className="text-sm font-medium">{t('bulk.selected', { count: selected.size })}</span>
            <Button
              size="sm"
              variant="outline"
              disabled={pending}
              onClick={() => run(() => bulkAssignAction({ caseNos, assigneeId: me }))}
              data-testid="bulk-assign-me"
            >
              {t('bulk.assignMe')}
            </Button>
            <NativeSelect
              aria-label={t('bulk.assign')}
              containerClassName="w-44"
              value=""
              disabled={pending}
              onChange={(e) =>
                e.target.value &&
                run(() => bulkAssignAction({ caseNos, assigneeId: e.target.value === '-' ? null : e.target.value }))
              }
              data-testid="bulk-assign"
            >
              <option value="">{t('bulk.assign')}</option>
              <option value="-">{t('bulk.unassign')}</option>
              <StaffOptions staff={staff} />
            </NativeSelect>
            <NativeSelect
              aria-label={t('bulk.priority')}
              containerClassName="w-40"
              value=""
              disabled={pending}
              onChange={(e) => e.target.value && run(() => bulkPriorityAction({ caseNos, priority: e.target.value }))}
              data-testid="bulk-priority"
            >
              <option value="">{t('bulk.priority')}</option>
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {t(`caseDesk.priority.${p}`)}
                </option>
              ))}
            </NativeSelect>
            <ConfirmButton
              variant="outline"
              label={t('bulk.close')}
              title={t('bulk.closeTitle', { count: selected.size })}
              description={t('bulk.closeDescription')}
              testId="bulk-close"
              onConfirm={async () => {
                const r = await bulkCloseAction({ caseNos });
                if (r.ok) {
                  setSelected(new Set());
                  router.refresh();
                }
                return r;
              }}
            />
            <Button size="sm" variant="ghost" onClick={() => setSelected(new Set())}>
              {t('bulk.clear')}
            </Button>
          </>
        )}
        <div className="ml-auto">
          <ShortcutsHelp
            keys={[
              ['J', 'next'],
              ['K', 'prev'],
              ['Enter', 'openCase'],
              ['X', 'select'],
              ['/', 'search'],
            ]}
          />
        </div>
      </div>
      <Card className="py-0">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead className="w-10">
                <Checkbox
                  checked={allChecked}
                  onCheckedChange={(v) => setSelected(v ? new Set(rows.map((r) => r.caseNo)) : new Set())}
                  aria-label={t('bulk.selectAll')}
                  data-testid="select-all"
                />
              </TableHead>
              <TableHead>{t('caseDesk.columns.case')}</TableHead>
              <TableHead>{t('caseDesk.columns.type')}</TableHead>
              <TableHead>{t('caseDesk.columns.status')}</TableHead>
              <TableHead>{t('caseDesk.columns.priority')}</TableHead>
              <TableHead>{t('caseDesk.columns.customer')}</TableHead>
              <TableHead>{t('caseDesk.columns.assignee')}</TableHead>
              <TableHead>{t('caseDesk.columns.due')}</TableHead>
              <TableHead>{t('caseDesk.columns.created')}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((c, i) => (
              <TableRow
                key={c.caseNo}
                data-testid={`case-row-${c.caseNo}`}
                data-row-index={i}
                data-state={selected.has(c.caseNo) ? 'selected' : undefined}
                className={cn(i === cursor && 'bg-accent/60')}
              >
                <TableCell>
                  <Checkbox
                    checked={selected.has(c.caseNo)}
                    onCheckedChange={() => toggle(c.caseNo)}
                    aria-label={t('bulk.select', { caseNo: c.caseNo })}
                  />
                </TableCell>
                <TableCell className="font-mono text-[13px]">
                  <Link
                    href={`/desk/cases/${c.caseNo}`}
                    className="font-medium text-primary hover:underline"
                    onFocus={() => setCursor(i)}
                  >
                    {c.caseNo}
                  </Link>
                  <span className="block text-xs text-muted-foreground">{c.orderNo}</span>
                </TableCell>
                <TableCell>{t(`cases.types.${c.type}`)}</TableCell>
                <TableCell>
                  <CaseStatusBadge status={c.status} label={t(`cases.status.${c.status}`)} />
                </TableCell>
                <TableCell>
                  <PriorityBadge priority={c.priority} label={t(`caseDesk.priority.${c.priority}`)} />
                  {c.escalated ? (
                    <span className="ml-1 text-xs text-destructive">{t('caseDesk.detail.escalated')}</span>
                  ) : null}
                </TableCell>
                <TableCell>{c.customerName}</TableCell>
                <TableCell className="text-muted-foreground">{c.assigneeName ?? '—'}</TableCell>
                <TableCell className={cn('tabular-nums', c.overdue && 'font-medium text-destructive')}>
                  {c.dueLabel}
                </TableCell>
                <TableCell className="text-muted-foreground tabular-nums">{c.createdLabel}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
    </>
  );
}
