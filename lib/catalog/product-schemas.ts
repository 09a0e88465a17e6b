import { z } from 'zod';
import type { FieldErrors } from '@/lib/errors';
import { CursorParam } from '@/lib/pagination';
import {
  DEFAULT_WARRANTY_DAYS,
  MAX_PRICE_CENTS,
  MAX_WARRANTY_DAYS,
  NON_RETURNABLE_REASONS,
  PRODUCT_STATUSES,
  type NonReturnableReason,
} from './product-constants';

export * from './product-constants';

/** The product catalogue's inputs and the rules every write shares. Error codes are message keys under `validation.*`. */

/**
 * SKUs are case-insensitive: stored upper-case (the seed's look, `PH-X12-128`), so `ph-x12-128`
 * names the same product and the unique index on `sku` keeps them unique.
 */
export const skuField = z
  .string({ message: 'required' })
  .trim()
  .min(1, 'required')
  .max(64, 'too_long')
  .regex(/^[A-Za-z0-9._-]+$/, 'invalid_sku')
  .transform((s) => s.toUpperCase());

const TRUE = new Set(['true', 'yes', 'y', '1', 'on', '是']);
const FALSE = new Set(['false', 'no', 'n', '0', 'off', '否']);

/** A yes/no from JSON (boolean), a form checkbox (`on`) or a CSV cell (true/false/yes/no/1/0/是/否). */
export const boolField = z
  .union([z.boolean(), z.string(), z.number()], { message: 'invalid_boolean' })
  .transform((v, ctx) => {
    if (typeof v === 'boolean') return v;
    const s = String(v).trim().toLowerCase();
    if (TRUE.has(s)) return true;
    if (FALSE.has(s)) return false;
    ctx.addIssue({ code: 'custom', message: 'invalid_boolean' });
    return z.NEVER;
  });

/** A whole number from JSON or a form/CSV string; a blank string counts as missing. */
const wholeNumber = (message: string, min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v),
    z.number({ message }).int(message).min(min, message).max(max, message),
  );

export const nameField = z.string({ message: 'required' }).trim().min(1, 'required').max(200, 'too_long');
/** Optional English name: blank or null clears it. */
export const nameEnField = z
  .string()
  .trim()
  .max(200, 'too_long')
  .nullable()
  .transform((v) => (v ? v : null));
export const categoryField = z.string({ message: 'required' }).trim().min(1, 'required').max(64, 'too_long');
/** The list price in minor units (分), like every amount of the API. */
export const priceCentsField = wholeNumber('invalid_amount', 0, MAX_PRICE_CENTS);
export const warrantyDaysField = wholeNumber('invalid_warranty', 0, MAX_WARRANTY_DAYS);
/** Blank or null: no reason (a returnable product). */
export const reasonField = z
  .union([z.enum(NON_RETURNABLE_REASONS), z.literal(''), z.null()], { message: 'invalid_choice' })
  .transform((v): NonReturnableReason | null => (v ? v : null));
const versionField = z.coerce.number().int().min(1);

/** The admin form's create: every field of a product. */
export const CreateProductInput = z.object({
  sku: skuField,
  name: nameField,
  nameEn: nameEnField.optional(),
  category: categoryField,
  priceCents: priceCentsField,
  returnable: boolField.default(true),
  nonReturnableReason: reasonField.optional(),
  warrantyDays: warrantyDaysField.default(DEFAULT_WARRANTY_DAYS),
});
export type CreateProductInput = z.input<typeof CreateProductInput>;

/** The admin form's edit: the same fields for the SKU's product, guarded by the version it loaded. */
export const UpdateProductInput = CreateProductInput.extend({ version: versionField });
export type UpdateProductInput = z.input<typeof UpdateProductInput>;

/**
 * The API's and the CSV import's write: the SKU, and whatever the caller says about it. A new SKU
 * needs name, category and price; for a known one an omitted field keeps its value. `version`,
 * when given, must be the product's current version.
 */
