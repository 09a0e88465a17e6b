import { bigint, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './identity';

/**
 * Facts about this installation that belong with its data rather than its configuration: the
 * fingerprint of the data key the data is encrypted with (checked at every start), the state of a
 * key rotation, the backup schedule. One row per key; values are small JSON documents.
 */
export const instanceMeta = pgTable('instance_meta', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<Record<string, unknown>>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Every backup made and every restore verified, whoever ran it (the scheduled job, `npm run
 * backup`, `npm run backup:verify`). A backup counts only once a verify of it succeeded
 * (DESIGN §10), so the admin page and the overdue alert read `kind = 'verify'` rows too.
 */
export const backupRuns = pgTable(
  'backup_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** 'backup' or 'verify'. */
    kind: text('kind').notNull(),
    /** 'running', 'succeeded' or 'failed'. */
    status: text('status').notNull().default('running'),
    /** 'schedule', 'cli' or 'admin'. */
    trigger: text('trigger').notNull(),
    /** Archive file name (backups) or the archive verified; never a full path with secrets. */
    archive: text('archive'),
    sizeBytes: bigint('size_bytes', { mode: 'number' }),
    /** Total rows and blobs in the archive, and its manifest checksum. */
    rows: bigint('rows', { mode: 'number' }),
    blobs: integer('blobs'),
    manifestSha256: text('manifest_sha256'),
    error: text('error'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('backup_runs_kind_started_idx').on(t.kind, t.startedAt)],
);
