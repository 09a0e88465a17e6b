import type { Metadata } from 'next';
import { UnavailableNotice } from '@/components/outage/unavailable-notice';
import { getT } from '@/lib/i18n/server';
import { RETRY_AFTER_SECONDS } from '@/lib/outage/state';

/**
 * The page behind every page while the database is down: proxy.ts rewrites requests here with
 * HTTP 503 and Retry-After (lib/outage/proxy.ts), so the address bar keeps the page the user asked
 * for and the countdown's reload brings it back. Renders without the database.
 */
export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT();
  return { title: t('errors.unavailableTitle'), robots: { index: false } };
}

export default function UnavailablePage() {
  return (
    // No app shell around it (the shell reads the session from the database): centre on the screen.
    <main className="flex min-h-dvh items-center justify-center p-6">
      <UnavailableNotice retryAfterSeconds={RETRY_AFTER_SECONDS} />
    </main>
  );
}
