import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/**
 * Extensions every embedded database loads, so the migrations' `create extension` and the same SQL
 * run on PGlite as on PostgreSQL: pg_trgm for the help center's typo and part-number search.
 */
export const pgliteExtensions = { pg_trgm };
