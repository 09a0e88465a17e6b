import 'server-only';
import { eq } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { customers, users } from '@/db/schema';
import { env } from '@/lib/env';
import { isLocale, type Locale } from '@/lib/i18n/config';
import { messagesFor } from '@/lib/i18n/server';
import { createTranslator, type Translate } from '@/lib/i18n/translate';

export type CustomerRecipient = { name: string; to: string; locale: Locale; t: Translate };

/**
 * Where and in which language to write to a customer: their account's address and language, else
 * the address on the customer record. Null when there is no address (they use the portal only).
 */
export async function customerRecipient(db: Queryable, customerId: string): Promise<CustomerRecipient | null> {
  const [who] = await db
    .select({ name: customers.name, email: customers.email, accountEmail: users.email, locale: users.locale })
    .from(customers)
    .leftJoin(users, eq(users.id, customers.userId))
    .where(eq(customers.id, customerId));
  const to = who?.accountEmail ?? who?.email;
  if (!who || !to) return null;
  const locale: Locale = isLocale(who.locale) ? who.locale : env().DEFAULT_LOCALE;
  return { name: who.name, to, locale, t: createTranslator(messagesFor(locale)) };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A plain, readable message: paragraphs, one call-to-action link, the signature; as text and HTML. */
export function renderCustomerMail(
  r: CustomerRecipient,
  body: { paragraphs: string[]; link: string; linkLabel: string },
): { text: string; html: string } {
  const paragraphs = [r.t('mail.greeting', { name: r.name }), ...body.paragraphs];
  const text = [...paragraphs, `${body.linkLabel}: ${body.link}`, r.t('mail.signature')].join('\n\n');
  const html = `<div style="font-family:system-ui,sans-serif;font-size:14px;line-height:1.6;color:#111">${paragraphs
    .map((p) => `<p style="white-space:pre-wrap">${escapeHtml(p)}</p>`)
    .join(
      '',
    )}<p><a href="${escapeHtml(body.link)}">${escapeHtml(body.linkLabel)}</a></p><p style="color:#666">${escapeHtml(r.t('mail.signature'))}</p></div>`;
  return { text, html };
}
