'use server';

import { redirect } from 'next/navigation';
import { signIn } from '@/lib/auth/config';
import { registerCustomer } from '@/lib/auth/mutations';
import { formToObject, runAction, type ActionResult } from '@/lib/actions';

export type RegisterState = ActionResult<{ userId: string; email: string }> & {
  values?: { name: string; email: string };
};

export async function registerAction(_prev: RegisterState | null, form: FormData): Promise<RegisterState> {
  const raw = formToObject(form);
  const result = await runAction((ctx) => registerCustomer({ ctx, input: raw }));
  if (!result.ok) {
    // Give back what was typed (never the passwords) so nothing is lost on an error.
    return {
      ...result,
      values: { name: String(raw.name ?? '').slice(0, 100), email: String(raw.email ?? '').slice(0, 254) },
    };
  }
  await signIn('credentials', { email: result.data.email, password: raw.password, redirect: false });
  redirect('/portal');
}
