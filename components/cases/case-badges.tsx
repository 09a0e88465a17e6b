import { Badge } from '@/components/ui/badge';
import type { Priority } from '@/lib/cases/priority';
import type { CaseStatus } from '@/lib/cases/workflow';

const STATUS_VARIANT: Partial<
  Record<CaseStatus, 'default' | 'secondary' | 'outline' | 'success' | 'warning' | 'destructive'>
> = {
  submitted: 'warning',
  open: 'warning',
  needs_action: 'destructive',
  rejected: 'destructive',
  pending_customer: 'outline',
  awaiting_return: 'outline',
  refunded: 'success',
  delivered: 'success',
  repaired_shipped: 'success',
  resolved: 'success',
  closed: 'secondary',
  cancelled: 'secondary',
};

export function CaseStatusBadge({ status, label }: { status: CaseStatus; label: string }) {
  return (
    <Badge variant={STATUS_VARIANT[status] ?? 'default'} data-case-status={status}>
      {label}
    </Badge>
  );
}

const PRIORITY_VARIANT: Record<Priority, 'destructive' | 'warning' | 'secondary' | 'outline'> = {
  urgent: 'destructive',
  high: 'warning',
  normal: 'secondary',
  low: 'outline',
};

export function PriorityBadge({ priority, label }: { priority: Priority; label: string }) {
  return <Badge variant={PRIORITY_VARIANT[priority]}>{label}</Badge>;
}
