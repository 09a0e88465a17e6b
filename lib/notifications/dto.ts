export const NOTIFICATION_KINDS = [
  'assigned',
  'customer_replied',
  'sla_due_soon',
  'sla_breached',
  'escalated',
  'low_csat',
  'backup_overdue',
  'verify_overdue',
  // Compensations above the shop's threshold (#18): waiting for an approver, and the decision.
  'compensation_pending',
  'compensation_decided',
  // For portal customers, about their own cases.
  'case_status',
  'case_reply',
] as const;

/** What a customer hears about their own case: its status moved, or staff answered (never internal notes). */
export type CustomerNotificationKind = 'case_status' | 'case_reply';

/** Where a notification without a case leads (system alerts to admins). */
export const NOTIFICATION_TARGETS: Partial<Record<NotificationKind, string>> = {
  backup_overdue: '/admin/backups',
  verify_overdue: '/admin/backups',
};
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type NotificationDto = {
  id: number;
  kind: NotificationKind;
  caseNo: string | null;
  /** The case's status now, when the reader may see the case; null otherwise. */
  caseStatus: string | null;
  createdAt: string;
  read: boolean;
};
