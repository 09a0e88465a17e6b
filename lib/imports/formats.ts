import 'server-only';
import { PRODUCT_CSV_COLUMNS, REQUIRED_PRODUCT_COLUMNS } from '@/lib/catalog/product-schemas';
import { CUSTOMER_COLUMNS, REQUIRED_CUSTOMER_COLUMNS } from '@/lib/customers/import-customers';
import { REQUIRED_REVIEW_COLUMNS, REVIEW_COLUMNS } from '@/lib/feedback/import-reviews';
import { IMPORT_COLUMNS, REQUIRED_IMPORT_COLUMNS } from '@/lib/orders/csv';
import type { ImportKind } from './types';

/** Each file's columns (docs/<kind>-csv.md), for the upload page's column reference. */
export const IMPORT_FORMATS: Record<ImportKind, { columns: readonly string[]; required: readonly string[] }> = {
  products: { columns: PRODUCT_CSV_COLUMNS, required: REQUIRED_PRODUCT_COLUMNS },
  customers: { columns: CUSTOMER_COLUMNS, required: REQUIRED_CUSTOMER_COLUMNS },
  orders: { columns: IMPORT_COLUMNS, required: REQUIRED_IMPORT_COLUMNS },
  reviews: { columns: REVIEW_COLUMNS, required: REQUIRED_REVIEW_COLUMNS },
};
