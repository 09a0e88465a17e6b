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
] as const;
export const REQUIRED_IMPORT_COLUMNS = ['channel', 'external_id', 'customer_name', 'sku', 'quantity'] as const;

export type CsvRow = Partial<Record<(typeof IMPORT_COLUMNS)[number], string>>;

const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());
/** Amount in yuan → cents; an unparseable amount becomes NaN so validation names the field. */
const amount = (v: string | undefined) => (blank(v) === undefined ? undefined : parseAmount(v!));

/** The rows of one order → the input of `createOrder` (validated there, like any other input). */
export function rowsToOrderInput(rows: CsvRow[]) {
  const first = rows[0]!;
  return {
    channel: blank(first.channel),
    externalId: blank(first.external_id),
    placedAt: blank(first.placed_at),
    status: blank(first.status) ?? 'paid',
    customer: { name: first.customer_name ?? '', phone: blank(first.customer_phone), email: blank(first.customer_email) },
    recipientName: blank(first.recipient_name),
    recipientPhone: blank(first.recipient_phone),
    shippingRegion: blank(first.region),
    shippingAddress: blank(first.address),
    items: rows.map((r) => ({ sku: r.sku ?? '', quantity: blank(r.quantity) ?? '', unitPriceCents: amount(r.unit_price) })),
    shippingCents: amount(first.shipping_fee) ?? 0,
    discountCents: amount(first.discount) ?? 0,
    totalCents: amount(first.total),
    carrier: blank(first.carrier),
    trackingNo: blank(first.tracking_no),
    notes: blank(first.notes),
  };
}

/** Which line of the order a field error such as `items.1.sku` points at (0 for order-level fields). */
export function lineIndexOf(field: string): number {
  const m = /^items\.(\d+)\./.exec(field);
  return m ? Number(m[1]) : 0;
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
