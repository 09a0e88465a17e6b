import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { eq, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { chats, customers } from '@/db/schema';
import { can, type Actor } from '@/lib/authz';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '@/lib/errors';

/**
 * Who may see which chat (#14), as one where-clause every chat query ANDs in:
 *  - supervisors (`supervise:chat:any`): every chat;
 *  - agents (`answer:chat:any`): the waiting queue and the chats they hold;
 *  - customers (`use:chat:own`): the chats they started, and those of the customer records they own;
 *  - a visitor of the help center (no account): the one chat whose token their browser holds.
 * Anything else is "not found", indistinguishable from a chat that does not exist.
 */
export type ChatViewer =
  | { kind: 'supervisor'; actor: Actor }
  | { kind: 'agent'; actor: Actor }
  | { kind: 'customer'; actor: Actor }
  | { kind: 'visitor'; tokenHash: string };

export function hashChatToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newChatToken(): string {
  return randomBytes(24).toString('base64url');
}

export function chatViewer(actor: Actor | null, visitorToken?: string | null): ChatViewer {
  if (actor) {
    if (can(actor, 'supervise:chat:any')) return { kind: 'supervisor', actor };
    if (can(actor, 'answer:chat:any')) return { kind: 'agent', actor };
    if (can(actor, 'use:chat:own')) return { kind: 'customer', actor };
    throw new ForbiddenError('use:chat:own');
  }
  if (visitorToken) return { kind: 'visitor', tokenHash: hashChatToken(visitorToken) };
  throw new UnauthenticatedError();
}

export function chatAccessSql(viewer: ChatViewer): SQL {
  switch (viewer.kind) {
    case 'supervisor':
      return sql`true`;
    case 'agent':
      return sql`(${chats.status} = 'waiting' or ${chats.assigneeId} = ${viewer.actor.userId})`;
    case 'customer':
      return sql`(${chats.userId} = ${viewer.actor.userId} or ${chats.customerId} in (select ${customers.id} from ${customers} where ${customers.userId} = ${viewer.actor.userId}))`;
    case 'visitor':
      return sql`(${chats.userId} is null and ${chats.visitorTokenHash} = ${viewer.tokenHash})`;
  }
}

export const isStaff = (v: ChatViewer): v is Extract<ChatViewer, { actor: Actor }> & { kind: 'agent' | 'supervisor' } =>
  v.kind === 'agent' || v.kind === 'supervisor';

/** The chat the viewer may see, locked for the rest of the transaction; else "not found". */
export async function lockVisibleChat(tx: Tx, viewer: ChatViewer, chatId: string) {
  const [row] = await tx
    .select()
    .from(chats)
    .where(sql`${eq(chats.id, chatId)} and ${chatAccessSql(viewer)}`)
    .for('update');
  if (!row) throw new NotFoundError('chat');
  return row;
}

export type ChatRow = Awaited<ReturnType<typeof lockVisibleChat>>;
