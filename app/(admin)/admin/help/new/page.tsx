import type { Metadata } from 'next';
import { HelpArticleEditorPage } from '@/components/help-authoring/editor-page';
import { getT } from '@/lib/i18n/server';
import {
  archiveHelpArticleAction,
  publishHelpArticleAction,
  restoreHelpArticleAction,
  saveHelpArticleAction,
} from '../actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('helpAuthoring.editor.newTitle') };
}

export default async function AdminNewHelpArticlePage({ searchParams }: PageProps<'/admin/help/new'>) {
  return (
    <HelpArticleEditorPage
      basePath="/admin/help"
      id={null}
      searchParams={await searchParams}
      actions={{
        save: saveHelpArticleAction,
        publish: publishHelpArticleAction,
        archive: archiveHelpArticleAction,
        restore: restoreHelpArticleAction,
      }}
    />
  );
}
