export const NOTIFICATION_KINDS = [
  'assigned',
  'customer_replied',
  'sla_due_soon',
  'sla_breached',
  'escalated',
  'low_csat',
  'backup_overdue',
  'verify_overdue',
] as const;

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
  createdAt: string;
  read: boolean;
};
