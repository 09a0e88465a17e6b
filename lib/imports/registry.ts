import 'server-only';
import type { Readable } from 'node:stream';
import type { Ctx } from '@/lib/context';
import { importCustomersCsv } from '@/lib/customers/import-customers';
import { importReviewsCsv } from '@/lib/feedback/import-reviews';
import { importProductsCsv } from '@/lib/catalog/import-products';
import { importOrdersCsv } from '@/lib/orders/import';
import type { ImportKind, ImportProgress, ImportResult } from './types';

export type ImportInput = {
  fileName: string;
  body: AsyncIterable<Uint8Array> | Readable;
  options: Record<string, boolean>;
};
export type Importer = (args: { ctx: Ctx; input: ImportInput }) => AsyncGenerator<ImportProgress, ImportResult>;

/** Every CSV import the upload route (`POST /api/imports/<kind>`) can run. */
export const IMPORTERS: Partial<Record<ImportKind, Importer>> = {
  orders: importOrdersCsv,
  products: importProductsCsv,
  customers: importCustomersCsv,
  reviews: importReviewsCsv,
};

/** The options each kind reads from the upload form (checkboxes; anything else is ignored). */
export const IMPORT_OPTIONS: Record<ImportKind, readonly string[]> = {
  orders: ['history', 'createProducts'],
  products: [],
  customers: [],
  reviews: [],
};
