import 'server-only';
import type { Tx } from '@/db/client';
import { env } from '@/lib/env';
import { customerRecipient, renderCustomerMail } from '@/lib/mail/customer';
import { queueEmail } from '@/lib/mail/outbox';
import type { CaseStatus } from './workflow';

export type CaseMailEvent =
  { kind: 'created' | 'status'; status: CaseStatus } | { kind: 'reply'; status: CaseStatus; body: string };

/**
 * Tells the customer what happened to their case, by e-mail in their language. Queued in the
 * caller's transaction and delivered by a job: never blocks or fails the change itself. Customers
 * without an e-mail address are skipped (they follow the case in the portal).
 */
export async function emailCustomerAboutCase(
  tx: Tx,
  c: { id: number; caseNo: string; customerId: string },
  event: CaseMailEvent,
): Promise<void> {
  const r = await customerRecipient(tx, c.customerId);
  if (!r) return;
  const { t } = r;
  const status = t.dynamic(`cases.customerStatus.${event.status}`);
  const subject =
    event.kind === 'created'
      ? t('mail.case.createdSubject', { caseNo: c.caseNo })
      : event.kind === 'reply'
        ? t('mail.case.replySubject', { caseNo: c.caseNo })
        : t('mail.case.statusSubject', { caseNo: c.caseNo, status });
  const lead =
    event.kind === 'created'
      ? t('mail.case.createdLead', { caseNo: c.caseNo })
      : event.kind === 'reply'
        ? t('mail.case.replyLead', { caseNo: c.caseNo })
        : t('mail.case.statusLead', { caseNo: c.caseNo });
  const paragraphs = [lead, `${t('mail.case.statusLabel')}: ${status}`];
  if (event.kind === 'reply') paragraphs.push(event.body);
  const link = new URL(`/portal/cases/${c.caseNo}`, env().APP_URL).toString();
  await queueEmail(tx, {
    to: r.to,
    subject,
    ...renderCustomerMail(r, { paragraphs, link, linkLabel: t('mail.case.follow') }),
    caseId: c.id,
  });
}
