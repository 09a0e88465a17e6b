import 'server-only';
import { inArray, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { customers } from '@/db/schema';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { NotFoundError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import type { MergeCounts, MergePreviewDto, MergeSideDto } from './dto';
import { maskEmail } from './mask';
import { MergeCustomersInput } from './schemas';

type CountRow = {
  id: string;
  orders: number;
  cases: number;
  feedback: number;
  surveys: number;
  notes: number;
  external_ids: number;
};

/**
 * Both customers of a merge side by side with what each holds (what would move), and whether
 * `mergeCustomers` would refuse — so the dialog can explain before anyone confirms. Reads only.
 */
export async function previewCustomerMerge({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<MergePreviewDto> {
  authorize(ctx.actor, 'merge:customer:any');
  const { sourceId, targetId } = parseInput(MergeCustomersInput, input);
  const db = await getDb();
  const ids = [...new Set([sourceId, targetId])];
  const [rows, counts] = await Promise.all([
    db.select().from(customers).where(inArray(customers.id, ids)),
    db.execute(sql`
      select c.id,
        (select count(*) from orders where customer_id = c.id)::int as orders,
        (select count(*) from cases where customer_id = c.id)::int as cases,
        (select count(*) from feedback where customer_id = c.id)::int as feedback,
        -- Open surveys by their index, answered ones by their answers (as mergeCustomers moves them).
        ((select count(*) from surveys where customer_id = c.id and answered_at is null)
          + (select count(*) from feedback where customer_id = c.id and survey_id is not null))::int as surveys,
        (select count(*) from customer_notes where customer_id = c.id)::int as notes,
        (select count(*) from customer_external_ids where customer_id = c.id)::int as external_ids
      from customers c where c.id in (${sql.join(
        ids.map((i) => sql`${i}::uuid`),
        sql`, `,
      )})`),
  ]);
  const byId = new Map(rowsOf<CountRow>(counts).map((r) => [r.id, r]));
  const side = (id: string): MergeSideDto => {
    const c = rows.find((r) => r.id === id);
    if (!c) throw new NotFoundError('customer');
    const n = byId.get(id);
    const count: MergeCounts = {
      orders: Number(n?.orders ?? 0),
      cases: Number(n?.cases ?? 0),
      feedback: Number(n?.feedback ?? 0),
      surveys: Number(n?.surveys ?? 0),
      notes: Number(n?.notes ?? 0),
      externalIds: Number(n?.external_ids ?? 0),
    };
    return {
      id: c.id,
      name: c.name,
      phoneMasked: c.phoneMasked,
      emailMasked: maskEmail(c.email),
      region: c.region,
      tags: c.tags,
      hasAccount: !!c.userId,
      createdAt: c.createdAt.toISOString(),
      counts: count,
    };
  };
  const source = side(sourceId);
  const target = side(targetId);
  const s = rows.find((r) => r.id === sourceId)!;
  const t = rows.find((r) => r.id === targetId)!;
  const blocked =
    sourceId === targetId ? 'merge_self' : s.userId && t.userId && s.userId !== t.userId ? 'merge_both_accounts' : null;
  return { source, target, blocked };
}
