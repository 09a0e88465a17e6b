import { z } from 'zod';
import { CATALOG_CODE_RE } from '@/lib/catalog/names';
import { normalizePhone } from '@/lib/crypto/phone';
import { CursorParam } from '@/lib/pagination';
import { dayField, instantField, isRecordableInstant } from '@/lib/validation';
import { ORDER_STATUSES } from './workflow';

/**
 * A channel code. Channels are admin-managed records (lib/catalog/channels.ts): whether the code
 * exists and is active is checked against the table where an order is written (order-rules.ts);
 * in a list filter an unknown code simply matches nothing.
 */
export const channelField = z.string().trim().regex(CATALOG_CODE_RE, 'invalid_choice');
export const statusField = z.enum(ORDER_STATUSES, { message: 'invalid_choice' });
export const orderNoField = z.string().trim().min(1, 'required').max(40, 'too_long');
const versionField = z.coerce.number().int().min(1);
const cents = (max = 1_000_000_000) =>
  z.coerce
    .number({ message: 'invalid_amount' })
    .int('invalid_amount')
    .min(0, 'invalid_amount')
    .max(max, 'invalid_amount');
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'too_long')
    .optional()
    .transform((v) => (v ? v : undefined));

export const phoneField = z
  .string()
  .trim()
  .max(30, 'too_long')
  .refine((p) => {
    const d = normalizePhone(p);
    return d.length >= 7 && d.length <= 15;
  }, 'invalid_phone');

export const OrderItemInput = z.object({
  // SKUs are case-insensitive and stored upper-case (lib/catalog/product-schemas.ts skuField).
  sku: z
    .string()
    .trim()
    .min(1, 'required')
    .max(64, 'too_long')
    .transform((s) => s.toUpperCase()),
  quantity: z.coerce
    .number({ message: 'invalid_quantity' })
    .int('invalid_quantity')
    .min(1, 'invalid_quantity')
    .max(9999, 'invalid_quantity'),
  /** Defaults to the product's list price; channels may sell at their own price. */
  unitPriceCents: cents().optional(),
});

const isoDate = instantField();

/** Statuses an order may be created in: new orders, or historical ones brought in by import/API. */
export const CREATABLE_STATUSES = [
  'pending_payment',
  'paid',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
  'closed',
] as const;

/** The lifecycle times an order may carry, in the order they happen. */
export const LIFECYCLE_TIMES = ['paidAt', 'shippedAt', 'deliveredAt', 'completedAt', 'cancelledAt'] as const;
export type LifecycleTime = (typeof LIFECYCLE_TIMES)[number];

/** Which lifecycle times a status has reached: a time for a later step contradicts the status. */
const REACHED: Record<(typeof CREATABLE_STATUSES)[number], readonly LifecycleTime[]> = {
  pending_payment: [],
  paid: ['paidAt'],
  shipped: ['paidAt', 'shippedAt'],
  delivered: ['paidAt', 'shippedAt', 'deliveredAt'],
  completed: ['paidAt', 'shippedAt', 'deliveredAt', 'completedAt'],
  cancelled: ['paidAt', 'shippedAt', 'cancelledAt'],
  closed: ['paidAt', 'shippedAt', 'cancelledAt'],
};
/** Clocks differ a little between a shop's systems and ours. */
const FUTURE_SLACK_MS = 5 * 60_000;

const OrderFields = z.object({
  channel: channelField.default('own_site'),
  externalId: optionalText(64),
  customer: z.object({
    name: z.string().trim().min(1, 'required').max(100, 'too_long'),
    phone: phoneField.optional().or(z.literal('').transform(() => undefined)),
    email: z
      .email('invalid_email')
      .max(254, 'too_long')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    /** The buyer's id in the order's channel: recognises a returning buyer without phone or e-mail. */
    externalId: optionalText(64),
  }),
  recipientName: optionalText(100),
  recipientPhone: phoneField.optional().or(z.literal('').transform(() => undefined)),
  shippingRegion: optionalText(100),
  shippingAddress: optionalText(300),
  items: z.array(OrderItemInput).min(1, 'items_required').max(100, 'too_many_items'),
  shippingCents: cents(100_000_000).default(0),
  discountCents: cents().default(0),
  /** When given (import, API), it must equal items + shipping − discount. */
  totalCents: cents().optional(),
  /** ISO 4217; when given it must be the shop's currency (sums never mix currencies). */
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'invalid_currency')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  status: z.enum(CREATABLE_STATUSES, { message: 'invalid_choice' }).default('pending_payment'),
  placedAt: isoDate.optional(),
  paidAt: isoDate.optional(),
  shippedAt: isoDate.optional(),
  deliveredAt: isoDate.optional(),
  completedAt: isoDate.optional(),
  cancelledAt: isoDate.optional(),
  carrier: optionalText(40),
  trackingNo: optionalText(64),
  notes: optionalText(1000),
});
type OrderFieldsData = z.output<typeof OrderFields>;

/**
 * Lifecycle times must follow one another (placed ≤ paid ≤ shipped ≤ delivered ≤ completed;
 * cancelled after placed), none may lie in the future, and none may be for a step the status has
 * not reached (a `paid` order with a delivery time would count a delivery that never happened).
 */
