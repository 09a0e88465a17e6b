import 'server-only';
import { cache } from 'react';
import { getDb } from '@/db/client';
import type { Actor } from '@/lib/authz';
import { auth } from './config';
import { loadActorBySession } from './sessions';

/**
 * The signed-in actor for this request, checked against the database (session not revoked, user
 * still active), memoised for the rest of the request.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  if (!session?.sid) return null;
  return loadActorBySession(await getDb(), session.sid);
});
