import 'server-only';
import { publicUrl } from '@/lib/env/public-url';
import type { Tx } from '@/db/client';
import { customerRecipient, renderCustomerMail } from '@/lib/mail/customer';
import { queueEmail } from '@/lib/mail/outbox';
import type { CaseStatus } from './workflow';

/** How a replacement went out, for the mail that says it shipped (or that its tracking changed). */
export type ShipmentFacts = { carrier: string; trackingNo: string };

export type CaseMailEvent =
  | { kind: 'created'; status: CaseStatus }
  | { kind: 'status'; status: CaseStatus; shipment?: ShipmentFacts }
  | { kind: 'reply'; status: CaseStatus; body: string }
  | { kind: 'shipment'; status: CaseStatus; shipment: ShipmentFacts };

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
        : event.kind === 'shipment'
          ? t('mail.case.shipmentSubject', { caseNo: c.caseNo })
          : t('mail.case.statusSubject', { caseNo: c.caseNo, status });
  const lead =
    event.kind === 'created'
      ? t('mail.case.createdLead', { caseNo: c.caseNo })
      : event.kind === 'reply'
        ? t('mail.case.replyLead', { caseNo: c.caseNo })
        : t('mail.case.statusLead', { caseNo: c.caseNo });
  const paragraphs = [lead, `${t('mail.case.statusLabel')}: ${status}`];
  if (event.kind === 'reply') paragraphs.push(event.body);
  if ((event.kind === 'status' || event.kind === 'shipment') && event.shipment)
    paragraphs.push(t('mail.case.shipment', event.shipment));
  const link = new URL(`/portal/cases/${c.caseNo}`, publicUrl()).toString();
  await queueEmail(tx, {
    to: r.to,
    subject,
    ...renderCustomerMail(r, { paragraphs, link, linkLabel: t('mail.case.follow') }),
    caseId: c.id,
  });
}
