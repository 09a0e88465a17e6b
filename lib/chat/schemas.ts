import { z } from 'zod';

/** A chat message's limit (#14): longer text belongs in a case. */
export const CHAT_MESSAGE_MAX = 5000;

const chatId = z.uuid('not_found');

/** Starting a chat: a signed-in customer (name and e-mail from the account) or a visitor. */
export const StartChatInput = z.object({
  /** Visitors only: how the agent greets them and where the transcript goes. */
  name: z.string().trim().max(80, 'too_long').optional().default(''),
  email: z
    .union([z.literal(''), z.email('invalid_email').max(200, 'too_long')])
    .optional()
    .default(''),
  /** Signed-in customers: one of their orders to talk about. */
  orderNo: z.string().trim().max(40, 'too_long').optional().default(''),
  /** What the customer writes first (optional: the launcher may open before a word is typed). */
  body: z.string().trim().max(CHAT_MESSAGE_MAX, 'too_long').optional().default(''),
});
export type StartChatInput = z.input<typeof StartChatInput>;

export const SendChatMessageInput = z.object({
  chatId,
  body: z.string({ message: 'required' }).trim().min(1, 'required').max(CHAT_MESSAGE_MAX, 'too_long'),
  /** The sender's own id for this message: a retried send is stored once. */
  clientId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, 'invalid')
    .optional(),
  /** Staff only: a note to colleagues the customer never sees. */
  internal: z.coerce.boolean().optional().default(false),
});
export type SendChatMessageInput = z.input<typeof SendChatMessageInput>;

export const ChatRefInput = z.object({ chatId });

export const ChatMessagesInput = z.object({
  chatId,
  /** The last message id the reader has (Last-Event-ID on reconnect); 0 for all. */
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional().default(0),
});

export const TransferChatInput = z
  .object({
    chatId,
    toUserId: z.uuid('not_found').optional(),
    toTeamId: z.uuid('not_found').optional(),
  })
  .refine((v) => (v.toUserId ? 1 : 0) + (v.toTeamId ? 1 : 0) === 1, { message: 'one_target', path: ['toUserId'] });
