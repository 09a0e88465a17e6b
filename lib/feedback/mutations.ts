import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { rowsOf } from '@/db/rows';
import {
  customers,
  feedback,
  feedbackCategories,
  feedbackTagLinks,
  feedbackTags,
  orderItems,
  orders,
  users,
} from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import { authorize, rolesWith } from '@/lib/authz';
import { openCaseInTx } from '@/lib/cases/mutations';
import type { Ctx } from '@/lib/context';
import { env } from '@/lib/env';
import { AppError, expectVersion, NotFoundError, ValidationError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import {
  BulkClassifyInput,
  EditOwnFeedbackInput,
  FollowUpInput,
  OpenCaseFromFeedbackInput,
  SubmitFeedbackInput,
  UpdateFeedbackInput,
} from './schemas';
import { insertFeedback, rewriteComment } from './write';

/** The order (the actor's own) and product a customer's feedback is about; both optional. */
async function resolveSubject(tx: Tx, userId: string, data: { orderNo?: string; productId?: string }) {
  let orderId: number | null = null;
  let customerId: string | null = null;
  if (data.orderNo) {
    const [o] = await tx
      .select({ id: orders.id, customerId: orders.customerId })
      .from(orders)
      .innerJoin(customers, eq(customers.id, orders.customerId))
      .where(
        and(
          eq(orders.orderNo, data.orderNo.toUpperCase()),
          eq(customers.userId, userId),
          sql`${orders.deletedAt} is null`,
        ),
      );
    if (!o) throw new ValidationError({ orderNo: ['order_not_yours'] });
    orderId = o.id;
    customerId = o.customerId;
  }
  if (data.productId) {
    // Only products the customer bought (in that order, when one is named) can be chosen.
    const bought = rowsOf<{ ok: number }>(
      await tx.execute(sql`
        select 1 as ok from ${orderItems} oi join ${orders} o on o.id = oi.order_id join ${customers} c on c.id = o.customer_id
        where oi.product_id = ${data.productId} and c.user_id = ${userId} ${orderId ? sql`and o.id = ${orderId}` : sql``} limit 1`),
    );
    if (!bought.length) throw new ValidationError({ productId: ['product_not_bought'] });
  }
  if (!customerId) {
    const [c] = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(eq(customers.userId, userId))
      .orderBy(customers.createdAt)
      .limit(1);
    if (!c) throw new AppError('no_customer_record');
    customerId = c.id;
  }
  return { orderId, customerId, productId: data.productId ?? null };
}

/** A customer's own suggestion, complaint, praise or other remark from the portal. */
export async function submitFeedback({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ id: number }> {
  const actor = authorize(ctx.actor, 'create:feedback:own');
  const data = parseInput(SubmitFeedbackInput, input);
  return transaction(async (tx) => {
    const subject = await resolveSubject(tx, actor.userId, data);
    const created = await insertFeedback(tx, {
      kind: data.kind,
      comment: data.comment,
      authorId: actor.userId,
      ...subject,
    });
    await recordAudit(tx, ctx, {
      action: 'feedback.create',
      entityType: 'feedback',
      entityId: String(created.id),
      after: { kind: data.kind, orderId: subject.orderId },
    });
    return { id: created.id };
  });
}

/** The customer's own free feedback, locked; "not found" for anyone else's. */
async function lockOwnFeedback(tx: Tx, userId: string, id: number) {
  const [row] = await tx
    .select({ fb: feedback })
    .from(feedback)
    .innerJoin(customers, eq(customers.id, feedback.customerId))
    .where(and(eq(feedback.id, id), eq(customers.userId, userId)))
    .for('update', { of: feedback });
  if (!row) throw new NotFoundError('feedback');
  return row.fb;
}

/**
 * A customer edits their free feedback until staff have looked at it (status new); after that it
 * is part of a record others act on. Survey answers are final.
 */
export async function editOwnFeedback({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ version: number }> {
  const actor = authorize(ctx.actor, 'update:feedback:own');
  const data = parseInput(EditOwnFeedbackInput, input);
  return transaction(async (tx) => {
    const row = await lockOwnFeedback(tx, actor.userId, data.id);
    if (row.kind === 'csat' || row.kind === 'nps') throw new AppError('survey_answered');
    // A review is what the customer wrote on the channel: it is kept as imported.
    if (row.kind === 'review') throw new AppError('review_not_editable');
    if (row.status !== 'new') throw new AppError('feedback_locked');
    expectVersion(row.version, data.version);
    const subject = await resolveSubject(tx, actor.userId, data);
    if (data.comment !== row.comment) await rewriteComment(tx, row, data.comment);
    await tx
      .update(feedback)
      .set({
        kind: data.kind,
        orderId: subject.orderId,
        productId: subject.productId,
        version: row.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(feedback.id, row.id));
    await recordAudit(tx, ctx, {
      action: 'feedback.edit',
      entityType: 'feedback',
      entityId: String(row.id),
      before: { kind: row.kind, comment: row.comment, orderId: row.orderId, productId: row.productId },
      after: { kind: data.kind, comment: data.comment, orderId: subject.orderId, productId: subject.productId },
    });
    return { version: row.version + 1 };
  });
}

async function lockFeedback(tx: Tx, id: number) {
  const [row] = await tx.select().from(feedback).where(eq(feedback.id, id)).for('update');
  if (!row) throw new NotFoundError('feedback');
  return row;
}

async function checkLabels(tx: Tx, categoryId: string | null | undefined, tagIds: string[]) {
  if (categoryId) {
    const [c] = await tx
      .select({ id: feedbackCategories.id })
      .from(feedbackCategories)
      .where(eq(feedbackCategories.id, categoryId));
    if (!c) throw new ValidationError({ categoryId: ['invalid_choice'] });
  }
  if (tagIds.length) {
    const found = await tx.select({ id: feedbackTags.id }).from(feedbackTags).where(inArray(feedbackTags.id, tagIds));
    if (found.length !== new Set(tagIds).size) throw new ValidationError({ tagIds: ['invalid_choice'] });
  }
}

async function checkOwner(tx: Tx, ownerId: string | null) {
  if (!ownerId) return;
  const [u] = await tx.select({ role: users.role, active: users.active }).from(users).where(eq(users.id, ownerId));
  if (!u || !u.active || !rolesWith('update:feedback:any').includes(u.role))
    throw new ValidationError({ ownerId: ['invalid_choice'] });
}

async function tagIdsOf(tx: Tx, id: number): Promise<string[]> {
  return (
    await tx.select({ tagId: feedbackTagLinks.tagId }).from(feedbackTagLinks).where(eq(feedbackTagLinks.feedbackId, id))
  )
    .map((r) => r.tagId)
    .sort();
}

/** Staff classify (category, tags) and work the feedback through new → reviewed → actioned with an owner. */
export async function updateFeedback({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ version: number }> {
  authorize(ctx.actor, 'update:feedback:any');
  const data = parseInput(UpdateFeedbackInput, input);
  return transaction(async (tx) => {
    const row = await lockFeedback(tx, data.id);
    expectVersion(row.version, data.version);
    const tagIds = [...new Set(data.tagIds)].sort();
    await checkLabels(tx, data.categoryId, tagIds);
    await checkOwner(tx, data.ownerId);
    const beforeTags = await tagIdsOf(tx, row.id);
    const classified = data.categoryId !== row.categoryId || tagIds.join() !== beforeTags.join();
    await tx
      .update(feedback)
      .set({
        categoryId: data.categoryId,
        status: data.status,
        ownerId: data.ownerId,
        classifiedBy: classified ? 'staff' : row.classifiedBy,
        version: row.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(feedback.id, row.id));
    if (tagIds.join() !== beforeTags.join()) {
      await tx.delete(feedbackTagLinks).where(eq(feedbackTagLinks.feedbackId, row.id));
      if (tagIds.length)
        await tx.insert(feedbackTagLinks).values(tagIds.map((tagId) => ({ feedbackId: row.id, tagId })));
    }
    await recordAudit(tx, ctx, {
      action: 'feedback.update',
      entityType: 'feedback',
      entityId: String(row.id),
      before: { categoryId: row.categoryId, tagIds: beforeTags, status: row.status, ownerId: row.ownerId },
      after: { categoryId: data.categoryId, tagIds, status: data.status, ownerId: data.ownerId },
    });
    return { version: row.version + 1 };
  });
}

/** Classifies many at once from the inbox: a category, one more tag and/or a status. */
export async function bulkClassifyFeedback({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ updated: number }> {
  authorize(ctx.actor, 'update:feedback:any');
  const data = parseInput(BulkClassifyInput, input);
  return transaction(async (tx) => {
    await checkLabels(tx, data.categoryId, data.addTagId ? [data.addTagId] : []);
    const rows = await tx
      .select()
      .from(feedback)
      .where(inArray(feedback.id, [...new Set(data.ids)]))
      .orderBy(feedback.id)
      .for('update');
    const now = new Date();
    for (const row of rows) {
      const patch: Partial<typeof feedback.$inferInsert> = { version: row.version + 1, updatedAt: now };
      if (data.categoryId) Object.assign(patch, { categoryId: data.categoryId, classifiedBy: 'staff' });
      if (data.addTagId) patch.classifiedBy = 'staff';
      if (data.status) patch.status = data.status;
      await tx.update(feedback).set(patch).where(eq(feedback.id, row.id));
      await recordAudit(tx, ctx, {
        action: 'feedback.update',
        entityType: 'feedback',
        entityId: String(row.id),
        before: { categoryId: row.categoryId, status: row.status },
        after: {
          categoryId: data.categoryId ?? row.categoryId,
          status: data.status ?? row.status,
          addTagId: data.addTagId,
        },
      });
    }
    if (data.addTagId && rows.length) {
      await tx
        .insert(feedbackTagLinks)
        .values(rows.map((r) => ({ feedbackId: r.id, tagId: data.addTagId! })))
        .onConflictDoNothing();
    }
    return { updated: rows.length };
  });
}

/**
 * One click from a low score or a complaint to an after-sales case on its order (a complaint
 * case, assigned by the usual routing), linked both ways: the feedback names the case and the
 * case page lists the feedback it came from.
 */
export async function openCaseFromFeedback({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ caseNo: string }> {
  const actor = authorize(ctx.actor, 'update:feedback:any');
  authorize(actor, 'create:case:any');
  const data = parseInput(OpenCaseFromFeedbackInput, input);
  return transaction(async (tx) => {
    const row = await lockFeedback(tx, data.id);
    expectVersion(row.version, data.version);
    if (row.followUpCaseId) throw new AppError('feedback_has_case');
    if (!row.orderId) throw new AppError('feedback_without_order');
    const [order] = await tx.select({ orderNo: orders.orderNo }).from(orders).where(eq(orders.id, row.orderId));
    if (!order) throw new AppError('feedback_without_order');
    const scoreNote =
      row.score === null ? row.kind : `${row.kind.toUpperCase()} ${row.score}/${row.kind === 'nps' ? 10 : 5}`;
    const opened = await openCaseInTx(tx, ctx, {
      orderNo: order.orderNo,
      type: 'complaint',
      reason: 'other',
      description: `[#${row.id} ${scoreNote}] ${row.comment}`.trim().slice(0, 2000),
      items: [],
      overrideReason: `feedback #${row.id}`,
      attachments: [],
    });
    await tx
      .update(feedback)
      .set({
        followUpCaseId: opened.id,
        status: row.status === 'new' ? 'reviewed' : row.status,
        ownerId: row.ownerId ?? actor.userId,
        version: row.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(feedback.id, row.id));
    await recordAudit(tx, ctx, {
      action: 'feedback.open_case',
      entityType: 'feedback',
      entityId: String(row.id),
      after: { caseNo: opened.caseNo },
    });
    return { caseNo: opened.caseNo };
  });
}

/** A follow-up without a case: the actor takes it and will get back to the customer by the date. */
export async function followUpFeedback({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ version: number }> {
  const actor = authorize(ctx.actor, 'update:feedback:any');
  const data = parseInput(FollowUpInput, input);
  return transaction(async (tx) => {
    const row = await lockFeedback(tx, data.id);
    expectVersion(row.version, data.version);
    const [due] = rowsOf<{ at: string; past: boolean }>(
      await tx.execute(
        sql`select ((${data.dueDate}::date + 1)::timestamp at time zone ${env().SHOP_TIMEZONE})::text as at, (${data.dueDate}::date < (now() at time zone ${env().SHOP_TIMEZONE})::date) as past`,
      ),
    );
    if (!due || due.past) throw new ValidationError({ dueDate: ['date_in_past'] });
    const patch = {
      ownerId: actor.userId,
      status: row.status === 'new' ? ('reviewed' as const) : row.status,
      followUpDueAt: new Date(due.at),
      followUpNote: data.note ?? null,
      version: row.version + 1,
      updatedAt: new Date(),
    };
    await tx.update(feedback).set(patch).where(eq(feedback.id, row.id));
    await recordAudit(tx, ctx, {
      action: 'feedback.follow_up',
      entityType: 'feedback',
      entityId: String(row.id),
      before: { ownerId: row.ownerId, status: row.status },
      after: { ownerId: actor.userId, status: patch.status, dueDate: data.dueDate, note: data.note },
    });
    return { version: patch.version };
  });
}
