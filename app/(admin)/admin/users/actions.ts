'use server';

import { revalidatePath } from 'next/cache';
import { formToObject, runAction } from '@/lib/actions';
import { getT } from '@/lib/i18n/server';
import { changeUserRole, createUser, setUserActive, setUserTeams } from '@/lib/users/mutations';
import type { ActionResult } from '@/lib/actions';

export type CreateUserState = ActionResult<{ id: string }> & { values?: Record<string, string> };

export async function createUserAction(_prev: CreateUserState | null, form: FormData): Promise<CreateUserState> {
  const t = await getT();
  const raw = formToObject(form);
  const result = await runAction(
    (ctx) => createUser({ ctx, input: raw }),
    () => t('admin.users.created_toast', { email: String(raw.email ?? '') }),
  );
  if (result.ok) revalidatePath('/admin/users');
  else
    return {
      ...result,
      values: { name: String(raw.name ?? ''), email: String(raw.email ?? ''), role: String(raw.role ?? '') },
    };
  return result;
}

export async function changeUserRoleAction(input: { userId: string; role: string; version: number }) {
  const t = await getT();
  const result = await runAction(
    (ctx) => changeUserRole({ ctx, input }),
    () => t('admin.users.roleChanged'),
  );
  if (result.ok) revalidatePath('/admin/users');
  return result;
}

export async function setUserActiveAction(input: { userId: string; active: boolean; version: number }) {
  const t = await getT();
  const result = await runAction(
    (ctx) => setUserActive({ ctx, input }),
    (r) => (input.active ? t('admin.users.reactivated') : t('admin.users.deactivated', { count: r.endedSessions })),
  );
  if (result.ok) revalidatePath('/admin/users');
  return result;
}

export async function setUserTeamsAction(input: { userId: string; teamIds: string[] }) {
  const t = await getT();
  const result = await runAction(
    (ctx) => setUserTeams({ ctx, input }),
    () => t('admin.users.teamsSaved'),
  );
  if (result.ok) revalidatePath('/admin/users');
  return result;
}
