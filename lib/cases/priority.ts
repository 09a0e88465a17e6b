/**
 * Case priorities. Which one a new case starts with is decided by the admins' priority rules
 * (lib/case-rules, #18); agents can change it on the case.
 */

/** Most urgent first: the order queues sort by and forms list them in. */
export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];
