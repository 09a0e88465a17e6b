/**
 * What travels on the realtime channel. Deliberately small and free of personal data: a page that
 * receives an event re-reads what it shows through the normal, authorised queries.
 * `customerId` lets the event stream decide, without a query, which portal users may hear of it.
 */
export type RealtimeEvent =
  | { type: 'order'; orderNo: string; status: string; version: number; customerId: string }
  | { type: 'case'; caseNo: string; orderNo: string; status: string; version: number; customerId: string }
  /** Something new in a person's notifications (staff or customer); only that person's streams hear it. */
  | { type: 'notification'; userId: string }
  /**
   * What a person may see changed (signed out, sessions revoked, role changed, a customer record
   * linked): their open streams re-check the session at once and end or re-authorise. Never sent
   * to a browser.
   */
  | { type: 'access'; userId: string }
  /**
   * A live chat changed (#14): a message (its id, so a stream can say which to read), a status, an
   * offer. Agents hear the queue and their own chats, supervisors every chat, a customer their own.
   */
  | {
      type: 'chat';
      chatId: string;
      status: string;
      messageId: number | null;
      /** The customer's account (they hear their own chats) and customer record, if any. */
      userId: string | null;
      customerId: string | null;
      assigneeId: string | null;
      offeredToId: string | null;
    }
  /** Someone is typing in a chat: shown to the other side for a few seconds, never stored. */
  | { type: 'chat_typing'; chatId: string; staff: boolean; name: string | null }
  /** Something the public help pages show changed: each instance's copy of them empties. Never sent to a browser. */
  | { type: 'help' };

export const REALTIME_CHANNEL = 'afterdesk_events';

/** The topics an event belongs to; browsers subscribe to topics. */
export function topicsOf(e: RealtimeEvent): string[] {
  if (e.type === 'access' || e.type === 'help' || e.type === 'chat_typing') return [];
  if (e.type === 'notification') return ['notifications'];
  if (e.type === 'chat') return ['chats', `chat:${e.chatId}`];
  return e.type === 'order' ? ['orders', `order:${e.orderNo}`] : ['cases', `case:${e.caseNo}`, `order:${e.orderNo}`];
}
