import 'server-only';
import { and, eq } from 'drizzle-orm';
import { savedViews } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import { z } from 'zod';
import { SaveViewInput } from './schemas';

const ORDER_VIEW_KEYS = new Set(['q', 'field', 'status', 'channel', 'from', 'to', 'min', 'max', 'sort']);

/** An agent saves the current order filters under a name (replacing a view of the same name). */
export async function saveOrderView({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ id: string }> {
  const actor = authorize(ctx.actor, 'read:order:any');
  const data = parseInput(SaveViewInput, input);
  const query = Object.fromEntries(Object.entries(data.query).filter(([k, v]) => ORDER_VIEW_KEYS.has(k) && v));
  if (Object.keys(query).length === 0) throw new ValidationError({ name: ['view_empty'] });
  return transaction(async (tx) => {
    const [row] = await tx
      .insert(savedViews)
      .values({ userId: actor.userId, scope: 'orders', name: data.name, query })
      .onConflictDoUpdate({ target: [savedViews.userId, savedViews.scope, savedViews.name], set: { query } })
      .returning({ id: savedViews.id });
    await recordAudit(tx, ctx, {
      action: 'view.save',
      entityType: 'saved_view',
      entityId: row!.id,
      after: { name: data.name, query },
    });
    return row!;
  });
}

export async function deleteOrderView({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  const actor = authorize(ctx.actor, 'read:order:any');
  const { id } = parseInput(z.object({ id: z.uuid('not_found') }), input);
  await transaction(async (tx) => {
    const [row] = await tx
      .delete(savedViews)
      .where(and(eq(savedViews.id, id), eq(savedViews.userId, actor.userId)))
      .returning();
    if (!row) throw new NotFoundError('view');
    await recordAudit(tx, ctx, {
      action: 'view.delete',
      entityType: 'saved_view',
      entityId: id,
      before: { name: row.name },
    });
  });
}
