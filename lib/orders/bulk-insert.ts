import { dateTimeFormat } from '@/lib/intl';
import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { customerExternalIds, customers } from '@/db/schema';
import { insertUnnest, type UnnestColumn } from '@/db/unnest-insert';
import type { Ctx } from '@/lib/context';
import { customerPhoneColumns, encryptNullable, phoneHash, phoneHashes, recipientPhoneColumns } from '@/lib/crypto';
import { env } from '@/lib/env';
import { diffChanges } from '@/lib/audit/diff';
import { orderSnapshot } from './mutations';
import { lifecycleStamps } from './order-rules';
import type { Priced } from './pricing';
import type { CreateOrderData } from './schemas';

type OrderRowKey =
  | 'orderNo'
  | 'channel'
  | 'externalId'
  | 'customerId'
  | 'status'
  | 'currency'
  | 'itemsTotalCents'
  | 'shippingCents'
  | 'discountCents'
  | 'totalCents'
  | 'placedAt'
  | 'paidAt'
  | 'shippedAt'
  | 'deliveredAt'
  | 'completedAt'
  | 'cancelledAt'
  | 'carrier'
  | 'trackingNo'
  | 'recipientName'
  | 'recipientPhoneEnc'
  | 'recipientPhoneHash'
  | 'recipientPhoneMasked'
  | 'shippingRegion'
  | 'shippingAddressEnc'
  | 'notes'
  | 'history';
const col = (name: string, type: string) => ({ name, type });
/** The orders columns the bulk path writes (the rest take their defaults), in the order of its rows. */
const ORDER_COLUMNS: (UnnestColumn & { key: OrderRowKey })[] = (
  [
    ['orderNo', 'order_no', 'text'],
    ['channel', 'channel', 'text'],
    ['externalId', 'external_id', 'text'],
    ['customerId', 'customer_id', 'uuid'],
    ['status', 'status', 'order_status'],
    ['currency', 'currency', 'char(3)'],
    ['itemsTotalCents', 'items_total_cents', 'bigint'],
    ['shippingCents', 'shipping_cents', 'bigint'],
    ['discountCents', 'discount_cents', 'bigint'],
    ['totalCents', 'total_cents', 'bigint'],
    ['placedAt', 'placed_at', 'timestamptz'],
    ['paidAt', 'paid_at', 'timestamptz'],
    ['shippedAt', 'shipped_at', 'timestamptz'],
    ['deliveredAt', 'delivered_at', 'timestamptz'],
    ['completedAt', 'completed_at', 'timestamptz'],
    ['cancelledAt', 'cancelled_at', 'timestamptz'],
    ['carrier', 'carrier', 'text'],
    ['trackingNo', 'tracking_no', 'text'],
    ['recipientName', 'recipient_name', 'text'],
    ['recipientPhoneEnc', 'recipient_phone_enc', 'text'],
    ['recipientPhoneHash', 'recipient_phone_hash', 'text'],
    ['recipientPhoneMasked', 'recipient_phone_masked', 'text'],
    ['shippingRegion', 'shipping_region', 'text'],
    ['shippingAddressEnc', 'shipping_address_enc', 'text'],
    ['notes', 'notes', 'text'],
    ['history', 'history', 'boolean'],
  ] as const
).map(([key, name, type]) => ({ key, name, type }));
const CUSTOMER_COLUMNS = [
  col('id', 'uuid'),
  col('name', 'text'),
  col('email', 'text'),
  col('phone_enc', 'text'),
  col('phone_hash', 'text'),
  col('phone_masked', 'text'),
  col('region', 'text'),
  col('address_enc', 'text'),
];
const ITEM_COLUMNS = [
  col('order_id', 'bigint'),
  col('product_id', 'uuid'),
  col('sku', 'text'),
  col('name', 'text'),
  col('quantity', 'integer'),
  col('unit_price_cents', 'bigint'),
  col('line_total_cents', 'bigint'),
];
const EVENT_COLUMNS = [
  col('order_id', 'bigint'),
  col('actor_id', 'uuid'),
  col('actor_label', 'text'),
  col('kind', 'text'),
  col('to_status', 'order_status'),
  col('public', 'boolean'),
];
const AUDIT_COLUMNS = [
  col('actor_id', 'uuid'),
  col('actor_label', 'text'),
  col('action', 'text'),
  col('entity_type', 'text'),
  col('entity_id', 'text'),
  col('changes', 'jsonb'),
  col('ip', 'text'),
  col('request_id', 'text'),
];

/** An order ready to write: validated, priced, and known not to exist yet. */
export type ReadyOrder = { data: CreateOrderData; priced: Priced };

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters for the widest table. */
const CHUNK = 1000;

