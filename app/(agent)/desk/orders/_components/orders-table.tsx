'use client';

import { ListChecks, LoaderCircle } from 'lucide-react';
import Link from 'next/link';
import { useEffect, useState, useTransition } from 'react';
import { OrderStatusBadge } from '@/components/orders/status-badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/select';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { Textarea } from '@/components/ui/textarea';
import { toast } from '@/components/ui/toast';
import { useT } from '@/lib/i18n/client';
import type { OrderStatus } from '@/lib/orders/workflow';
import { bulkStatusAction } from '../actions';

export type OrderRowView = {
  orderNo: string;
  placedAt: string;
  placedAtLabel: string;
  customerName: string;
  channelLabel: string;
  status: OrderStatus;
  statusLabel: string;
  itemCount: number;
  totalLabel: string;
  trackingNo: string | null;
};

/** Statuses an agent can move orders to in bulk (refund statuses belong to after-sales). */
const BULK_TARGETS: OrderStatus[] = ['paid', 'shipped', 'delivered', 'completed', 'cancelled', 'closed'];

export function OrdersTable({ rows }: { rows: OrderRowView[] }) {
  const t = useT();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState<OrderStatus>('delivered');
  const [note, setNote] = useState('');
  const [refused, setRefused] = useState<{ orderNo: string; reason: string }[]>([]);
  const [pending, startTransition] = useTransition();
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.orderNo));

  // "/" jumps to the search box, as in most desks.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (e.key === '/' && !['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) && !target.isContentEditable) {
        e.preventDefault();
        document.getElementById('order-search')?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const toggle = (orderNo: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(orderNo);
      else next.delete(orderNo);
      return next;
    });

  const apply = () =>
    startTransition(async () => {
      const r = await bulkStatusAction({ orderNos: [...selected], to, note: note || undefined });
      if (!r.ok) {
        toast.error(r.message);
        return;
      }
      toast.success(r.message);
      setRefused(r.data.refused);
      if (r.data.refused.length === 0) {
        setOpen(false);
        setSelected(new Set());
        setNote('');
      }
    });

  return (
    <>
      {selected.size > 0 ? (
        <div className="mb-3 flex items-center gap-3 rounded-lg border bg-accent/50 px-4 py-2 text-sm" role="status">
          <span>{t('orders.selected', { count: selected.size })}</span>
          <Button size="sm" onClick={() => (setRefused([]), setOpen(true))} data-testid="bulk-status">
            <ListChecks />
            {t('orders.bulkStatus')}
          </Button>
        </div>
      ) : null}
      <Card className="py-0">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead className="w-10">
                <Checkbox
                  aria-label={t('orders.selectAll')}
                  checked={allSelected}
                  onCheckedChange={(c) => setSelected(c === true ? new Set(rows.map((r) => r.orderNo)) : new Set())}
                />
              </TableHead>
              <TableHead>{t('orders.columns.orderNo')}</TableHead>
              <TableHead>{t('orders.columns.placedAt')}</TableHead>
              <TableHead>{t('orders.columns.customer')}</TableHead>
              <TableHead>{t('orders.columns.channel')}</TableHead>
              <TableHead>{t('orders.columns.status')}</TableHead>
              <TableHead className="text-right">{t('orders.columns.items')}</TableHead>
              <TableHead className="text-right">{t('orders.columns.total')}</TableHead>
              <TableHead>{t('orders.columns.tracking')}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => (
              <TableRow
                key={r.orderNo}
                data-testid={`order-row-${r.orderNo}`}
                data-state={selected.has(r.orderNo) ? 'selected' : undefined}
              >
                <TableCell>
                  <Checkbox
                    aria-label={`${t('orders.select')} ${r.orderNo}`}
                    checked={selected.has(r.orderNo)}
                    onCheckedChange={(c) => toggle(r.orderNo, c === true)}
                  />
                </TableCell>
                <TableCell className="font-mono text-[13px]">
                  <Link href={`/desk/orders/${r.orderNo}`} className="font-medium text-primary hover:underline">
                    {r.orderNo}
                  </Link>
                </TableCell>
                <TableCell className="text-muted-foreground tabular-nums">
                  <time dateTime={r.placedAt}>{r.placedAtLabel}</time>
                </TableCell>
                <TableCell>{r.customerName}</TableCell>
                <TableCell className="text-muted-foreground">{r.channelLabel}</TableCell>
                <TableCell>
                  <OrderStatusBadge status={r.status} label={r.statusLabel} />
                </TableCell>
                <TableCell className="text-right tabular-nums">{r.itemCount}</TableCell>
                <TableCell className="text-right font-medium tabular-nums">{r.totalLabel}</TableCell>
                <TableCell className="font-mono text-xs text-muted-foreground">{r.trackingNo ?? '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent closeLabel={t('common.close')}>
          <DialogHeader>
            <DialogTitle>{t('orders.bulkTitle', { count: selected.size })}</DialogTitle>
            <DialogDescription>
              {[...selected].slice(0, 6).join(', ')}
              {selected.size > 6 ? ' …' : ''}
            </DialogDescription>
          </DialogHeader>
          <div className="grid gap-4">
            <div className="grid gap-2">
              <Label htmlFor="bulk-to">{t('orders.detail.to')}</Label>
              <NativeSelect id="bulk-to" value={to} onChange={(e) => setTo(e.target.value as OrderStatus)}>
                {BULK_TARGETS.map((s) => (
                  <option key={s} value={s}>
                    {t(`orders.status.${s}`)}
                  </option>
                ))}
              </NativeSelect>
            </div>
            <div className="grid gap-2">
              <Label htmlFor="bulk-note">{t('orders.detail.note')}</Label>
              <Textarea
                id="bulk-note"
                value={note}
                maxLength={500}
                onChange={(e) => setNote(e.target.value)}
                placeholder={t('orders.detail.notePlaceholder')}
              />
            </div>
            {refused.length > 0 ? (
              <ul
                className="max-h-40 overflow-auto rounded-md border border-destructive/30 bg-destructive/5 p-3 text-sm text-destructive"
                data-testid="bulk-refused"
              >
                {refused.map((r) => (
                  <li key={r.orderNo}>{t('orders.bulkRefused', { orderNo: r.orderNo, reason: r.reason })}</li>
                ))}
              </ul>
            ) : null}
          </div>
          <DialogFooter>
            <Button variant="outline" onClick={() => setOpen(false)}>
              {t('common.close')}
            </Button>
            <Button onClick={apply} disabled={pending}>
              {pending ? <LoaderCircle className="animate-spin" /> : null}
              {t('common.apply')}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </>
  );
}
