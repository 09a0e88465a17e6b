import { z } from 'zod';

export const emailField = z
  .string()
  .trim()
  .min(1, 'required')
  .max(254, 'too_long')
  .pipe(z.email('invalid_email'))
  .transform((e) => e.toLowerCase());

/** 8–128 characters: long enough to resist guessing, bounded so hashing cannot be abused. */
export const newPasswordField = z.string().min(8, 'password_too_short').max(128, 'too_long');

export const SignInInput = z.object({
  email: emailField,
  password: z.string().min(1, 'required').max(128, 'too_long'),
});
export type SignInInput = z.infer<typeof SignInInput>;

export const nameField = z.string().trim().min(1, 'required').max(100, 'too_long');

export const RegisterInput = z
  .object({
    name: nameField,
    email: emailField,
    password: newPasswordField,
    confirmPassword: z.string().max(128, 'too_long'),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: 'passwords_differ' });
export type RegisterInput = z.infer<typeof RegisterInput>;

export const ChangePasswordInput = z
  .object({
    currentPassword: z.string().min(1, 'required').max(128, 'too_long'),
    newPassword: newPasswordField,
    confirmPassword: z.string().max(128, 'too_long'),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'passwords_differ' })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ['newPassword'], message: 'password_unchanged' });
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

export const SetLocaleInput = z.object({ locale: z.enum(['zh-CN', 'en']) });
