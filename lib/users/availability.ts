import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { users } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { parseInput } from '@/lib/validation';

export const SetAvailabilityInput = z.object({ available: z.boolean() });

/** An agent marks themself away (or back): automatic assignment skips agents who are away. */
export async function setOwnAvailability({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  const actor = authorize(ctx.actor, 'update:case:any');
  const data = parseInput(SetAvailabilityInput, input);
  await transaction(async (tx) => {
    const [before] = await tx
      .select({ available: users.available })
      .from(users)
      .where(eq(users.id, actor.userId))
      .for('update');
    if (!before || before.available === data.available) return;
    await tx.update(users).set({ available: data.available, updatedAt: new Date() }).where(eq(users.id, actor.userId));
    await recordAudit(tx, ctx, {
      action: 'user.availability',
      entityType: 'user',
      entityId: actor.userId,
      before,
      after: { available: data.available },
    });
  });
}

export async function getOwnAvailability({ ctx }: { ctx: Ctx }): Promise<boolean> {
  const actor = authorize(ctx.actor, 'update:case:any');
  const db = await getDb();
  const [row] = await db.select({ available: users.available }).from(users).where(eq(users.id, actor.userId));
  return row?.available ?? true;
}