export const UpsertProductInput = z.object({
  sku: skuField,
  name: nameField.optional(),
  nameEn: nameEnField.optional(),
  category: categoryField.optional(),
  priceCents: priceCentsField.optional(),
  returnable: boolField.optional(),
  nonReturnableReason: reasonField.optional(),
  warrantyDays: warrantyDaysField.optional(),
  active: boolField.optional(),
  version: versionField.optional(),
});
export type UpsertProductInput = z.input<typeof UpsertProductInput>;
export type UpsertProductData = z.output<typeof UpsertProductInput>;

export const ProductRefInput = z.object({ sku: skuField, version: versionField.optional() });

export const ListProductsInput = z.object({
  q: z.string().trim().max(100, 'too_long').optional().default(''),
  category: z.string().trim().max(64, 'too_long').optional().default(''),
  status: z.enum(PRODUCT_STATUSES, { message: 'invalid_choice' }).optional().default('active'),
  cursor: CursorParam,
});
export type ListProductsInput = z.input<typeof ListProductsInput>;
export type ProductFilters = z.output<typeof ListProductsInput>;

/** Everything a product is, apart from its SKU and bookkeeping. */
export type ProductValues = {
  name: string;
  nameEn: string | null;
  category: string;
  priceCents: number;
  returnable: boolean;
  nonReturnableReason: NonReturnableReason | null;
  warrantyDays: number;
  active: boolean;
};
/** What a write says: `undefined` keeps the stored value (or the default for a new product). */
export type ProductPatch = { [K in keyof ProductValues]?: ProductValues[K] };

/**
 * A product after a write: the stored values (none for a new SKU) overlaid with the patch, checked
 * as a whole. A returnable product has no exclusion reason (one left over from before is dropped,
 * one given explicitly is an error); a non-returnable one needs its reason, which the return
 * policy engine shows the customer. Pure, so the form, the API and the import agree.
 */
export function resolveProduct(
  existing: ProductValues | null,
  patch: ProductPatch,
): { values: ProductValues; errors: null } | { values: null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const name = patch.name ?? existing?.name;
  const category = patch.category ?? existing?.category;
  const priceCents = patch.priceCents ?? existing?.priceCents;
  if (!name) errors.name = ['required'];
  if (!category) errors.category = ['required'];
  if (priceCents === undefined) errors.priceCents = ['required'];
  const returnable = patch.returnable ?? existing?.returnable ?? true;
  let reason =
    patch.nonReturnableReason !== undefined ? patch.nonReturnableReason : (existing?.nonReturnableReason ?? null);
  if (returnable) {
    if (patch.nonReturnableReason) errors.nonReturnableReason = ['reason_not_allowed'];
    reason = null;
  } else if (!reason) {
    errors.nonReturnableReason = ['reason_required'];
  }
  if (Object.keys(errors).length) return { values: null, errors };
  return {
    errors: null,
    values: {
      name: name!,
      nameEn: patch.nameEn !== undefined ? patch.nameEn : (existing?.nameEn ?? null),
      category: category!,
      priceCents: priceCents!,
      returnable,
      nonReturnableReason: reason,
      warrantyDays: patch.warrantyDays ?? existing?.warrantyDays ?? DEFAULT_WARRANTY_DAYS,
      active: patch.active ?? existing?.active ?? true,
    },
  };
}

const KEYS: (keyof ProductValues)[] = [
  'name',
  'nameEn',
  'category',
  'priceCents',
  'returnable',
  'nonReturnableReason',
  'warrantyDays',
  'active',
];

/** True when a write would change nothing (it is then skipped: no new version, no audit entry). */
export function sameProduct(a: ProductValues, b: ProductValues): boolean {
  return KEYS.every((k) => a[k] === b[k]);
}

/** The product CSV (docs/products-csv.md): the import reads and the export writes these columns. */
export const PRODUCT_CSV_COLUMNS = [
  'sku',
  'name',
  'name_en',
  'category',
  'price',
  'returnable',
  'non_returnable_reason',
  'warranty_days',
  'active',
] as const;
export type ProductCsvColumn = (typeof PRODUCT_CSV_COLUMNS)[number];
export const REQUIRED_PRODUCT_COLUMNS = ['sku', 'name', 'category'] as const satisfies readonly ProductCsvColumn[];
