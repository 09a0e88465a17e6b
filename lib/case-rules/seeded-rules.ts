import type { Priority } from '@/lib/cases/priority';
import type { PriorityConditions } from './conditions';

/**
 * The priority rules that were hard-coded in lib/cases/priority.ts before #18, exactly as migration
 * 0027 inserts them (and in this order), so an upgraded database opens cases with the priorities
 * it did before. The tests hold the migration to this list; nothing reads it at run time.
 */
export const SEEDED_PRIORITY_RULES: readonly {
  nameZh: string;
  nameEn: string;
  conditions: PriorityConditions;
  priority: Priority;
}[] = [
  {
    nameZh: '法律或舆论升级风险',
    nameEn: 'Legal or public escalation',
    conditions: { keywords: ['12315', '律师', '起诉', '媒体', '曝光', '投诉到', 'lawyer', 'court', 'journalist'] },
    priority: 'urgent',
  },
  { nameZh: '投诉', nameEn: 'Complaints', conditions: { caseTypes: ['complaint'] }, priority: 'high' },
  {
    nameZh: '客户有多个进行中的售后单',
    nameEn: 'Customer with several open cases',
    conditions: { openCasesMin: 2 },
    priority: 'high',
  },
  {
    nameZh: '高额订单（¥5,000 及以上）',
    nameEn: 'High-value order (¥5,000 and up)',
    conditions: { orderValueMinCents: 500_000 },
    priority: 'high',
  },
  {
    nameZh: '商品破损、错发、漏发或未收到',
    nameEn: 'Goods damaged, wrong, missing or not received',
    conditions: { reasons: ['damaged_in_transit', 'wrong_item', 'missing_item', 'not_received'] },
    priority: 'high',
  },
  { nameZh: '普通咨询', nameEn: 'Plain questions', conditions: { caseTypes: ['inquiry'] }, priority: 'low' },
];

/** What a new case gets when no rule matches, as before #18. */
export const SEEDED_DEFAULT_PRIORITY: Priority = 'normal';
