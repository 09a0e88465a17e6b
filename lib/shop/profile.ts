import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { shopSettings } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { announceHelpChange } from '@/lib/help/page-cache-feed';
import { parseInput } from '@/lib/validation';

/**
 * How the shop presents itself to shoppers on its public pages (surveys, later the help center):
 * its own name, never the vendor's. Kept apart from the currency settings, which guard order writes.
 */
export type ShopProfile = { name: string };

export const SHOP_NAME_MAX = 60;
export const UpdateShopNameInput = z.object({
  name: z
    .string()
    .trim()
    .max(SHOP_NAME_MAX, 'too_long')
    .refine((v) => !/[<>\u0000-\u001f]/.test(v), 'invalid'),
});

export async function getShopProfile(): Promise<ShopProfile> {
  const db = await getDb();
  const [row] = await db.select({ name: shopSettings.name }).from(shopSettings).where(eq(shopSettings.id, 1));
  return { name: row?.name ?? '' };
}

/** An admin names the shop (empty: public pages say "After-sales service" instead). Audited. */
export async function updateShopName({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<ShopProfile> {
  authorize(ctx.actor, 'manage:shop:any');
  const { name } = parseInput(UpdateShopNameInput, input);
  return transaction(async (tx) => {
    await tx.insert(shopSettings).values({ id: 1 }).onConflictDoNothing();
    const [row] = await tx
      .select({ name: shopSettings.name })
      .from(shopSettings)
      .where(eq(shopSettings.id, 1))
      .for('update');
    if (row?.name === name) return { name };
    await tx.update(shopSettings).set({ name, updatedAt: new Date() }).where(eq(shopSettings.id, 1));
    // The help center's pages name the shop.
    await announceHelpChange(tx);
    await recordAudit(tx, ctx, {
      action: 'shop.name',
      entityType: 'shop_settings',
      entityId: '1',
      before: { name: row?.name ?? '' },
      after: { name },
    });
    return { name };
  });
}
