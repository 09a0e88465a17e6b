import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { caseMessages, cases } from './cases';
import { users } from './identity';

/**
 * Files attached to a case (its opening request when messageId is null) or to one of its messages.
 * An upload starts unlinked (caseId null) and belongs to its uploader until a case or message
 * claims it; unclaimed uploads are swept by a job. The bytes live in the blob store under
 * `storageKey`; the type is what the content says, never what the name claims.
 */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: bigint('case_id', { mode: 'number' }).references(() => cases.id, { onDelete: 'cascade' }),
    messageId: bigint('message_id', { mode: 'number' }).references(() => caseMessages.id, { onDelete: 'cascade' }),
    uploaderId: uuid('uploader_id')
      .notNull()
      .references(() => users.id),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('attachments_case_idx').on(t.caseId, t.createdAt),
    index('attachments_message_idx').on(t.messageId),
    index('attachments_pending_idx')
      .on(t.createdAt)
      .where(sql`case_id is null`),
  ],
);
