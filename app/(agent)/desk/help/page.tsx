import type { Metadata } from 'next';
import { HelpArticlesPage } from '@/components/help-authoring/articles-page';
import { getT } from '@/lib/i18n/server';
import { saveHelpCategoryAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('helpAuthoring.list.title') };
}

/** Help articles for their authors (manage:help:any); the read inside 404s for anyone else. */
export default async function DeskHelpPage({ searchParams }: PageProps<'/desk/help'>) {
  return (
    <HelpArticlesPage basePath="/desk/help" searchParams={await searchParams} saveCategory={saveHelpCategoryAction} />
  );
}
