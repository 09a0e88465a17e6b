import { z } from 'zod';
import { CursorParam } from '@/lib/pagination';
import { dayField } from '@/lib/validation';

const dateField = dayField()
  .optional()
  .or(z.literal('').transform(() => undefined));

export const ListAuditInput = z
  .object({
    action: z.string().trim().max(60, 'too_long').optional().default(''),
    entityType: z.string().trim().max(40, 'too_long').optional().default(''),
    entityId: z.string().trim().max(100, 'too_long').optional().default(''),
    actor: z.string().trim().max(254, 'too_long').optional().default(''),
    from: dateField,
    to: dateField,
    cursor: CursorParam,
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { path: ['to'], message: 'date_range_inverted' });
export type ListAuditInput = z.input<typeof ListAuditInput>;
