import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { cases, customers, helpSuggestionSessions, orders } from '@/db/schema';
import { transaction } from '@/db/tx';
import { authorize } from '@/lib/authz';
import { caseAccessWhere } from '@/lib/cases/policy';
import { CASE_TYPES } from '@/lib/cases/workflow';
import type { Ctx } from '@/lib/context';
import { NotFoundError } from '@/lib/errors';
import { messagesFor } from '@/lib/i18n/server';
import { createTranslator } from '@/lib/i18n/translate';
import { orderAccessWhere } from '@/lib/orders/policy';
import { CASE_REASONS } from '@/lib/returns/policy-engine';
import { parseInput } from '@/lib/validation';
import { bumpHelpDaily } from './daily';
import { slugsByArticleId } from './public';
import { logSearch, readerCustomerId } from './reader';
import { SuggestInput } from './schemas';
import { searchDocuments } from './search';

/**
 * Deflection on the request form (#13): while a customer describes a problem on
 * /portal/cases/new, the help articles that match what they wrote and the reason and type they
 * chose. A suggestion session remembers which articles were shown, which one was opened (the
 * article page's view beacon) and whether a case was still submitted; a session that never gets
 * a case is a request the help center answered.
 */

/** At most this many articles beside the form: more would bury the form itself. */
export const MAX_SUGGESTIONS = 3;

/** Reason and type must be ones the form offers; anything else is a hand-made request. */
const RequestSuggestInput = SuggestInput.extend({
  reason: z.enum(CASE_REASONS, { message: 'invalid_choice' }).optional(),
  type: z.enum(CASE_TYPES, { message: 'invalid_choice' }).optional(),
});

export type SuggestedArticle = { slug: string; title: string; snippetHtml: string };

export async function suggestArticlesForRequest({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ suggestionId: string | null; articles: SuggestedArticle[] }> {
  const actor = authorize(ctx.actor, 'create:case:own');
  const data = parseInput(RequestSuggestInput, input);
  const db = await getDb();

  // The order the form is about must be the customer's own: someone else's is "not found", and
  // the session belongs to the customer record that owns the order.
  let order: { id: number; customerId: string } | undefined;
  if (data.orderNo) {
    [order] = await db
      .select({ id: orders.id, customerId: orders.customerId })
      .from(orders)
      .where(and(eq(orders.orderNo, data.orderNo.toUpperCase()), orderAccessWhere(actor)))
      .limit(1);
    if (!order) throw new NotFoundError('order');
  }

  // The reason and type labels say what the request is about in the help center's own words, but
  // they match many articles; they go in as context so the customer's own words decide the order.
  const t = createTranslator(messagesFor(data.locale));
  const labels = [data.reason ? t(`cases.reasons.${data.reason}`) : '', data.type ? t(`cases.types.${data.type}`) : '']
    .filter(Boolean)
    .join(' ');
  const text = data.text.replace(/\s+/g, ' ').trim();
  const query = [labels, text].filter(Boolean).join(' ');
  if (!query) return { suggestionId: data.suggestionId ?? null, articles: [] };

  const { hits } = await searchDocuments({
    query: text,
    context: labels,
    source: 'article',
    locale: data.locale,
    limit: MAX_SUGGESTIONS + 2,
  });
  const slugs = await slugsByArticleId(hits.map((h) => h.articleId).filter((id): id is string => !!id));
  const shown = hits
    .filter((h) => h.articleId && slugs.has(h.articleId))
    .slice(0, MAX_SUGGESTIONS)
    .map((h) => ({ id: h.articleId!, slug: slugs.get(h.articleId!)!, title: h.title, snippetHtml: h.snippetHtml }));

  const customerId = order?.customerId ?? (await readerCustomerId(db, ctx));
  const suggestionId = await transaction(async (tx) => {
    await logSearch(tx, ctx, { surface: 'request', locale: data.locale, query, results: shown.length });
    if (!customerId) return null;
    const own = data.suggestionId
      ? (
          await tx
            .select({ id: helpSuggestionSessions.id, articleIds: helpSuggestionSessions.articleIds })
            .from(helpSuggestionSessions)
            .where(and(eq(helpSuggestionSessions.id, data.suggestionId), ownSessionWhere(actor.userId)))
            .for('update')
        )[0]
      : undefined;
    if (!shown.length) return own?.id ?? null;
    if (own) {
      // Every article the form ever showed stays in the list (what the customer may have read),
      // newest first; the order of the request may have been switched meanwhile.
      const ids = [...new Set([...shown.map((a) => a.id), ...own.articleIds])];
      await tx
        .update(helpSuggestionSessions)
        .set({ articleIds: ids, orderId: order?.id ?? null, updatedAt: sql`now()` })
        .where(eq(helpSuggestionSessions.id, own.id));
      return own.id;
    }
    // The first time articles are shown: a session begins and counts as "suggestions shown".
    const [row] = await tx
      .insert(helpSuggestionSessions)
      .values({ customerId, orderId: order?.id ?? null, articleIds: shown.map((a) => a.id) })
      .returning({ id: helpSuggestionSessions.id });
    await bumpHelpDaily(tx, { suggestionsShown: 1 });
    return row!.id;
  });

  return { suggestionId, articles: shown.map(({ slug, title, snippetHtml }) => ({ slug, title, snippetHtml })) };
}

/** Sessions of the customer records the signed-in user owns (never trusting an id sent by the browser). */
function ownSessionWhere(userId: string) {
  return sql`${helpSuggestionSessions.customerId} in (select ${customers.id} from ${customers} where ${eq(customers.userId, userId)})`;
}

const LinkSuggestionInput = z.object({
  suggestionId: z.uuid('not_found'),
  caseNo: z.string({ message: 'required' }).trim().min(1, 'required').max(40, 'too_long'),
});

/**
 * The customer submitted the request after all: the session is linked to the new case (once; a
 * repeated call changes nothing) and counts as "still submitted".
 */
export async function linkSuggestionToCase({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ linked: boolean }> {
  const actor = authorize(ctx.actor, 'create:case:own');
  const data = parseInput(LinkSuggestionInput, input);
  return transaction(async (tx) => {
    const [session] = await tx
      .select({ id: helpSuggestionSessions.id, caseId: helpSuggestionSessions.caseId })
      .from(helpSuggestionSessions)
      .where(and(eq(helpSuggestionSessions.id, data.suggestionId), ownSessionWhere(actor.userId)))
      .for('update');
    if (!session) throw new NotFoundError('suggestion');
    const [found] = await tx
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.caseNo, data.caseNo.toUpperCase()), caseAccessWhere(actor)));
    if (!found) throw new NotFoundError('case');
    if (session.caseId !== null) return { linked: false };
    const updated = await tx
      .update(helpSuggestionSessions)
      .set({ caseId: found.id, updatedAt: sql`now()` })
      .where(and(eq(helpSuggestionSessions.id, session.id), isNull(helpSuggestionSessions.caseId)))
      .returning({ id: helpSuggestionSessions.id });
    if (updated.length) await bumpHelpDaily(tx, { suggestionsSubmitted: 1 });
    return { linked: updated.length > 0 };
  });
}
