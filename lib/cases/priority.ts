import type { CaseReason } from '@/lib/returns/policy-engine';
import type { CaseType } from './workflow';

export type Priority = 'urgent' | 'high' | 'normal' | 'low';

/** Words that mean legal or public escalation is near: such a case jumps the queue. */
const URGENT_WORDS = ['12315', '律师', '起诉', '媒体', '曝光', '投诉到', 'lawyer', 'court', 'journalist'];

/**
 * The priority a new case starts with (agents can change it). Rules, in order: threats of legal or
 * public escalation → urgent; complaints, repeat customers, high-value orders and goods that
 * arrived broken or wrong → high; plain questions → low; everything else normal.
 */
export function initialPriority(input: {
  type: CaseType;
  reason: CaseReason;
  description: string;
  orderTotalCents: number;
  openCasesOfCustomer: number;
}): Priority {
  const text = input.description.toLowerCase();
  if (URGENT_WORDS.some((w) => text.includes(w.toLowerCase()))) return 'urgent';
  if (input.type === 'complaint') return 'high';
  if (input.openCasesOfCustomer >= 2) return 'high';
  if (input.orderTotalCents >= 500_000) return 'high';
  if (['damaged_in_transit', 'wrong_item', 'missing_item', 'not_received'].includes(input.reason)) return 'high';
  if (input.type === 'inquiry') return 'low';
  return 'normal';
}
