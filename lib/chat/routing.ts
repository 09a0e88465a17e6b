import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { chats, chatSettings } from '@/db/schema';
import { rolesWith } from '@/lib/authz';

/**
 * Routing of live chats (#14). A member's load is the chats they hold plus the one offered to them;
 * their capacity is their own setting, else the lowest of their teams', else the shop's default.
 * A waiting chat is offered to the least-loaded available member under capacity (of its team, when
 * it has one) who has not let it pass; ties go to whoever has waited longest since their last
 * chat, then by id, so offers spread evenly.
 *
 * Every routing decision first locks the settings row: two chats routed at once cannot both take
 * an agent's last free place.
 */
export type ChatSettings = { teamId: string | null; defaultCapacity: number; offerSeconds: number };

export async function lockChatSettings(tx: Tx): Promise<ChatSettings> {
  await tx.insert(chatSettings).values({ id: 1 }).onConflictDoNothing();
  const [row] = await tx
    .select({
      teamId: chatSettings.teamId,
      defaultCapacity: chatSettings.defaultCapacity,
      offerSeconds: chatSettings.offerSeconds,
    })
    .from(chatSettings)
    .where(eq(chatSettings.id, 1))
    .for('update');
  return row!;
}

export type AgentLoad = { userId: string; load: number; capacity: number; available: boolean };

/** Load and capacity of every active member who answers chats (of `teamId`, when given). */
export async function agentLoads(
  db: Queryable,
  settings: ChatSettings,
  opts: { teamId?: string | null; userIds?: string[] } = {},
): Promise<AgentLoad[]> {
  const roles = rolesWith('answer:chat:any');
  const team = opts.teamId ?? null;
  const only = opts.userIds?.length
    ? sql`and u.id in (${sql.join(
        opts.userIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`
    : sql``;
  const rows = rowsOf<{ user_id: string; load: number; capacity: number; available: boolean }>(
    await db.execute(sql`
      select u.id as user_id, u.available,
        coalesce(
          (select capacity from chat_capacities where user_id = u.id),
          (select min(cc.capacity) from chat_capacities cc
             join team_members tm on tm.team_id = cc.team_id where tm.user_id = u.id),
          ${settings.defaultCapacity}
        )::int as capacity,
        (select count(*) from chats c
           where (c.status = 'active' and c.assignee_id = u.id)
              or (c.status = 'waiting' and c.offered_to_id = u.id))::int as load,
        coalesce((select max(c.accepted_at) from chats c where c.assignee_id = u.id), 'epoch') as last_chat
      from users u
      where u.active and u.role::text in (${sql.join(
        roles.map((r) => sql`${r}`),
        sql`, `,
      )})
        ${team ? sql`and exists (select 1 from team_members tm where tm.team_id = ${team}::uuid and tm.user_id = u.id)` : sql``}
        ${only}
      order by last_chat, u.id`),
  );
  return rows.map((r) => ({
    userId: r.user_id,
    load: Number(r.load),
    capacity: Number(r.capacity),
    available: Boolean(r.available),
  }));
}

/** Who should be offered a chat next, or null when every eligible member is full, away or passed. */
export function pickAgent(loads: readonly AgentLoad[], passedBy: readonly string[]): string | null {
  let best: AgentLoad | null = null;
  for (const a of loads) {
    if (!a.available || a.load >= a.capacity || passedBy.includes(a.userId)) continue;
    // `loads` comes longest-idle first, so a strict comparison keeps that order among equals.
    if (!best || a.load < best.load) best = a;
  }
  return best?.userId ?? null;
}

/**
 * Offers a waiting chat to the next member, or leaves it in the queue unoffered (every agent can
 * still take it from there) when nobody is free. Returns whom it was offered to.
 */
export async function offerChat(
  tx: Tx,
  settings: ChatSettings,
  chat: { id: string; teamId: string | null; passedBy: string[] },
): Promise<string | null> {
  const next = pickAgent(await agentLoads(tx, settings, { teamId: chat.teamId }), chat.passedBy);
  await tx
    .update(chats)
    .set({ offeredToId: next, offeredAt: next ? sql`now()` : null, updatedAt: sql`now()` })
    .where(eq(chats.id, chat.id));
  return next;
}
