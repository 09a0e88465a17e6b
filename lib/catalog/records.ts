import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { getDb, type Queryable } from '@/db/client';
import { channels } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import { type Actor, authorize, type Permission } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { expectVersion, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import type { CatalogRecord } from './names';
import { CreateCatalogRecordInput, UpdateCatalogRecordInput } from './record-schemas';

/**
 * Channels and product categories are the same kind of record (code, two names, active,
 * position, version) kept by admins; this is their shared implementation. channels.ts and
 * categories.ts name the table, the permission and the audit actions.
 */
export type CatalogKind = {
  /** `channels` or `product_categories`: both tables have exactly these columns. */
  table: typeof channels;
  entityType: string;
  /** Audit actions are `<action>.create` and `<action>.update`. */
  action: string;
  manage: Permission;
};

/**
 * How long one process trusts its copy for rendering. Names change rarely and a changed name is
 * harmless for a few seconds on another instance; what must be exact (is this channel active
 * for a new order?) reads inside its transaction, where the copy is never used.
 */
const CACHE_MS = 15_000;
type Cached = { db: Queryable; rows: CatalogRecord[]; at: number };
// On globalThis: Next.js may load this module more than once in a process (see db/client.ts).
const slot = globalThis as typeof globalThis & { __afterdeskCatalog?: Map<string, Cached> };
const cacheOf = () => (slot.__afterdeskCatalog ??= new Map());

/** Every record of the kind, in position order: cached per process, read fresh inside a transaction. */
export async function loadRecords(kind: CatalogKind, given?: Queryable): Promise<CatalogRecord[]> {
  if (given instanceof PgTransaction) return readRecords(kind, given);
  const db = given ?? (await getDb());
  const hit = cacheOf().get(kind.entityType);
  if (hit && hit.db === db && Date.now() - hit.at < CACHE_MS) return hit.rows;
  const rows = await readRecords(kind, db);
  cacheOf().set(kind.entityType, { db, rows, at: Date.now() });
  return rows;
}

export function clearRecordsCache(kind?: CatalogKind): void {
  if (kind) cacheOf().delete(kind.entityType);
  else cacheOf().clear();
}

async function readRecords(kind: CatalogKind, db: Queryable): Promise<CatalogRecord[]> {
  const t = kind.table;
  return db
    .select({
      code: t.code,
      nameZh: t.nameZh,
      nameEn: t.nameEn,
      active: t.active,
      position: t.position,
      version: t.version,
    })
    .from(t)
    .orderBy(asc(t.position), asc(t.code));
}

/** Throws unless the actor holds one of the permissions (the first is named when none is held). */
export function authorizeAny(actor: Actor | null | undefined, permissions: readonly Permission[]): Actor {
  if (!actor) throw new UnauthenticatedError();
  if (!permissions.some((p) => actor.permissions.has(p))) throw new ForbiddenError(permissions[0]);
  return actor;
}

const audited = (r: CatalogRecord) => ({ nameZh: r.nameZh, nameEn: r.nameEn, active: r.active, position: r.position });

export async function createRecord(
  kind: CatalogKind,
  { ctx, input }: { ctx: Ctx; input: unknown },
): Promise<CatalogRecord> {
  authorize(ctx.actor, kind.manage);
  const data = parseInput(CreateCatalogRecordInput, input);
  const t = kind.table;
  try {
    return await transaction(async (tx) => {
      // A new record goes last unless told otherwise; steps of 10 leave room to slot one in between.
      const position =
        data.position ??
        Number((await tx.select({ next: sql<number>`coalesce(max(${t.position}), 0) + 10` }).from(t))[0]?.next ?? 10);
      const [row] = await tx
        .insert(t)
        .values({ code: data.code, nameZh: data.nameZh, nameEn: data.nameEn, active: data.active, position })
        .onConflictDoNothing()
        .returning();
      if (!row) throw new ValidationError({ code: ['duplicate_code'] });
      const created: CatalogRecord = {
        code: row.code,
        nameZh: row.nameZh,
        nameEn: row.nameEn,
        active: row.active,
        position: row.position,
        version: row.version,
      };
      await recordAudit(tx, ctx, {
        action: `${kind.action}.create`,
        entityType: kind.entityType,
        entityId: row.code,
        after: audited(created),
      });
      return created;
    });
  } finally {
    clearRecordsCache(kind);
  }
}

/**
 * Renames, reorders, deactivates or reactivates a record; its code never changes (orders, cases,
 * rollups, return policies and other systems carry it). A deactivated record keeps everything
 * that points at it; it is only no longer offered for new orders, imports and products.
 */
export async function updateRecord(
  kind: CatalogKind,
  { ctx, input }: { ctx: Ctx; input: unknown },
): Promise<CatalogRecord> {
  authorize(ctx.actor, kind.manage);
  const data = parseInput(UpdateCatalogRecordInput, input);
  const t = kind.table;
  try {
    return await transaction(async (tx) => {
      const [row] = await tx.select().from(t).where(eq(t.code, data.code)).for('update');
      if (!row) throw new NotFoundError(kind.entityType);
      expectVersion(row.version, data.version);
      const next: CatalogRecord = {
        code: row.code,
        nameZh: data.nameZh ?? row.nameZh,
        nameEn: data.nameEn ?? row.nameEn,
        active: data.active ?? row.active,
        position: data.position ?? row.position,
        version: row.version + 1,
      };
      await tx
        .update(t)
        .set({
          nameZh: next.nameZh,
          nameEn: next.nameEn,
          active: next.active,
          position: next.position,
          version: next.version,
          updatedAt: new Date(),
        })
        .where(eq(t.code, row.code));
      await recordAudit(tx, ctx, {
        action: `${kind.action}.update`,
        entityType: kind.entityType,
        entityId: row.code,
        before: audited({ ...row }),
        after: audited(next),
      });
      return next;
    });
  } finally {
    clearRecordsCache(kind);
  }
}
