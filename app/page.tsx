import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/actor';
import { homePathFor } from '@/lib/authz';

/** The front door: each signed-in user goes to their own area, everyone else to sign-in. */
export default async function Home() {
  const actor = await getActor();
  redirect(actor ? homePathFor(actor) : '/sign-in');
}
