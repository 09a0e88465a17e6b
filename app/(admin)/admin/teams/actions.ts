'use server';

import { revalidatePath } from 'next/cache';
import { formToObject, runAction, type ActionResult } from '@/lib/actions';
import { getT } from '@/lib/i18n/server';
import { createTeam, deleteTeam, updateTeamRouting } from '@/lib/users/mutations';

export type CreateTeamState = ActionResult<{ id: string }> & { values?: { name: string; description: string } };

export async function createTeamAction(_prev: CreateTeamState | null, form: FormData): Promise<CreateTeamState> {
  const t = await getT();
  const raw = formToObject(form);
  const result = await runAction(
    (ctx) => createTeam({ ctx, input: raw }),
    () => t('admin.teams.createdToast', { name: String(raw.name ?? '') }),
  );
  if (!result.ok)
    return { ...result, values: { name: String(raw.name ?? ''), description: String(raw.description ?? '') } };
  revalidatePath('/admin/teams');
  return result;
}

export async function deleteTeamAction(teamId: string) {
  const t = await getT();
  const result = await runAction(
    (ctx) => deleteTeam({ ctx, input: { teamId } }),
    () => t('admin.teams.deleted'),
  );
  if (result.ok) revalidatePath('/admin/teams');
  return result;
}

export async function updateTeamRoutingAction(input: { teamId: string; caseTypes: string[]; assignmentMode: string }) {
  const t = await getT();
  const result = await runAction(
    (ctx) => updateTeamRouting({ ctx, input }),
    () => t('teamsRouting.saved'),
  );
  if (result.ok) revalidatePath('/admin/teams');
  return result;
}
