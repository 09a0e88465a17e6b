export const NOTIFICATION_KINDS = ['assigned', 'customer_replied', 'sla_due_soon', 'sla_breached', 'escalated', 'low_csat'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type NotificationDto = { id: number; kind: NotificationKind; caseNo: string | null; createdAt: string; read: boolean };
