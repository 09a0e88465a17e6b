import type { OrderStatus } from './workflow';

export type OrderListItemDto = {
  orderNo: string;
  /** A channel code (admin-managed, see `channels`). */
  channel: string;
  status: OrderStatus;
  customerName: string;
  totalCents: number;
  currency: string;
  placedAt: string;
  trackingNo: string | null;
  itemCount: number;
  version: number;
};

export type OrderItemDto = {
  sku: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
  lineTotalCents: number;
  refundedQuantity: number;
};

export type OrderEventDto = {
  id: number;
  at: string;
  actorLabel: string;
  kind: string;
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus | null;
  note: string | null;
  public: boolean;
};

export type OrderDetailDto = {
  orderNo: string;
  /** A channel code (admin-managed, see `channels`). */
  channel: string;
  externalId: string | null;
  status: OrderStatus;
  currency: string;
  itemsTotalCents: number;
  shippingCents: number;
  discountCents: number;
  totalCents: number;
  refundedCents: number;
  placedAt: string;
  paidAt: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
  carrier: string | null;
  trackingNo: string | null;
  recipientName: string | null;
  /** Always masked here; the full value needs reveal:pii:any and is audited. */
  recipientPhoneMasked: string | null;
  shippingRegion: string | null;
  hasShippingAddress: boolean;
  notes: string | null;
  version: number;
  deletedAt: string | null;
  customer: { id: string; name: string; email: string | null; phoneMasked: string | null; region: string | null };
  items: OrderItemDto[];
  events: OrderEventDto[];
};
