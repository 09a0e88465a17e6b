import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { customers } from '@/db/schema';
import { loadActorBySession } from '@/lib/auth/sessions';
import { can, type Actor, type Permission } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { ForbiddenError, UnauthenticatedError } from '@/lib/errors';
import { topicsOf, type RealtimeEvent } from './events';

/**
 * What a browser receives for one event: the topics it belongs to and the little it says. Pages
 * re-read what they show through their own authorised queries, so nothing here needs trusting.
 */
export type LiveEvent = {
  type: 'order' | 'case' | 'notification' | 'chat';
  topics: string[];
  status?: string;
  version?: number;
};

/** Holding any of these is a reason to keep a live stream open. */
const STREAM_PERMISSIONS: readonly Permission[] = [
  'read:order:any',
  'read:case:any',
  'read:order:own',
  'read:case:own',
  'read:notification:own',
  'answer:chat:any',
  'use:chat:own',
];

/** One browser's live stream as the server sees it: who listens, and what each event may tell them. */
export type EventAudience = {
  readonly userId: string;
  /** What this person may hear of an event, or null: decided per event, never per requested topic. */
  admit(e: RealtimeEvent): LiveEvent | null;
  /** The event says this person's access changed: the stream must re-check before it delivers more. */
  affects(e: RealtimeEvent): boolean;
  /**
   * Re-reads the session (and a customer's own records). False when the stream must end: signed
   * out, session revoked or expired, account deactivated, or role changed since the stream opened.
   */
  recheck(): Promise<boolean>;
};

/**
 * Opens the audience of one event stream. `userId` is the person the page was rendered for: a tab
 * left open from an earlier sign-in (someone else now signed in in this browser) is refused rather
 * than handed the new person's events.
 */
export async function openEventAudience({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { userId?: string | null };
}): Promise<EventAudience> {
  const opened = ctx.actor;
  if (!opened) throw new UnauthenticatedError();
  if (!STREAM_PERMISSIONS.some((p) => can(opened, p))) throw new ForbiddenError('read:notification:own');
  if (input.userId && input.userId !== opened.userId) throw new ForbiddenError();
  let actor: Actor = opened;
  let own = await ownCustomerIds(actor);
  return {
    userId: opened.userId,
    admit: (e) => admit(actor, own, e),
    affects: (e) => e.type === 'access' && e.userId === opened.userId,
    async recheck() {
      const now = await loadActorBySession(await getDb(), opened.sessionId);
      if (!now || now.userId !== opened.userId || now.role !== opened.role) return false;
      const nextOwn = await ownCustomerIds(now);
      actor = now;
      own = nextOwn;
      return true;
    },
  };
}

/**
 * The customer records a portal user owns, read once per stream (and again on an access event,
 * e.g. after claiming an order), so deciding an event costs no query. Staff read everything.
 */
async function ownCustomerIds(actor: Actor): Promise<ReadonlySet<string>> {
  if (can(actor, 'read:order:any') && can(actor, 'read:case:any')) return new Set();
  if (!can(actor, 'read:order:own') && !can(actor, 'read:case:own')) return new Set();
  const db = await getDb();
  const rows = await db.select({ id: customers.id }).from(customers).where(eq(customers.userId, actor.userId));
  return new Set(rows.map((r) => r.id));
}

function admit(actor: Actor, own: ReadonlySet<string>, e: RealtimeEvent): LiveEvent | null {
  switch (e.type) {
    case 'notification':
      return e.userId === actor.userId && can(actor, 'read:notification:own')
        ? { type: e.type, topics: topicsOf(e) }
        : null;
    case 'order':
      return can(actor, 'read:order:any') || (can(actor, 'read:order:own') && own.has(e.customerId))
        ? { type: e.type, topics: topicsOf(e), status: e.status, version: e.version }
        : null;
    case 'case':
      return can(actor, 'read:case:any') || (can(actor, 'read:case:own') && own.has(e.customerId))
        ? { type: e.type, topics: topicsOf(e), status: e.status, version: e.version }
        : null;
    case 'chat':
      return hearsChat(actor, own, e) ? { type: e.type, topics: topicsOf(e), status: e.status } : null;
    default:
      // Access events steer the stream itself; they are never forwarded.
      return null;
  }
}

/**
 * Chats on the shared stream (#14), so every desk tab hears a new chat and every portal tab its
 * own: supervisors every chat; agents the queue (a waiting chat) and the chats they hold or are
 * offered; customers their own. Only that something changed travels here: the conversation itself
 * is read through the chat's own stream or the messages route, which check again.
 */
function hearsChat(actor: Actor, own: ReadonlySet<string>, e: Extract<RealtimeEvent, { type: 'chat' }>): boolean {
  if (can(actor, 'supervise:chat:any')) return true;
  if (can(actor, 'answer:chat:any'))
    return e.status === 'waiting' || e.assigneeId === actor.userId || e.offeredToId === actor.userId;
  return can(actor, 'use:chat:own') && (e.userId === actor.userId || (e.customerId !== null && own.has(e.customerId)));
}
