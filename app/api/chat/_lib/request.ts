import 'server-only';
import { cookies } from 'next/headers';
import type { Ctx } from '@/lib/context';
import { getRequestContext } from '@/lib/context/request';
import { ValidationError } from '@/lib/errors';
import { errorResponse } from '@/lib/http';
import { getLocale, getT } from '@/lib/i18n/server';

/**
 * What every chat route needs (#14): who asks, and for a visitor of the help center the token of
 * their chat. The token lives in an httpOnly cookie scoped to these routes, as `<chat id>.<token>`:
 * one chat per browser, unreadable by scripts, never in an address.
 */
export const CHAT_COOKIE = 'afterdesk-chat';
const DAY = 24 * 60 * 60;

export type ChatRequest = { ctx: Ctx; visitorToken: string | null; locale: string };

export async function chatRequest(chatId?: string): Promise<ChatRequest> {
  const [ctx, jar, locale] = [await getRequestContext(), await cookies(), await getLocale()];
  const [id, token] = (jar.get(CHAT_COOKIE)?.value ?? '').split('.');
  const visitorToken = !ctx.actor && token && (!chatId || id === chatId) ? token : null;
  return { ctx, visitorToken, locale };
}

export async function rememberVisitorChat(chatId: string, token: string): Promise<void> {
  (await cookies()).set(CHAT_COOKIE, `${chatId}.${token}`, {
    path: '/api/chat',
    httpOnly: true,
    sameSite: 'lax',
    secure: process.env.NODE_ENV === 'production' && process.env.APP_URL?.startsWith('https:') === true,
    maxAge: 7 * DAY,
  });
}

/** The request's JSON body, or a 422 for one that is not a JSON object. */
export async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  try {
    const body: unknown = await request.json();
    if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new ValidationError({ body: ['malformed'] });
}

/** A route's answer: the result as JSON, or the failure as a translated JSON error. */
export async function answer<T>(ctx: Ctx | null, run: () => Promise<T>, status = 200): Promise<Response> {
  try {
    const result = await run();
    return Response.json(result ?? { ok: true }, { status, headers: { 'Cache-Control': 'no-store' } });
  } catch (err) {
    return errorResponse(err, { t: await getT(), requestId: ctx?.requestId });
  }
}
