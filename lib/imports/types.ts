/** Shared shapes of every CSV import (orders, products, customers, reviews). Client-safe. */
export const IMPORT_KINDS = ['orders', 'products', 'customers', 'reviews'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/**
 * A rejected row: its CSV line, the row's own reference (external id, SKU …), the CSV column at
 * fault (empty for the row as a whole) and an error code the report translates for its reader.
 */
export type RejectedRow = {
  line: number;
  externalId: string;
  field: string;
  code: string;
  params?: Record<string, string | number>;
};

export type ImportProgress = { rows: number; imported: number; updated: number; skipped: number; rejected: number };
export type ImportResult = ImportProgress & { jobId: string; report: RejectedRow[] };

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 100_000;
/** Rejected rows kept in the job's report (the counts stay exact beyond it). */
export const MAX_REPORT_ROWS = 10_000;
