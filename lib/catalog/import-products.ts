import 'server-only';
import { transaction } from '@/db/tx';
import type { Ctx } from '@/lib/context';
import { ValidationError } from '@/lib/errors';
import type { CsvGroup, CsvRecord } from '@/lib/imports/csv-reader';
import type { ImportInput } from '@/lib/imports/registry';
import { problemsOf, runCsvImport, type ImportSink } from '@/lib/imports/run';
import type { ImportProgress, ImportResult } from '@/lib/imports/types';
import { parseAmount } from '@/lib/money';
import { parseInput } from '@/lib/validation';
import { categoryActivity } from './product-categories-options';
import {
  PRODUCT_CSV_COLUMNS,
  REQUIRED_PRODUCT_COLUMNS,
  resolveProduct,
  sameProduct,
  UpsertProductInput,
  type ProductCsvColumn,
  type UpsertProductData,
} from './product-schemas';
import { categoryErrors, lockProductsBySku, valuesOf, writeProductInTx } from './products';

type Row = CsvRecord<ProductCsvColumn>;
type RejectedProblems = ReturnType<typeof problemsOf>;

/** Each input field's CSV column, so the report names what the user can fix in their file. */
const COLUMN_OF: Record<string, ProductCsvColumn> = {
  sku: 'sku',
  name: 'name',
  nameEn: 'name_en',
  category: 'category',
  priceCents: 'price',
  returnable: 'returnable',
  nonReturnableReason: 'non_returnable_reason',
  warrantyDays: 'warranty_days',
  active: 'active',
};
const columnOf = (path: string) => ({ column: COLUMN_OF[path] ?? '' });

/**
 * The export prefixes a cell that a spreadsheet would run as a formula with `'` (lib/orders/csv.ts);
 * reading such a cell drops the `'` again, so an exported file imports back unchanged.
 */
function undefuse(v: string): string {
  return /^'[=+\-@]/.test(v) ? v.slice(1) : v;
}

/**
 * One CSV row → the input of an upsert. A column the file lacks keeps the stored value. An empty
 * cell keeps it too for price, returnable, warranty_days and active (or takes the default for a
 * new SKU), while for name_en and non_returnable_reason it means "none" — as the export writes them.
 */
export function rowToProductInput(r: Row) {
  const raw = (c: ProductCsvColumn) => (r[c] === undefined ? undefined : undefuse(r[c]!.trim()));
  const given = (c: ProductCsvColumn) => {
    const v = raw(c);
    return v === undefined || v === '' ? undefined : v;
  };
  const price = given('price');
  return {
    sku: raw('sku') ?? '',
    name: raw('name') ?? '',
    nameEn: raw('name_en'),
    category: raw('category') ?? '',
    // Yuan → 分; an unparseable amount is NaN, which validation reports as invalid_amount.
    priceCents: price === undefined ? undefined : parseAmount(price),
    returnable: given('returnable'),
    nonReturnableReason: raw('non_returnable_reason'),
    warrantyDays: given('warranty_days'),
    active: given('active'),
  };
}

/**
 * Products from a CSV file, upserted by SKU (docs/products-csv.md): a new SKU is imported, a known
 * one updated when the row changes it and skipped when it does not, so importing the same file
 * twice changes nothing. A bad row rejects only itself, with the column at fault; a SKU that
 * appears twice in one file is taken from its first row only. Each batch loads its products and
 * categories in one query each and writes in one transaction, each row in its own savepoint.
 */
export async function* importProductsCsv({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: ImportInput;
}): AsyncGenerator<ImportProgress, ImportResult> {
  const seen = new Set<string>();

  const handle = async (batch: CsvGroup<ProductCsvColumn>[], sink: ImportSink) => {
    // First every row on its own (parse, duplicates in the file), then the valid ones against the
    // database; the report stays in line order either way.
    type Entry =
      | { line: number; ref: string; problems: RejectedProblems }
      | { line: number; ref: string; problems: null; data: UpsertProductData };
    const entries: Entry[] = batch.map((g) => {
      const row = g.rows[0]!;
      try {
        const data = parseInput(UpsertProductInput, rowToProductInput(row));
        if (seen.has(data.sku))
          return {
            line: g.line,
            ref: data.sku,
            problems: [{ line: g.line, field: 'sku', code: 'duplicate_sku_in_file' }],
          };
        seen.add(data.sku);
        return { line: g.line, ref: data.sku, problems: null, data };
      } catch (err) {
        return { line: g.line, ref: (row.sku ?? '').trim(), problems: problemsOf(err, g.line, columnOf) };
      }
    });
    const valid = entries.flatMap((e) => (e.problems ? [] : [e.data]));
    if (!valid.length) {
      for (const e of entries) sink.reject(e.problems!, e.ref);
      return;
    }

    await transaction(async (tx) => {
      const stored = await lockProductsBySku(
        tx,
        valid.map((d) => d.sku),
      );
      const activity = await categoryActivity(
        tx,
        valid.flatMap((d) => (d.category ? [d.category] : [])),
      );
      for (const e of entries) {
        if (e.problems) {
          sink.reject(e.problems, e.ref);
          continue;
        }
        const { sku, version: _version, ...patch } = e.data;
        const existing = stored.get(sku) ?? null;
        const resolved = resolveProduct(existing ? valuesOf(existing) : null, patch);
        const errors = { ...resolved.errors };
        if (patch.category && !errors.category)
          Object.assign(errors, categoryErrors(patch.category, existing, activity));
        if (Object.keys(errors).length || !resolved.values) {
          sink.reject(problemsOf(new ValidationError(errors), e.line, columnOf), sku);
          continue;
        }
        if (existing && sameProduct(resolved.values, valuesOf(existing))) {
          sink.skipped();
          continue;
        }
        try {
          // A savepoint per row: a row the database refuses rolls back alone.
          await tx.transaction((sp) => writeProductInTx(sp, ctx, sku, existing, resolved.values));
          if (existing) sink.updated();
          else sink.imported();
        } catch (err) {
          sink.reject(problemsOf(err, e.line, columnOf), sku);
        }
      }
    });
  };

  return yield* runCsvImport(
    ctx,
    {
      kind: 'products',
      permission: 'import:product:any',
      columns: PRODUCT_CSV_COLUMNS,
      required: REQUIRED_PRODUCT_COLUMNS,
      batchSize: 200,
      handle,
    },
    input,
  );
}
