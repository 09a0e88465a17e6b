import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, or } from 'drizzle-orm';
import type { Readable } from 'node:stream';
import type { Queryable, Tx } from '@/db/client';
import { getDb } from '@/db/client';
import { orders, productCategories, products } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import type { Ctx } from '@/lib/context';
import { env } from '@/lib/env';
import { ValidationError, type FieldErrors } from '@/lib/errors';
import type { CsvGroup } from '@/lib/imports/csv-reader';
import { scheduleRollupRefresh } from '@/lib/imports/rollups';
import { problemsOf, runCsvImport, type ImportSink, type ImportSpec } from '@/lib/imports/run';
import type { ImportProgress, ImportResult } from '@/lib/imports/types';
import { parseInput } from '@/lib/validation';
import { insertOrdersBulk, type ReadyOrder } from './bulk-insert';
import { columnOf, IMPORT_COLUMNS, newProductsOf, REQUIRED_IMPORT_COLUMNS, rowsToOrderInput } from './csv';
import { insertOrder } from './mutations';
import { confirmCurrency, loadOrderRules, ruleErrors, type OrderRules } from './order-rules';
import { priceWith, productsBySku, type Priced, type PricingProduct } from './pricing';
import { CreateOrderInput, HistoryOrderInput, type CreateOrderData } from './schemas';

