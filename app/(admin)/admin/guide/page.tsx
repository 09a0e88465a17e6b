import type { Metadata } from 'next';
import { GuideView } from '@/components/guide/guide-view';
import { requireAreaActor } from '@/lib/auth/guard';
import { getRequestContext } from '@/lib/context/request';
import { getGuide } from '@/lib/guide/content';
import { searchGuide } from '@/lib/guide/search';
import { getLocale, getT } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('guide.title') };
}

/** The staff guide for administration, for every signed-in admin. */
export default async function AdminGuidePage({ searchParams }: PageProps<'/admin/guide'>) {
  await requireAreaActor('access:admin:any');
  const [t, locale, params] = [await getT(), await getLocale(), await searchParams];
  const q = typeof params.q === 'string' ? params.q : '';
  const search = q.trim()
    ? await searchGuide({ ctx: await getRequestContext(), input: { q, area: 'admin', locale } })
    : null;
  return (
    <GuideView
      guide={await getGuide('admin', locale)}
      description={t('guide.adminDescription')}
      path="/admin/guide"
      search={search}
    />
  );
}
