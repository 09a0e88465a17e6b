import { parseCsvTime } from '@/lib/csv-time';
import { parseAmount } from '@/lib/money';

/**
 * The order CSV format (docs/orders-csv.md). One row per order line; the rows of one order share
 * channel + external_id and must be adjacent. Order-level columns are read from the first row.
 */
export const IMPORT_COLUMNS = [
  'channel',
  'external_id',
  'placed_at',
  'status',
  'customer_name',
  'customer_phone',
  'customer_email',
  'recipient_name',
  'recipient_phone',
  'region',
  'address',
  'sku',
  'quantity',
  'unit_price',
  'shipping_fee',
  'discount',
  'total',
  'carrier',
  'tracking_no',
  'notes',
  'currency',
  'paid_at',
  'shipped_at',
  'delivered_at',
  'completed_at',
  'cancelled_at',
  'customer_external_id',
  'product_name',
  'category',
] as const;
export const REQUIRED_IMPORT_COLUMNS = ['channel', 'external_id', 'customer_name', 'sku', 'quantity'] as const;

export type CsvRow = Partial<Record<(typeof IMPORT_COLUMNS)[number], string>>;

const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());
/** Amount in yuan → cents; an unparseable amount becomes NaN so validation names the field. */
const amount = (v: string | undefined) => (blank(v) === undefined ? undefined : parseAmount(v!));

/**
 * The rows of one order → the input of `createOrder` (validated there, like any other input).
 * With the shop's time zone, times without an offset are the shop's wall-clock times (what Chinese
 * platforms export) and `2026/5/1 14:30` is read too; a cell that is no time at all is passed on
 * as written, for validation to refuse with invalid_date.
 */
export function rowsToOrderInput(rows: CsvRow[], tz?: string) {
  const first = rows[0]!;
  const time = (v: string | undefined) => {
    const b = blank(v);
    if (b === undefined || !tz) return b;
    return parseCsvTime(b, tz)?.toISOString() ?? b;
  };
  return {
    channel: blank(first.channel),
    externalId: blank(first.external_id),
    placedAt: time(first.placed_at),
    status: blank(first.status) ?? 'paid',
    customer: {
      name: first.customer_name ?? '',
      phone: blank(first.customer_phone),
      email: blank(first.customer_email),
      externalId: blank(first.customer_external_id),
    },
    recipientName: blank(first.recipient_name),
    recipientPhone: blank(first.recipient_phone),
    shippingRegion: blank(first.region),
    shippingAddress: blank(first.address),
    items: rows.map((r) => ({
      sku: r.sku ?? '',
      quantity: blank(r.quantity) ?? '',
      unitPriceCents: amount(r.unit_price),
    })),
    shippingCents: amount(first.shipping_fee) ?? 0,
    discountCents: amount(first.discount) ?? 0,
    totalCents: amount(first.total),
    carrier: blank(first.carrier),
    trackingNo: blank(first.tracking_no),
    notes: blank(first.notes),
    currency: blank(first.currency),
    paidAt: time(first.paid_at),
    shippedAt: time(first.shipped_at),
    deliveredAt: time(first.delivered_at),
    completedAt: time(first.completed_at),
    cancelledAt: time(first.cancelled_at),
  };
}

/** For "create missing products": what each row says about an SKU the catalogue does not know. */
export function newProductsOf(rows: CsvRow[]): Map<string, { name?: string; category?: string; line: number }> {
  const out = new Map<string, { name?: string; category?: string; line: number }>();
  rows.forEach((r, i) => {
    const sku = blank(r.sku)?.toUpperCase();
    if (sku && !out.has(sku)) out.set(sku, { name: blank(r.product_name), category: blank(r.category), line: i });
  });
  return out;
}

const ORDER_FIELD_COLUMNS: Record<string, string> = {
  channel: 'channel',
  externalId: 'external_id',
  placedAt: 'placed_at',
  status: 'status',
  'customer.name': 'customer_name',
  'customer.phone': 'customer_phone',
  'customer.email': 'customer_email',
  'customer.externalId': 'customer_external_id',
  recipientName: 'recipient_name',
  recipientPhone: 'recipient_phone',
  shippingRegion: 'region',
  shippingAddress: 'address',
  shippingCents: 'shipping_fee',
  discountCents: 'discount',
  totalCents: 'total',
  carrier: 'carrier',
  trackingNo: 'tracking_no',
  notes: 'notes',
  currency: 'currency',
  paidAt: 'paid_at',
  shippedAt: 'shipped_at',
  deliveredAt: 'delivered_at',
  completedAt: 'completed_at',
  cancelledAt: 'cancelled_at',
  items: 'sku',
};
const ITEM_FIELD_COLUMNS: Record<string, string> = {
  sku: 'sku',
  quantity: 'quantity',
  unitPriceCents: 'unit_price',
  productName: 'product_name',
  category: 'category',
};

/**
 * The CSV column (and row of the order) a field error points at: `items.1.sku` is the `sku` column
 * of the order's second row; `customer.name` is `customer_name`. Reports never show input paths.
 */
export function columnOf(path: string): { column: string; offset: number } {
  const m = /^items\.(\d+)\.(\w+)/.exec(path);
  if (m) return { column: ITEM_FIELD_COLUMNS[m[2]!] ?? m[2]!, offset: Number(m[1]) };
  return { column: ORDER_FIELD_COLUMNS[path] ?? path, offset: 0 };
}

/**
 * One CSV cell. Quotes when needed, and defuses spreadsheet formulas: a cell that starts with
 * = + - @ (or a tab / carriage return) is prefixed with ' so Excel shows it instead of running it.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: (string | number | null | undefined)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
