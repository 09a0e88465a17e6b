import 'server-only';
import type { Queryable } from '@/db/client';
import { hub } from '@/lib/realtime/hub';
import { publish } from '@/lib/realtime/publish';
import { helpPages } from './page-cache';

/**
 * Tells every instance, on commit, that something a public help page shows has changed; this
 * process forgets its copy at once as well, so the author's next look is never the old page.
 */
export async function announceHelpChange(tx: Queryable): Promise<void> {
  helpPages().forget();
  await publish(tx, { type: 'help' });
}

/** At server start: the copy is served only while this process hears help notices. */
export function keepHelpPagesCurrent(): void {
  const pages = helpPages();
  hub.subscribe((e) => {
    if (e.type === 'help') pages.forget();
  });
  hub.watchConnection(pages);
}
