import type { Metadata } from 'next';
import { GuideView } from '@/components/guide/guide-view';
import { requireAreaActor } from '@/lib/auth/guard';
import { getGuide } from '@/lib/guide/content';
import { getLocale, getT } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('guide.title') };
}

/** The staff guide for the desk: every signed-in agent and supervisor may read all of it. */
export default async function DeskGuidePage() {
  await requireAreaActor('access:desk:any');
  const [t, locale] = [await getT(), await getLocale()];
  return <GuideView guide={await getGuide('desk', locale)} description={t('guide.deskDescription')} />;
}
