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

/** The staff guide for the desk: every signed-in agent and supervisor may read all of it. */
export default async function DeskGuidePage({ searchParams }: PageProps<'/desk/guide'>) {
  await requireAreaActor('access:desk:any');
  const [t, locale, params] = [await getT(), await getLocale(), await searchParams];
  const q = typeof params.q === 'string' ? params.q : '';
  const search = q.trim()
    ? await searchGuide({ ctx: await getRequestContext(), input: { q, area: 'desk', locale } })
    : null;
  return (
    <GuideView
      guide={await getGuide('desk', locale)}
      description={t('guide.deskDescription')}
      path="/desk/guide"
      search={search}
    />
  );
}
