import { Badge } from '@/components/ui/badge';
import type { OrderStatus } from '@/lib/orders/workflow';

const VARIANT: Record<OrderStatus, 'default' | 'secondary' | 'outline' | 'success' | 'warning' | 'destructive'> = {
  pending_payment: 'warning',
  paid: 'default',
  shipped: 'default',
  delivered: 'success',
  completed: 'secondary',
  cancelled: 'outline',
  closed: 'outline',
  partially_refunded: 'destructive',
  refunded: 'destructive',
};

/** `label` is passed in already translated, so this works in server and client components alike. */
export function OrderStatusBadge({ status, label }: { status: OrderStatus; label: string }) {
  return (
    <Badge variant={VARIANT[status]} data-status={status}>
      {label}
    </Badge>
  );
}
