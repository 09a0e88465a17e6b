import 'server-only';
import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { customers, users } from '@/db/schema';
import { env } from '@/lib/env';
import { isLocale, type Locale } from '@/lib/i18n/config';
import { messagesFor } from '@/lib/i18n/server';
import { createTranslator } from '@/lib/i18n/translate';
import { queueEmail } from '@/lib/mail/outbox';
import type { CaseStatus } from './workflow';

export type CaseMailEvent = { kind: 'created' | 'status'; status: CaseStatus } | { kind: 'reply'; status: CaseStatus; body: string };

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Tells the customer what happened to their case, by e-mail in their language. Queued in the
 * caller's transaction and delivered by a job: never blocks or fails the change itself. Customers
 * without an e-mail address are skipped (they follow the case in the portal).
 */
export async function emailCustomerAboutCase(tx: Tx, c: { id: number; caseNo: string; customerId: string }, event: CaseMailEvent): Promise<void> {
  const [who] = await tx
    .select({ name: customers.name, email: customers.email, accountEmail: users.email, locale: users.locale })
    .from(customers)
    .leftJoin(users, eq(users.id, customers.userId))
    .where(eq(customers.id, c.customerId));
  const to = who?.accountEmail ?? who?.email;
  if (!who || !to) return;
  const locale: Locale = isLocale(who.locale) ? who.locale : env().DEFAULT_LOCALE;
  const t = createTranslator(messagesFor(locale));
  const status = t.dynamic(`cases.customerStatus.${event.status}`);
  const link = new URL(`/portal/cases/${c.caseNo}`, env().APP_URL).toString();
  const subject =
    event.kind === 'created'
      ? t('mail.case.createdSubject', { caseNo: c.caseNo })
      : event.kind === 'reply'
        ? t('mail.case.replySubject', { caseNo: c.caseNo })
        : t('mail.case.statusSubject', { caseNo: c.caseNo, status });
  const lead =
    event.kind === 'created' ? t('mail.case.createdLead', { caseNo: c.caseNo }) : event.kind === 'reply' ? t('mail.case.replyLead', { caseNo: c.caseNo }) : t('mail.case.statusLead', { caseNo: c.caseNo });
  const paragraphs = [t('mail.greeting', { name: who.name }), lead, `${t('mail.case.statusLabel')}: ${status}`];
  if (event.kind === 'reply') paragraphs.push(event.body);
  const text = [...paragraphs, `${t('mail.case.follow')}: ${link}`, t('mail.signature')].join('\n\n');
  const html = `<div style="font-family:system-ui,sans-serif;font-size:14px;line-height:1.6;color:#111">${paragraphs
    .map((p) => `<p style="white-space:pre-wrap">${escapeHtml(p)}</p>`)
    .join('')}<p><a href="${escapeHtml(link)}">${escapeHtml(t('mail.case.follow'))}</a></p><p style="color:#666">${escapeHtml(t('mail.signature'))}</p></div>`;
  await queueEmail(tx, { to, subject, text, html, caseId: c.id });
}