function chunks<T>(list: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

type CustomerKey = { phone?: string; email?: string; ext?: string };

/**
 * The customer of each order, resolved for the whole batch with one query per key (phone hash,
 * e-mail, channel buyer id) instead of one per order. Orders of the same new buyer within the
 * batch share one new customer record, so a repeat customer is recognised inside a file too.
 */
async function resolveCustomers(tx: Tx, list: ReadyOrder[]): Promise<string[]> {
  const keys: CustomerKey[] = list.map(({ data }) => {
    const phone = data.customer.phone ?? data.recipientPhone;
    return {
      phone: phone ? phoneHash(phone) : undefined,
      email: data.customer.email?.toLowerCase(),
      ext: data.customer.externalId ? `${data.channel}\u0000${data.customer.externalId}` : undefined,
    };
  });
  // Any key's hash while a key rotation is re-encrypting (docs/keys.md).
  const allHashes = [
    ...new Set(
      list.flatMap(({ data }) => {
        const phone = data.customer.phone ?? data.recipientPhone;
        return phone ? phoneHashes(phone) : [];
      }),
    ),
  ];
  const emails = [...new Set(keys.map((k) => k.email).filter((e): e is string => !!e))];
  const exts = list
    .filter(({ data }) => data.customer.externalId)
    .map(({ data }) => ({ channel: data.channel, externalId: data.customer.externalId! }));

  const byPhone = new Map<string, string>();
  const byEmail = new Map<string, string>();
  const byExt = new Map<string, string>();
  if (allHashes.length) {
    for (const hashes of chunks(allHashes)) {
      const hits = await tx
        .select({ id: customers.id, hash: customers.phoneHash })
        .from(customers)
        .where(inArray(customers.phoneHash, hashes));
      for (const h of hits) if (h.hash) byPhone.set(h.hash, h.id);
    }
  }
  if (emails.length) {
    for (const part of chunks(emails)) {
      const hits = await tx
        .select({ id: customers.id, email: customers.email })
        .from(customers)
        .where(inArray(customers.email, part));
      for (const h of hits) if (h.email && !byEmail.has(h.email)) byEmail.set(h.email, h.id);
    }
  }
  if (exts.length) {
    for (const part of chunks(exts, 500)) {
      const hits = await tx
        .select({
          channel: customerExternalIds.channel,
          externalId: customerExternalIds.externalId,
          id: customerExternalIds.customerId,
        })
        .from(customerExternalIds)
        .where(
          or(
            ...part.map((e) =>
              and(eq(customerExternalIds.channel, e.channel), eq(customerExternalIds.externalId, e.externalId)),
            ),
          ),
        );
      for (const h of hits) byExt.set(`${h.channel}\u0000${h.externalId}`, h.id);
    }
  }

  const phoneOf = (data: CreateOrderData) => data.customer.phone ?? data.recipientPhone;
  const created: {
    id: string;
    name: string;
    email: string | null;
    phoneEnc: string | null;
    phoneHash: string | null;
    phoneMasked: string | null;
    region: string | null;
    addressEnc: string | null;
  }[] = [];
  const newExt: { channel: string; externalId: string; customerId: string }[] = [];
  const ids = list.map(({ data }, i) => {
    const k = keys[i]!;
    const phone = phoneOf(data);
    // The same person: the same phone, else the same e-mail, else the same buyer id in the channel.
    let id = phone
      ? phoneHashes(phone)
          .map((h) => byPhone.get(h))
          .find(Boolean)
      : undefined;
    if (!id && k.email) id = byEmail.get(k.email);
    if (!id && k.ext) id = byExt.get(k.ext);
    if (!id) {
      id = randomUUID();
      created.push({
        id,
        name: data.customer.name,
        email: k.email ?? null,
        ...customerPhoneColumns(phone),
        region: data.shippingRegion ?? null,
        addressEnc: encryptNullable(data.shippingAddress),
      });
      if (k.phone) byPhone.set(k.phone, id);
      if (k.email) byEmail.set(k.email, id);
    }
    if (k.ext && !byExt.has(k.ext)) {
      byExt.set(k.ext, id);
      newExt.push({ channel: data.channel, externalId: data.customer.externalId!, customerId: id });
    }
    return id;
  });
  await insertUnnest(
    tx,
    'customers',
    CUSTOMER_COLUMNS,
    created.map((c) => [c.id, c.name, c.email, c.phoneEnc, c.phoneHash, c.phoneMasked, c.region, c.addressEnc]),
  );
  for (const part of chunks(newExt)) await tx.insert(customerExternalIds).values(part).onConflictDoNothing();
  return ids;
}

/** Marks the hours of these times dirty for the rollups (what the triggers would have marked, once). */
async function markRollupHours(tx: Tx, times: (Date | null)[]): Promise<void> {
  const HOUR = 3_600_000;
  // Distinct to the hour here to keep the statement small; truncated in SQL exactly as the triggers do.
  const hours = [...new Set(times.filter((t): t is Date => !!t).map((t) => Math.floor(t.getTime() / HOUR) * HOUR))].map(
    (ms) => new Date(ms).toISOString(),
  );
  for (const part of chunks(hours)) {
    await tx.execute(
      sql`insert into rollup_dirty (at) select distinct date_trunc('hour', t) from unnest(${`{${part.join(',')}}`}::timestamptz[]) t on conflict do nothing`,
    );
  }
}

/** `SO<yyyymmdd><n>` numbers for n orders at once, dated by each order's own shop day. */
async function orderNumbers(tx: Tx, placed: Date[]): Promise<string[]> {
  const seq = rowsOf<{ n: string }>(
    await tx.execute(sql`select nextval('order_no_seq')::text as n from generate_series(1, ${placed.length})`),
  );
  const day = dateTimeFormat('en-CA', {
    timeZone: env().SHOP_TIMEZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return placed.map((at, i) => `SO${day.format(at).replaceAll('-', '')}${seq[i]!.n.padStart(6, '0')}`);
}

/**
 * Writes a batch of validated, priced orders with a handful of INSERT … unnest statements: customers, orders,
 * their lines, one timeline entry and one audit event per order — all inside the caller's
 * transaction, so the batch commits whole or not at all. Used by the history import, where the
 * per-order path (a dozen round trips per order) would take hours for a large shop. History
 * orders are marked so no survey is offered; nothing is announced in real time.
 */
export async function insertOrdersBulk(
  tx: Tx,
  ctx: Ctx,
  list: ReadyOrder[],
  opts: { currency: string; history: boolean },
): Promise<string[]> {
  if (!list.length) return [];
  // The per-row rollup triggers stand aside for this transaction (migration 0024): the hours the
  // batch touches are marked below in one statement instead of two per order line.
  await tx.execute(sql`select set_config('afterdesk.rollups_deferred', 'on', true)`);
  const customerIds = await resolveCustomers(tx, list);
  const placed = list.map(({ data }) => data.placedAt ?? new Date());
  const numbers = await orderNumbers(tx, placed);
  const rows = list.map(({ data, priced }, i) => {
    const recipientPhone = data.recipientPhone ?? data.customer.phone;
    return {
      orderNo: numbers[i]!,
      channel: data.channel,
      externalId: data.externalId ?? null,
      customerId: customerIds[i]!,
      status: data.status,
      currency: opts.currency,
      itemsTotalCents: priced.itemsTotalCents,
      shippingCents: data.shippingCents,
      discountCents: data.discountCents,
      totalCents: priced.totalCents,
      placedAt: placed[i]!,
      ...lifecycleStamps(data, placed[i]!),
      carrier: data.carrier ?? null,
      trackingNo: data.trackingNo ?? null,
      recipientName: data.recipientName ?? data.customer.name,
      ...recipientPhoneColumns(recipientPhone),
      shippingRegion: data.shippingRegion ?? null,
      shippingAddressEnc: encryptNullable(data.shippingAddress),
      notes: data.notes ?? null,
      history: opts.history,
    };
  });
  const idOf = new Map<string, number>();
  for (const part of chunks(rows, 1000)) {
    const inserted = await insertUnnest<{ id: string; order_no: string }>(
      tx,
      'orders',
      ORDER_COLUMNS,
      part.map((r) => ORDER_COLUMNS.map((c) => r[c.key])),
      ['id', 'order_no'],
    );
    for (const r of inserted) idOf.set(r.order_no, Number(r.id));
  }
  const items = list.flatMap(({ priced }, i) =>
    priced.lines.map((l) => [
      idOf.get(numbers[i]!)!,
      l.productId,
      l.sku,
      l.name,
      l.quantity,
      l.unitPriceCents,
      l.lineTotalCents,
    ]),
  );
  for (const part of chunks(items, 2000)) await insertUnnest(tx, 'order_items', ITEM_COLUMNS, part);

  const actorId = ctx.actor?.userId ?? null;
  const label = ctx.actor?.email ?? 'system';
  const events = rows.map((r) => [idOf.get(r.orderNo)!, actorId, label, 'imported', r.status, true]);
  for (const part of chunks(events, 2000)) await insertUnnest(tx, 'order_events', EVENT_COLUMNS, part);
  const audits = rows.map((r, i) => [
    actorId,
    label,
    'order.create',
    'order',
    r.orderNo,
    diffChanges(null, { ...orderSnapshot(r), items: list[i]!.priced.lines.map((l) => `${l.sku}×${l.quantity}`) }),
    ctx.ip,
    ctx.requestId,
  ]);
  for (const part of chunks(audits, 2000)) await insertUnnest(tx, 'audit_events', AUDIT_COLUMNS, part);
  await markRollupHours(
    tx,
    rows.flatMap((r) => [r.placedAt, r.deliveredAt]),
  );
  await tx.execute(sql`select set_config('afterdesk.rollups_deferred', 'off', true)`);
  return numbers;
}
