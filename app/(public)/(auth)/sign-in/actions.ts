'use server';

import { redirect } from 'next/navigation';
import { signIn } from '@/lib/auth/config';
import { SignInInput } from '@/lib/auth/schemas';
import { formToObject, type ActionResult } from '@/lib/actions';
import { ValidationError } from '@/lib/errors';
import { getT } from '@/lib/i18n/server';
import { logger } from '@/lib/log';
import { parseInput } from '@/lib/validation';
import { safeCallbackUrl } from '../_lib/callback';

export type SignInState = ActionResult & { email?: string };

/**
 * The form is validated here first so a malformed or over-long form gets field errors without
 * touching the database; the credentials check itself is the lib verb behind Auth.js.
 */
export async function signInAction(_prev: SignInState | null, form: FormData): Promise<SignInState> {
  const t = await getT();
  const raw = formToObject(form);
  const email = typeof raw.email === 'string' ? raw.email.slice(0, 254) : '';
  try {
    parseInput(SignInInput, raw);
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    const fieldErrors = Object.fromEntries(
      Object.entries(err.fieldErrors).map(([f, codes]) => [
        f,
        t.dynamic(`validation.${codes[0]}`, undefined, t('validation.invalid')),
      ]),
    );
    return { ok: false, code: 'invalid_input', message: t('errors.invalid_input'), fieldErrors, email };
  }
  try {
    await signIn('credentials', { email: raw.email, password: raw.password, redirect: false });
  } catch (err) {
    const e = err as { type?: string; code?: string };
    if (e?.type === 'CredentialsSignin' && typeof e.code === 'string') {
      const [code, minutes] = e.code.split(':');
      return {
        ok: false,
        code: code ?? 'invalid_credentials',
        message: t.dynamic(`errors.${code}`, { minutes: minutes ?? 15 }, t('errors.invalid_credentials')),
        email,
      };
    }
    logger.error({ err: { name: (err as Error).name, message: (err as Error).message } }, 'sign-in failed');
    return { ok: false, code: 'generic', message: t('errors.generic'), email };
  }
  redirect(safeCallbackUrl(raw.callbackUrl) ?? '/');
}
