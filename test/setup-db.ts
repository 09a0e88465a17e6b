import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, inject } from 'vitest';
import { closeDb, openPostgres, setDbHandle, type Db } from '@/db/client';
import { pgliteExtensions } from '@/db/pglite-extensions';
import * as schema from '@/db/schema';

/**
 * Each integration test file gets its own database: a fresh PGlite loaded from the migrated
 * template, or a small pool on the shared PostgreSQL test database (tests there create their own
 * uniquely named rows and never assume empty tables).
 */
beforeAll(async () => {
  const url = process.env.DATABASE_URL;
  if (url) {
    setDbHandle(openPostgres(url, { max: 4 }));
    return;
  }
  const blob = new Blob([fs.readFileSync(inject('pgliteTemplate'))]);
  const pg = await PGlite.create({ loadDataDir: blob, extensions: pgliteExtensions });
  setDbHandle({
    db: drizzle(pg, { schema }) as unknown as Db,
    kind: 'pglite',
    raw: pg,
    close: () => pg.close(),
    listen: async (channel, onPayload, onListen) => {
      const unlisten = await pg.listen(channel, onPayload);
      onListen?.();
      return unlisten;
    },
  });
});

afterAll(async () => {
  await closeDb();
});
