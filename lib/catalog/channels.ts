import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb, type Queryable } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { channels } from '@/db/schema';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { catalogName, type CatalogRecord } from './names';
import { authorizeAny, clearRecordsCache, createRecord, loadRecords, updateRecord, type CatalogKind } from './records';

/**
 * Sales channels (天猫, 京东 …): records since #12. Admins create, rename, reorder and retire
 * them; they are never deleted, because orders, cases and reports keep their code. A retired
 * (inactive) channel still names its old orders everywhere, but is not offered for new orders and
 * an import naming it is refused (lib/orders).
 */
const CHANNEL: CatalogKind = {
  table: channels,
  entityType: 'channel',
  action: 'channel',
  manage: 'manage:channel:any',
};

export type ChannelRow = CatalogRecord;
export type ChannelAdminRow = ChannelRow & { orders: number };

/** Every channel in position order, for forms, filters and names. Cached for a few seconds per process;
 * pages call it without a handle, code inside a transaction passes the transaction (read fresh). */
export function loadChannels(db?: Queryable): Promise<ChannelRow[]> {
  return loadRecords(CHANNEL, db);
}

/** The channel's name in the locale. */
export const channelName = (row: Pick<ChannelRow, 'nameZh' | 'nameEn'>, locale: string): string =>
  catalogName(row, locale);

/** Forget the cached copy (a test that wrote the table itself). */
export const clearChannelsCache = () => clearRecordsCache(CHANNEL);

/**
 * Every channel with the number of orders in it, for staff (agents filter by channel; admins keep
 * the list). The count is the reports' own (rollup_orders_daily, refreshed every minute, deleted
 * orders excluded): counting millions of orders on each visit would be a scan of the biggest table.
 */
export async function listChannels({ ctx }: { ctx: Ctx }): Promise<ChannelAdminRow[]> {
  authorizeAny(ctx.actor, ['read:order:any', 'manage:channel:any']);
  const db = await getDb();
  const [rows, counts] = await Promise.all([
    loadRecords(CHANNEL, db),
    db.execute(sql`select channel, sum(orders)::bigint::text as n from rollup_orders_daily group by channel`),
  ]);
  const byCode = new Map(rowsOf<{ channel: string; n: string }>(counts).map((r) => [r.channel, Number(r.n)]));
  return rows.map((r) => ({ ...r, orders: byCode.get(r.code) ?? 0 }));
}

/** An admin adds a channel: code (immutable, unique → `duplicate_code`), names in both languages, position. */
export async function createChannel({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<ChannelRow> {
  authorize(ctx.actor, 'manage:channel:any');
  return createRecord(CHANNEL, { ctx, input });
}

/** An admin renames, reorders, deactivates or reactivates a channel (optimistic `version`). */
export async function updateChannel({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<ChannelRow> {
  authorize(ctx.actor, 'manage:channel:any');
  return updateRecord(CHANNEL, { ctx, input });
}
