import { defineConfig } from 'drizzle-kit';

// Only `generate` is used: migrations are applied by the app at start (db/migrate.ts), on PGlite
// and PostgreSQL alike, so drizzle-kit never needs a live database.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  strict: true,
});
