'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { signOut } from '@/lib/auth/config';
import { changePassword, endSession, setPreferredLocale } from '@/lib/auth/mutations';
import { formToObject, runAction, type ActionResult } from '@/lib/actions';
import { getRequestContext } from '@/lib/context/request';
import { isLocale, LOCALE_COOKIE } from '@/lib/i18n/config';
import { listNotifications, markNotificationsRead } from '@/lib/notifications';
import { getT } from '@/lib/i18n/server';
import { isTheme, THEME_COOKIE } from '@/lib/theme';

const YEAR = 60 * 60 * 24 * 365;

/** Remembers the language in a cookie (for everyone) and on the account (when signed in). */
export async function setLocaleAction(locale: string): Promise<ActionResult> {
  if (!isLocale(locale)) return { ok: false, code: 'invalid_input', message: 'Unsupported language' };
  (await cookies()).set(LOCALE_COOKIE, locale, { path: '/', maxAge: YEAR, sameSite: 'lax', httpOnly: false });
  return runAction(async (ctx) => {
    await setPreferredLocale({ ctx, input: { locale } });
    return undefined;
  });
}

/** The theme is a display preference of this browser only: a cookie, nothing stored or audited. */
export async function setThemeAction(theme: string): Promise<ActionResult> {
  if (!isTheme(theme)) return { ok: false, code: 'invalid_input', message: 'Unsupported theme' };
  (await cookies()).set(THEME_COOKIE, theme, { path: '/', maxAge: YEAR, sameSite: 'lax', httpOnly: false });
  return { ok: true, data: undefined };
}

export async function signOutAction(): Promise<void> {
  const ctx = await getRequestContext();
  await endSession({ ctx });
  await signOut({ redirect: false });
  redirect('/sign-in?signedOut=1');
}

export async function changePasswordAction(_prev: ActionResult<{ endedSessions: number }> | null, form: FormData) {
  const t = await getT();
  return runAction(
    (ctx) => changePassword({ ctx, input: formToObject(form) }),
    (r) => t('account.passwordChanged', { count: r.endedSessions }),
  );
}

/** The bell's list (any area), loaded after the page and again when the live stream says something arrived. */
export async function loadNotificationsAction() {
  return runAction((ctx) => listNotifications({ ctx, input: {} }));
}

/** Marks the caller's own notifications read; ids of anyone else's are ignored by the verb. */
export async function markNotificationsReadAction(input: { ids?: number[]; all?: boolean }) {
  return runAction((ctx) => markNotificationsRead({ ctx, input }));
}