function checkLifecycle(v: OrderFieldsData, ctx: z.RefinementCtx) {
  const now = Date.now() + FUTURE_SLACK_MS;
  // A time its own field already refused (invalid_date) is not compared again.
  const placed = v.placedAt && isRecordableInstant(v.placedAt) ? v.placedAt : undefined;
  if (placed && placed.getTime() > now) ctx.addIssue({ code: 'custom', path: ['placedAt'], message: 'time_in_future' });
  const reached = REACHED[v.status];
  let previous: { at: Date; code: string } | null = placed ? { at: placed, code: 'time_before_placed' } : null;
  for (const key of LIFECYCLE_TIMES) {
    const at = v[key];
    if (!at || !isRecordableInstant(at)) continue;
    if (!reached.includes(key)) ctx.addIssue({ code: 'custom', path: [key], message: 'time_not_reached' });
    else if (at.getTime() > now) ctx.addIssue({ code: 'custom', path: [key], message: 'time_in_future' });
    else if (key === 'cancelledAt' ? placed && at < placed : previous && at < previous.at) {
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: key === 'cancelledAt' ? 'time_before_placed' : previous!.code,
      });
    }
    if (key !== 'cancelledAt') previous = { at, code: `time_before_${key.replace(/At$/, '')}` };
  }
}

/** New orders and live channel orders: a shipped order names its tracking number. */
export const CreateOrderInput = OrderFields.superRefine(checkLifecycle).refine(
  (v) => (v.status !== 'shipped' && v.status !== 'delivered' && v.status !== 'completed' ? true : !!v.trackingNo),
  { path: ['trackingNo'], message: 'tracking_required' },
);
/**
 * History import ("these orders already happened"): most order histories keep no tracking numbers,
 * so a shipped, delivered or completed order is accepted without one.
 */
export const HistoryOrderInput = OrderFields.superRefine(checkLifecycle);
export type CreateOrderInput = z.input<typeof CreateOrderInput>;
export type CreateOrderData = z.output<typeof CreateOrderInput>;

export const UpdateOrderInput = z.object({
  orderNo: orderNoField,
  version: versionField,
  recipientName: optionalText(100),
  recipientPhone: phoneField.optional().or(z.literal('').transform(() => undefined)),
  shippingRegion: optionalText(100),
  shippingAddress: optionalText(300),
  carrier: optionalText(40),
  trackingNo: optionalText(64),
  notes: optionalText(1000),
  /** Only while nothing has been paid (workflow.itemsEditable). */
  items: z.array(OrderItemInput).min(1, 'items_required').max(100, 'too_many_items').optional(),
  shippingCents: cents(100_000_000).optional(),
  discountCents: cents().optional(),
});
export type UpdateOrderInput = z.input<typeof UpdateOrderInput>;

export const ChangeOrderStatusInput = z.object({
  orderNo: orderNoField,
  version: versionField,
  to: statusField,
  note: optionalText(500),
  carrier: optionalText(40),
  trackingNo: optionalText(64),
});
export type ChangeOrderStatusInput = z.input<typeof ChangeOrderStatusInput>;

export const BulkChangeStatusInput = z.object({
  orderNos: z.array(orderNoField).min(1, 'required').max(200, 'too_many'),
  to: statusField,
  note: optionalText(500),
});

export const OrderRefInput = z.object({ orderNo: orderNoField, version: versionField.optional() });

export const SEARCH_FIELDS = ['auto', 'orderNo', 'phone', 'tracking', 'sku', 'customer'] as const;
export const ORDER_SORTS = ['placed_desc', 'placed_asc', 'total_desc', 'total_asc'] as const;
export type OrderSort = (typeof ORDER_SORTS)[number];

const dateOnly = dayField()
  .optional()
  .or(z.literal('').transform(() => undefined));
const amountFilter = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const s = v.replace(/[,\s¥￥]/g, '');
    if (!/^\d{1,12}(\.\d{1,2})?$/.test(s)) {
      ctx.addIssue({ code: 'custom', message: 'invalid_amount' });
      return z.NEVER;
    }
    return Math.round(Number(s) * 100);
  });

export const ListOrdersInput = z
  .object({
    q: z.string().trim().max(100, 'too_long').optional().default(''),
    field: z.enum(SEARCH_FIELDS, { message: 'invalid_choice' }).optional().default('auto'),
    status: z
      .union([statusField, z.literal('')])
      .optional()
      .default(''),
    channel: z
      .union([channelField, z.literal('')])
      .optional()
      .default(''),
    from: dateOnly,
    to: dateOnly,
    min: amountFilter,
    max: amountFilter,
    sort: z.enum(ORDER_SORTS, { message: 'invalid_choice' }).optional().default('placed_desc'),
    cursor: CursorParam,
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { path: ['to'], message: 'date_range_inverted' })
  .refine((v) => v.min === undefined || v.max === undefined || v.min <= v.max, {
    path: ['max'],
    message: 'amount_range_inverted',
  });
export type ListOrdersInput = z.input<typeof ListOrdersInput>;
export type OrderFilters = z.output<typeof ListOrdersInput>;

export const ClaimOrderInput = z.object({
  orderNo: orderNoField,
  /** The phone number or e-mail on the order. */
  contact: z.string().trim().min(1, 'required').max(254, 'too_long'),
});

export const SaveViewInput = z.object({
  name: z.string().trim().min(1, 'required').max(40, 'too_long'),
  query: z.record(z.string().max(40), z.string().max(200)),
});
