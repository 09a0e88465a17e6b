import { z } from 'zod';
import { isShopCurrency } from './currencies';

export const UpdateShopCurrencyInput = z.object({
  currency: z.string().trim().refine(isShopCurrency, 'invalid_currency'),
  version: z.coerce.number({ message: 'invalid' }).int('invalid').min(1, 'invalid'),
});
export type UpdateShopCurrencyInput = z.infer<typeof UpdateShopCurrencyInput>;

export const UpdateCompensationThresholdInput = z.object({
  /** 分; the form converts the amount the admin typed. 0 means every compensation needs approval. */
  compensationApprovalCents: z.coerce
    .number({ message: 'invalid_amount' })
    .int('invalid_amount')
    .min(0, 'invalid_amount')
    .max(10_000_000_000, 'invalid_amount'),
});
