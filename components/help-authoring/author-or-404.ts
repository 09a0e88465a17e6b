import 'server-only';
import { notFound } from 'next/navigation';
import { ForbiddenError, NotFoundError } from '@/lib/errors';

/**
 * Runs the page's first authoring read: the read authorises (manage:help:any), and a signed-in
 * user without it — an agent — gets the 404 the area is for them, as does a missing article.
 */
export async function authorOr404<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof ForbiddenError || err instanceof NotFoundError) notFound();
    throw err;
  }
}
