import type { Metadata } from 'next';
import { GuideView } from '@/components/guide/guide-view';
import { requireAreaActor } from '@/lib/auth/guard';
import { getGuide } from '@/lib/guide/content';
import { getLocale, getT } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('guide.title') };
}

/** The staff guide for administration, for every signed-in admin. */
export default async function AdminGuidePage() {
  await requireAreaActor('access:admin:any');
  const [t, locale] = [await getT(), await getLocale()];
  return <GuideView guide={await getGuide('admin', locale)} description={t('guide.adminDescription')} />;
}
