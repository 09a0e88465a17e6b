import 'server-only';
import { notFound, redirect } from 'next/navigation';
import { can, type Actor, type Permission } from '@/lib/authz';
import { getActor } from './actor';

/**
 * For layouts and pages: an anonymous visitor goes to sign-in, a signed-in user without the
 * permission gets a 404 (the area does not exist for them). This shapes navigation only; the lib
 * verbs each page calls enforce access again on their own.
 */
export async function requireAreaActor(permission: Permission): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect('/sign-in');
  if (!can(actor, permission)) notFound();
  return actor;
}
