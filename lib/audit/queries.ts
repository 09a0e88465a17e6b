import 'server-only';
import { and, desc, eq, ilike, inArray, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { auditEvents, users, type FieldChange } from '@/db/schema';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { env } from '@/lib/env';
import { decodeCursor, toPage, type Page } from '@/lib/pagination';
import { parseInput } from '@/lib/validation';
import { ListAuditInput } from './schemas';

export const AUDIT_PAGE_SIZE = 50;

export type AuditEventDto = {
  id: number;
  at: string;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  changes: Record<string, FieldChange> | null;
  ip: string | null;
  requestId: string | null;
};

export async function listAuditEvents({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<Page<AuditEventDto>> {
  authorize(ctx.actor, 'read:audit:any');
  const f = parseInput(ListAuditInput, input);
  const db = await getDb();
  const tz = env().SHOP_TIMEZONE;
  const where: (SQL | undefined)[] = [];
  if (f.action) where.push(eq(auditEvents.action, f.action));
  if (f.entityType) where.push(eq(auditEvents.entityType, f.entityType));
  if (f.entityId) where.push(eq(auditEvents.entityId, f.entityId));
  if (f.actor) where.push(ilike(auditEvents.actorLabel, `${f.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  // Day boundaries are the shop's, not UTC's.
  if (f.from) where.push(sql`${auditEvents.at} >= (${f.from}::date)::timestamp at time zone ${tz}`);
  if (f.to) where.push(sql`${auditEvents.at} < ((${f.to}::date) + 1)::timestamp at time zone ${tz}`);
  const after = decodeCursor(f.cursor, ['string', 'number']);
  if (after) where.push(sql`(${auditEvents.at}, ${auditEvents.id}) < (${after[0]}::timestamptz, ${after[1]}::bigint)`);

  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...where))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(AUDIT_PAGE_SIZE + 1);
  const page = toPage(rows, AUDIT_PAGE_SIZE, (r) => [r.at.toISOString(), r.id]);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorLabel: r.actorLabel,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      changes: r.changes ?? null,
      ip: r.ip,
      requestId: r.requestId,
    })),
  };
}

/**
 * Distinct values of an indexed column by a loose index scan (one index probe per distinct value),
 * so the filter dropdowns stay instant however long the trail grows.
 */
async function distinctValues(column: 'action' | 'entity_type'): Promise<string[]> {
  const db = await getDb();
  const col = sql.identifier(column);
  const result = await db.execute<{ v: string }>(sql`
    with recursive t(v) as (
      (select ${col} from audit_events order by ${col} limit 1)
      union all
      select (select ${col} from audit_events where ${col} > t.v order by ${col} limit 1) from t where t.v is not null
    )
    select v from t where v is not null`);
  return rowsOf<{ v: string }>(result).map((r) => r.v);
}

export async function listAuditFacets({ ctx }: { ctx: Ctx }): Promise<{ actions: string[]; entityTypes: string[] }> {
  authorize(ctx.actor, 'read:audit:any');
  const [actions, entityTypes] = [await distinctValues('action'), await distinctValues('entity_type')];
  return { actions, entityTypes };
}

/** Names of the users a page of audit changes refers to by id (one query; unknown ids are left out). */
export async function auditUserNames({ ctx, ids }: { ctx: Ctx; ids: string[] }): Promise<Map<string, string>> {
  authorize(ctx.actor, 'read:audit:any');
  const valid = ids
    .filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id))
    .slice(0, 500);
  if (!valid.length) return new Map();
  const db = await getDb();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, valid));
  return new Map(rows.map((r) => [r.id, r.name]));
}