export type { ImportProgress, ImportResult, RejectedRow } from '@/lib/imports/types';
export { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '@/lib/imports/types';

type Column = (typeof IMPORT_COLUMNS)[number];
type Group = CsvGroup<Column>;
/** A product the import creates for an SKU the catalogue does not know ("create missing products"). */
type NewProduct = PricingProduct & { category: string };
type Candidate = { group: Group; externalId: string; data: CreateOrderData; creates: NewProduct[]; priced: Priced };

export type OrderImportOptions = {
  /** "These orders already happened": no tracking number needed, lifecycle times from the file, no surveys. */
  history?: boolean;
  /** Create a product for an unknown SKU from the row's product_name, category and unit_price. */
  createProducts?: boolean;
};

/** Orders per batch: set-wise validation and one transaction per batch in history mode. */
const HISTORY_BATCH = 500;
const ORDINARY_BATCH = 50;

/**
 * Imports orders from a CSV stream, reporting progress as it goes (docs/orders-csv.md).
 * Ordinary mode writes each order in its own transaction through the same path as the desk form.
 * History mode validates a batch of orders as a set and writes it with multi-row inserts in one
 * transaction; if that fails (a row the database refuses), the batch is retried one order per
 * transaction so a bad row still rejects only its own order. Either way an order already imported
 * (same channel + external_id) is skipped, so importing the same file twice changes nothing, and
 * the report rollups are recomputed once, by the rollup job the import asks for at its end.
 */
export async function* importOrdersCsv({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { fileName: string; body: AsyncIterable<Uint8Array> | Readable; options?: OrderImportOptions };
}): AsyncGenerator<ImportProgress, ImportResult> {
  const options = { history: !!input.options?.history, createProducts: !!input.options?.createProducts };
  let rules: OrderRules | null = null;
  let categories: Map<string, boolean> | null = null;
  // Products to create, kept across batches: a batch checked while the one before is still being
  // written must give an SKU that batch creates the same product (id) again.
  const created = new Map<string, NewProduct>();
  // History mode overlaps a batch's write with the next batch's checks (the server works while
  // this process parses and validates); writes themselves stay one at a time, in file order.
  let writing: Promise<void> | null = null;
  const spec: ImportSpec<Column> = {
    kind: 'orders',
    permission: 'import:order:any',
    columns: IMPORT_COLUMNS,
    required: REQUIRED_IMPORT_COLUMNS,
    groupKey: (r) => `${r.channel ?? ''}\u0000${r.external_id ?? ''}`,
    batchSize: options.history ? HISTORY_BATCH : ORDINARY_BATCH,
    handle: async (batch, sink) => {
      const db = await getDb();
      rules ??= await loadOrderRules(db);
      categories ??= await loadCategories(db);
      const candidates = await prepareBatch(db, batch, sink, { ...options, rules, categories, created });
      if (!options.history) {
        for (const c of candidates) await writeOne(ctx, c, sink, rules);
        return;
      }
      if (writing) await writing;
      const currency = rules.currency;
      writing = writeHistoryBatch(ctx, candidates, sink, currency);
      // Surfaced by the next await of `writing`; this only keeps it from counting as unhandled.
      writing.catch(() => undefined);
    },
    drain: async () => {
      if (writing) await writing;
    },
    finish: scheduleRollupRefresh,
  };
  return yield* runCsvImport(ctx, spec, { fileName: input.fileName, body: input.body, options });
}

async function loadCategories(db: Queryable): Promise<Map<string, boolean>> {
  const rows = await db
    .select({ code: productCategories.code, active: productCategories.active })
    .from(productCategories);
  return new Map(rows.map((r) => [r.code, r.active]));
}

/**
 * Validates every order of the batch: the input schema, the shop's rules (channel, currency), that
 * it is not already imported, and its prices — with one query for the batch's existing orders and
 * one for its products. Returns the orders that may be written; the others are reported.
 */
async function prepareBatch(
  db: Queryable,
  batch: Group[],
  sink: ImportSink,
  opts: {
    history: boolean;
    createProducts: boolean;
    rules: OrderRules;
    categories: Map<string, boolean>;
    created: Map<string, NewProduct>;
  },
): Promise<Candidate[]> {
  const schema = opts.history ? HistoryOrderInput : CreateOrderInput;
  const parsed: { group: Group; externalId: string; data: CreateOrderData }[] = [];
  for (const group of batch) {
    const externalId = group.rows[0]?.external_id ?? '';
    try {
      const data = parseInput(schema, rowsToOrderInput(group.rows, env().SHOP_TIMEZONE)) as CreateOrderData;
      const errors = ruleErrors(data, opts.rules);
      if (!data.externalId) errors.externalId = ['required'];
      if (Object.keys(errors).length) throw new ValidationError(errors);
      parsed.push({ group, externalId, data });
    } catch (err) {
      sink.reject(problemsOf(err, group.line, columnOf), externalId);
    }
  }

  // Already imported, or a second block of the same order further down the file: skipped.
  const existing = await existingOrderKeys(
    db,
    parsed.map((p) => p.data),
  );
  const seen = new Set<string>();
  const fresh = parsed.filter(({ data }) => {
    const key = `${data.channel}\u0000${data.externalId}`;
    if (existing.has(key) || seen.has(key)) {
      sink.skipped();
      return false;
    }
    seen.add(key);
    return true;
  });

  const bySku = await productsBySku(
    db,
    fresh.flatMap((p) => p.data.items.map((i) => i.sku)),
  );
  const created = opts.created;
  const out: Candidate[] = [];
  for (const p of fresh) {
    const errors: FieldErrors = {};
    const creates = opts.createProducts ? productsToCreate(p, bySku, created, opts.categories, errors) : [];
    const known = creates.length ? new Map([...bySku, ...creates.map((c) => [c.sku, c] as const)]) : bySku;
    const priced = Object.keys(errors).length ? null : priceWith(known, p.data, errors);
    if (!priced) {
      sink.reject(problemsOf(new ValidationError(errors), p.group.line, columnOf), p.externalId);
      continue;
    }
    out.push({ ...p, creates, priced });
  }
  return out;
}

async function existingOrderKeys(db: Queryable, list: CreateOrderData[]): Promise<Set<string>> {
  const keys = new Set<string>();
  for (let i = 0; i < list.length; i += 500) {
    const part = list.slice(i, i + 500);
    if (!part.length) break;
    const rows = await db
      .select({ channel: orders.channel, externalId: orders.externalId })
      .from(orders)
      .where(or(...part.map((d) => and(eq(orders.channel, d.channel), eq(orders.externalId, d.externalId!)))));
    for (const r of rows) keys.add(`${r.channel}\u0000${r.externalId}`);
  }
  return keys;
}

/**
 * The products this order needs created: unknown SKUs that its rows describe with product_name,
 * an active category and a unit_price. Shared across the batch, so two orders of a new SKU use one
 * new product. An SKU that cannot be created stays unknown and is reported by pricing — or here,
 * on the column that is missing.
 */
function productsToCreate(
  p: { group: Group; data: CreateOrderData },
  bySku: Map<string, PricingProduct>,
  created: Map<string, NewProduct>,
  categories: Map<string, boolean>,
  errors: FieldErrors,
): NewProduct[] {
  const described = newProductsOf(p.group.rows);
  const out: NewProduct[] = [];
  p.data.items.forEach((item, i) => {
    if (bySku.has(item.sku)) return;
    const already = created.get(item.sku);
    if (already) {
      if (!out.includes(already)) out.push(already);
      return;
    }
    const about = described.get(item.sku);
    const at = `items.${i}`;
    if (!about?.name) errors[`${at}.productName`] = ['required_for_new_product'];
    else if (about.name.length > 200) errors[`${at}.productName`] = ['too_long'];
    if (!about?.category) errors[`${at}.category`] = ['required_for_new_product'];
    else if (!categories.has(about.category)) errors[`${at}.category`] = ['unknown_category'];
    else if (!categories.get(about.category)) errors[`${at}.category`] = ['inactive_category'];
    if (item.unitPriceCents === undefined) errors[`${at}.unitPriceCents`] = ['required_for_new_product'];
    // The catalogue's own SKU rule (lib/catalog/product-schemas.ts), so the product can be edited there.
    if (!/^[A-Z0-9._-]+$/.test(item.sku)) errors[`${at}.sku`] = ['invalid_sku'];
    if (Object.keys(errors).some((k) => k.startsWith(`${at}.`))) return;
    const product: NewProduct = {
      id: randomUUID(),
      sku: item.sku,
      name: about!.name!,
      category: about!.category!,
      priceCents: item.unitPriceCents!,
      active: true,
    };
    created.set(item.sku, product);
    out.push(product);
  });
  return out;
}

/** Creates the products an order needs (if an earlier order has not already), each audited. */
async function createProducts(tx: Tx, ctx: Ctx, list: NewProduct[], currency: string): Promise<void> {
  if (!list.length) return;
  const inserted = await tx
    .insert(products)
    .values(
      list.map((p) => ({
        id: p.id,
        sku: p.sku,
        name: p.name,
        category: p.category,
        priceCents: p.priceCents,
        currency,
      })),
    )
    .onConflictDoNothing({ target: products.sku })
    .returning({
      sku: products.sku,
      name: products.name,
      category: products.category,
      priceCents: products.priceCents,
    });
  for (const p of inserted) {
    await recordAudit(tx, ctx, {
      action: 'product.create',
      entityType: 'product',
      entityId: p.sku,
      after: { ...p, source: 'order import' },
    });
  }
}

/** Ordinary mode: one order, one transaction, the desk form's own path. */
async function writeOne(ctx: Ctx, c: Candidate, sink: ImportSink, rules: OrderRules): Promise<void> {
  try {
    await transaction(async (tx) => {
      await createProducts(tx, ctx, c.creates, rules.currency);
      await insertOrder(tx, ctx, c.data, 'imported', { rules, externalIdChecked: true });
    });
    sink.imported();
  } catch (err) {
    if (isAlreadyImported(err)) sink.skipped();
    else sink.reject(problemsOf(toReportable(err), c.group.line, columnOf), c.externalId);
  }
}

/** History mode: the whole batch in one transaction; on failure, one order per transaction. */
async function writeHistoryBatch(ctx: Ctx, list: Candidate[], sink: ImportSink, currency: string): Promise<void> {
  if (!list.length) return;
  const ready = (c: Candidate): ReadyOrder => ({ data: c.data, priced: c.priced });
  const write = (part: Candidate[]) =>
    transaction(async (tx) => {
      await confirmCurrency(tx, currency);
      await createProducts(
        tx,
        ctx,
        [...new Map(part.flatMap((c) => c.creates).map((p) => [p.sku, p])).values()],
        currency,
      );
      await insertOrdersBulk(tx, ctx, part.map(ready), { currency, history: true });
    });
  try {
    await write(list);
    sink.imported(list.length);
    return;
  } catch (err) {
    if (!isDataError(err)) throw err;
  }
  for (const c of list) {
    try {
      await write([c]);
      sink.imported();
    } catch (err) {
      if (isAlreadyImported(err)) sink.skipped();
      else if (isDataError(err)) sink.reject(problemsOf(toReportable(err), c.group.line, columnOf), c.externalId);
      else throw err;
    }
  }
}

/** A PostgreSQL error code anywhere in the chain (drizzle wraps the driver's error in `cause`). */
function sqlState(err: unknown): { code?: string; constraint?: string } {
  for (
    let e = err as { code?: unknown; constraint?: unknown; constraint_name?: unknown; cause?: unknown } | undefined,
      i = 0;
    e && i < 5;
    e = e.cause as typeof e, i++
  ) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code))
      return { code: e.code, constraint: String(e.constraint ?? e.constraint_name ?? '') };
  }
  return {};
}

/** The database refused the data (class 22 data exception, 23 integrity violation): a bad row, not an outage. */
function isDataError(err: unknown): boolean {
  if (err instanceof ValidationError) return true;
  const { code } = sqlState(err);
  return !!code && (code.startsWith('22') || code.startsWith('23'));
}

/** Someone imported this order meanwhile (a second import of the same file running alongside). */
function isAlreadyImported(err: unknown): boolean {
  if (err instanceof ValidationError) return err.fieldErrors.externalId?.[0] === 'duplicate_external_id';
  const { code, constraint } = sqlState(err);
  return code === '23505' && constraint === 'orders_channel_external_key';
}

/** A database refusal becomes a report line on the order as a whole; anything else is rethrown by problemsOf. */
function toReportable(err: unknown): unknown {
  if (!isDataError(err) || err instanceof ValidationError) return err;
  return new ValidationError({ '': ['rejected_by_database'] });
}
