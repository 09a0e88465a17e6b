import 'server-only';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { cases, customerExternalIds, customerNotes, customers, feedback, orders, surveys } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { AppError, expectVersion, NotFoundError } from '@/lib/errors';
import { publish } from '@/lib/realtime/publish';
import { parseInput } from '@/lib/validation';
import type { MergeCounts } from './dto';
import { AddCustomerNoteInput, MergeCustomersInput, SetCustomerTagsInput } from './schemas';

type CustomerRow = typeof customers.$inferSelect;

async function lockCustomer(tx: Tx, id: string): Promise<CustomerRow> {
  const [row] = await tx.select().from(customers).where(eq(customers.id, id)).for('update');
  if (!row) throw new NotFoundError('customer');
  return row;
}

/** A staff note on the profile (never shown to the customer). Notes are rows of their own: no version. */
export async function addCustomerNote({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ id: number }> {
  const actor = authorize(ctx.actor, 'update:customer:any');
  const data = parseInput(AddCustomerNoteInput, input);
  return transaction(async (tx) => {
    // Share-lock: a merge deleting this customer waits for the note, or the note sees it gone.
    const [c] = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(eq(customers.id, data.customerId))
      .for('share');
    if (!c) throw new NotFoundError('customer');
    const [note] = await tx
      .insert(customerNotes)
      .values({ customerId: c.id, authorId: actor.userId, authorLabel: actor.name, body: data.body })
      .returning({ id: customerNotes.id });
    // The note's text stays on the profile; the audit trail records that one was written.
    await recordAudit(tx, ctx, {
      action: 'customer.note',
      entityType: 'customer',
      entityId: c.id,
      after: { noteId: note!.id, length: data.body.length },
    });
    return { id: note!.id };
  });
}

/**
 * Replaces a customer's tags (≤ 20, each 1–30 characters, trimmed, lower-cased, deduplicated),
 * guarded by the version the editor was loaded with.
 */
export async function setCustomerTags({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ version: number; tags: string[] }> {
  authorize(ctx.actor, 'update:customer:any');
  const data = parseInput(SetCustomerTagsInput, input);
  return transaction(async (tx) => {
    const row = await lockCustomer(tx, data.id);
    expectVersion(row.version, data.version);
    const version = row.version + 1;
    await tx.update(customers).set({ tags: data.tags, version, updatedAt: new Date() }).where(eq(customers.id, row.id));
    await recordAudit(tx, ctx, {
      action: 'customer.tags',
      entityType: 'customer',
      entityId: row.id,
      before: { tags: row.tags },
      after: { tags: data.tags },
    });
    return { version, tags: data.tags };
  });
}

/** The contact fields a merge copies from the source when the target has none; the phone's three columns go together. */
function filledFrom(target: CustomerRow, source: CustomerRow) {
  const patch: Partial<typeof customers.$inferInsert> = {};
  const filled: string[] = [];
  if (!target.phoneEnc && source.phoneEnc) {
    Object.assign(patch, { phoneEnc: source.phoneEnc, phoneHash: source.phoneHash, phoneMasked: source.phoneMasked });
    filled.push('phone');
  }
  if (!target.email && source.email) {
    patch.email = source.email;
    filled.push('email');
  }
  if (!target.region && source.region) {
    patch.region = source.region;
    filled.push('region');
  }
  if (!target.addressEnc && source.addressEnc) {
    patch.addressEnc = source.addressEnc;
    filled.push('address');
  }
  return { patch, filled };
}

/** Moves the source's surveys (open, expired and answered alike) through surveys_customer_idx. */
async function moveSurveys(tx: Tx, sourceId: string, targetId: string): Promise<number> {
  const moved = await tx.execute(
    sql`update ${surveys} set customer_id = ${targetId} where customer_id = ${sourceId} returning 1 as one`,
  );
  return rowsOf(moved).length;
}

/**
 * Merges a duplicate customer (source) into another (target), for supervisors. Every row that
 * references the source moves to the target: orders, cases, feedback, surveys, staff notes and
 * channel ids — these are all the foreign keys to customers.id in db/schema (orders.ts, cases.ts,
 * feedback.ts). Tags are united; the target keeps its contact details, and takes the source's
 * phone, e-mail, region or address only where its own is empty. The portal account moves to the
 * target when only the source has one; two different accounts are refused (the person would lose
 * one of their logins). The source is then deleted. All in one transaction with one audit event.
 *
 * Rollups need no rebuild: none of db/schema/analytics.ts is keyed by customer (they are per day
 * and channel, product, category, team, agent or kind), and moving customer_id fires none of the
 * rollup_mark_dirty triggers. Reports that do group by customer ("repeated cases") read cases
 * directly and see the merged customer at once.
 */
export async function mergeCustomers({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ targetId: string; moved: MergeCounts }> {
  authorize(ctx.actor, 'merge:customer:any');
  const { sourceId, targetId } = parseInput(MergeCustomersInput, input);
  if (sourceId === targetId) throw new AppError('merge_self');
  return transaction(async (tx) => {
    // Both rows locked in id order, so two merges of the same pair (either way round) cannot deadlock.
    const locked = await tx
      .select()
      .from(customers)
      .where(inArray(customers.id, [sourceId, targetId]))
      .orderBy(customers.id)
      .for('update');
    const source = locked.find((c) => c.id === sourceId);
    const target = locked.find((c) => c.id === targetId);
    if (!source || !target) throw new NotFoundError('customer');
    if (source.userId && target.userId && source.userId !== target.userId) throw new AppError('merge_both_accounts');

    const move = async (
      table: typeof orders | typeof cases | typeof feedback | typeof customerNotes | typeof customerExternalIds,
    ) =>
      rowsOf(
        await tx.execute(
          sql`update ${table} set customer_id = ${targetId} where customer_id = ${sourceId} returning 1 as one`,
        ),
      ).length;
    const moved: MergeCounts = {
      orders: await move(orders),
      cases: await move(cases),
      feedback: await move(feedback),
      surveys: await moveSurveys(tx, sourceId, targetId),
      notes: await move(customerNotes),
      // The primary key is (channel, external_id), so a source id can never collide with a target's.
      externalIds: await move(customerExternalIds),
    };

    const tags = [...target.tags, ...source.tags.filter((t) => !target.tags.includes(t))];
    const { patch, filled } = filledFrom(target, source);
    const accountMoved = !target.userId && !!source.userId;
    await tx.delete(customers).where(eq(customers.id, sourceId));
    await tx
      .update(customers)
      .set({
        ...patch,
        tags,
        ...(accountMoved ? { userId: source.userId } : {}),
        version: target.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(customers.id, targetId));
    // The source's portal user now reaches their records through the target: their streams re-check.
    if (source.userId) await publish(tx, { type: 'access', userId: source.userId });
    await recordAudit(tx, ctx, {
      action: 'customer.merge',
      entityType: 'customer',
      entityId: targetId,
      before: { tags: target.tags },
      after: { sourceId, targetId, sourceName: source.name, moved, filled, tags, accountMoved },
    });
    return { targetId, moved };
  });
}
