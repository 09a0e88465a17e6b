import { z } from 'zod';
import { isShopCurrency } from './currencies';

export const UpdateShopCurrencyInput = z.object({
  currency: z.string().trim().refine(isShopCurrency, 'invalid_currency'),
  version: z.coerce.number({ message: 'invalid' }).int('invalid').min(1, 'invalid'),
});
export type UpdateShopCurrencyInput = z.infer<typeof UpdateShopCurrencyInput>;
