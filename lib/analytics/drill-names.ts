import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { products, teams } from '@/db/schema';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';

/**
 * Names for the ids a drill-down link carries into the case list (product, team), so its filter
 * chips read "Product: Air3 earbuds" rather than a uuid. Ids that match nothing come back undefined.
 */
export async function drillNames({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { productId?: string; teamId?: string };
}): Promise<{ product?: string; team?: string }> {
  authorize(ctx.actor, 'read:case:any');
  const db = await getDb();
  const [product, team] = await Promise.all([
    input.productId
      ? db.select({ name: products.name }).from(products).where(eq(products.id, input.productId)).limit(1)
      : Promise.resolve([]),
    input.teamId
      ? db.select({ name: teams.name }).from(teams).where(eq(teams.id, input.teamId)).limit(1)
      : Promise.resolve([]),
  ]);
  return { product: product[0]?.name, team: team[0]?.name };
}
