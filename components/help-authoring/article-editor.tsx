'use client';

import { AlertTriangle, ExternalLink, RotateCcw, Save } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs';
import { toast } from '@/components/ui/toast';
import type { ActionResult } from '@/lib/actions';
import type { AuthorCategoryDto, EditableArticleDto } from '@/lib/help/authoring';
import { HELP_LOCALES, type HelpLocale } from '@/lib/help/schemas';
import { useI18n } from '@/lib/i18n/client';
import { formatDateTime } from '@/lib/i18n/format';
import { ArticleStatusBadge, UnpublishedChangesBadge } from './article-badges';
import { DetailsFields } from './details-fields';
import { ArchiveButton, PublishButton } from './confirm-dialogs';
import { ImageList } from './image-list';
import { LanguagePane, type LanguageValues } from './language-pane';
import {
  emptyValues,
  LOCALE_FIELDS,
  slugFromTitle,
  toSaveInput,
  toTexts,
  valuesOf,
  type FormValues,
} from './form-values';
import type { HelpAuthoringActions, SavedArticle } from './types';

/**
 * The article editor. Everything typed lives in this component's state until a save succeeds, so
 * a refused save (a field error, someone else's newer save, the database being away) loses
 * nothing: the text stays, the message says what to do. Ctrl/Cmd+S saves.
 */
export function ArticleEditor({
  basePath,
  article,
  categories,
  actions,
  timeZone,
}: {
  basePath: string;
  article: EditableArticleDto | null;
  categories: AuthorCategoryDto[];
  actions: HelpAuthoringActions;
  /** The shop's time zone, in which every time is shown. */
  timeZone: string;
}) {
  const { t, locale: uiLocale } = useI18n();
  const router = useRouter();
  const initial = article ? valuesOf(article) : emptyValues(categories[0]?.id ?? '');
  const [values, setValues] = useState<FormValues>(initial);
  const [saved, setSaved] = useState<FormValues>(initial);
  // The version this form last saw; the page's own copy catches up when the server re-renders it.
  const [localVersion, setLocalVersion] = useState(article?.version ?? 0);
  const version = Math.max(localVersion, article?.version ?? 0);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState(false);
  const [tab, setTab] = useState<HelpLocale>(uiLocale === 'en' ? 'en' : 'zh-CN');
  const [uploaded, setUploaded] = useState<{ id: string; markdown: string; fileName: string }[]>([]);
  const [pending, startTransition] = useTransition();
  const dirty = JSON.stringify(values) !== JSON.stringify(saved);
  const status = article?.status ?? 'draft';
  const live = status === 'published';

  // A new article's slug follows its English title until the author edits the slug themselves.
  const [slugTouched, setSlugTouched] = useState(!!article);
  const set = (patch: Partial<FormValues>) => {
    if (patch.slug !== undefined) setSlugTouched(true);
    const follow = !slugTouched && patch.titleEn !== undefined && patch.slug === undefined;
    setValues((v) => ({ ...v, ...patch, ...(follow ? { slug: slugFromTitle(patch.titleEn!) } : {}) }));
  };

  function showFailure(result: Extract<ActionResult<unknown>, { ok: false }>) {
    if (result.code === 'stale_version') {
      setConflict(true);
      return;
    }
    if (result.fieldErrors) {
      setErrors(result.fieldErrors);
      // Show the language the first error is in.
      const first = Object.keys(result.fieldErrors)[0] ?? '';
      if (/En$/.test(first)) setTab('en');
      else if (/Zh$/.test(first)) setTab('zh-CN');
    }
    toast.error(result.message);
  }

  /**
   * Calls a server action; a dropped connection becomes a refusal like any other, so it never
   * reaches the error page (which would take the unsaved text with it).
   */
  async function call<T>(action: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
    try {
      return await action();
    } catch {
      return { ok: false, code: 'network', message: t('helpAuthoring.editor.networkError') };
    }
  }

  /** Saves what is in the form now; null when refused (the form keeps its text either way). */
  async function save(): Promise<SavedArticle | null> {
    const snapshot = values;
    const result = await call(() => actions.save(toSaveInput(snapshot, article, version)));
    if (!result.ok) {
      showFailure(result);
      return null;
    }
    setErrors({});
    setConflict(false);
    setSaved(snapshot);
    setLocalVersion(result.data.version);
    return result.data;
  }

  const saveDraft = () =>
    startTransition(async () => {
      const s = await save();
      if (!s) return;
      toast.success(t('helpAuthoring.editor.saved'));
      if (!article) router.replace(`${basePath}/${s.id}`);
    });

  const publish = () =>
    startTransition(async () => {
      let ref = article ? { id: article.id, version } : null;
      if (dirty || !ref) {
        const s = await save();
        if (!s) return;
        ref = { id: s.id, version: s.version };
      }
      const result = await call(() => actions.publish(ref));
      if (!result.ok) return showFailure(result);
      setLocalVersion(result.data.version);
      if (result.message) toast.success(result.message);
      if (!article) router.replace(`${basePath}/${ref.id}`);
    });

  const setStatus = (to: 'archive' | 'restore') =>
    startTransition(async () => {
      if (!article) return;
      const result = await call(() => actions[to]({ id: article.id, version }));
      if (!result.ok) return showFailure(result);
      setLocalVersion(result.data.version);
      if (result.message) toast.success(result.message);
    });

  // Ctrl/Cmd+S saves, wherever the focus is in the page.
  const saveRef = useRef(saveDraft);
  useEffect(() => {
    saveRef.current = saveDraft;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        saveRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Leaving the page with unsaved text asks first.
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  const heading =
    (uiLocale === 'en' ? saved.titleEn || saved.titleZh : saved.titleZh || saved.titleEn) ||
    t('helpAuthoring.editor.newTitle');
  const canPublish = status !== 'archived' && (!live || dirty || !!article?.unpublishedChanges);
  const paneErrors = (l: HelpLocale) =>
    Object.fromEntries(
      (['title', 'description', 'body'] as const).map((f) => [f, errors[LOCALE_FIELDS[l][f]]]),
    ) as Partial<Record<keyof LanguageValues, string>>;
  const hasErrors = (l: HelpLocale) => Object.values(paneErrors(l)).some(Boolean);

  return (
    <div className="grid gap-4" data-testid="article-editor">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="grid min-w-0 gap-2">
          <h1 className="text-2xl font-semibold tracking-tight break-words">{heading}</h1>
          <div className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
            <ArticleStatusBadge status={status} t={t} />
            {article?.publishedVersion && live ? (
              <span className="tabular-nums">
                {t('helpAuthoring.editor.liveVersion', { number: article.publishedVersion })}
              </span>
            ) : null}
            {live && article?.unpublishedChanges ? <UnpublishedChangesBadge t={t} /> : null}
            {dirty ? (
              <span className="font-medium text-foreground" data-testid="unsaved">
                {t('helpAuthoring.editor.unsaved')}
              </span>
            ) : null}
            {live && article ? (
              <Link
                href={`/help/${article.slug}`}
                target="_blank"
                className="inline-flex items-center gap-1 text-primary underline-offset-4 hover:underline"
                data-testid="public-link"
              >
                {t('helpAuthoring.editor.viewPublic')}
                <ExternalLink className="size-3.5" aria-hidden="true" />
                <span className="sr-only">{t('helpAuthoring.editor.newTab')}</span>
              </Link>
            ) : null}
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {article && status !== 'archived' ? (
            <ArchiveButton pending={pending} slug={article.slug} live={live} onConfirm={() => setStatus('archive')} />
          ) : null}
          {article && status === 'archived' ? (
            <Button
              variant="outline"
              disabled={pending}
              onClick={() => setStatus('restore')}
              data-testid="restore-article"
            >
              <RotateCcw />
              {t('helpAuthoring.editor.restore')}
            </Button>
          ) : null}
          <Button
            variant="outline"
            disabled={pending}
            onClick={saveDraft}
            aria-keyshortcuts="Control+S Meta+S"
            data-testid="save-article"
          >
            <Save />
            {pending ? t('common.saving') : t('helpAuthoring.editor.save')}
          </Button>
          {status !== 'archived' ? (
            <PublishButton
              disabled={!canPublish}
              pending={pending}
              nextNumber={(article?.publishedVersion ?? 0) + 1}
              slug={values.slug}
              texts={toTexts(values)}
              published={article?.published ?? null}
              saveFirst={dirty || !article}
              onConfirm={publish}
            />
          ) : null}
        </div>
      </div>
      <p className="-mt-2 text-xs text-muted-foreground">
        {article?.updatedBy
          ? t('helpAuthoring.editor.lastSaved', {
              name: article.updatedBy,
              time: formatDateTime(article.updatedAt, uiLocale, timeZone),
            })
          : t('helpAuthoring.editor.notSaved')}{' '}
        {t('helpAuthoring.editor.shortcut')}
      </p>

      {conflict ? (
        <Alert variant="destructive" data-testid="save-conflict">
          <AlertTriangle />
          <AlertTitle>{t('helpAuthoring.editor.conflictTitle')}</AlertTitle>
          <AlertDescription>
            <p>{t('helpAuthoring.editor.conflictHint')}</p>
            {article ? (
              <a href={`${basePath}/${article.id}`} target="_blank" rel="noopener" className="font-medium underline">
                {t('helpAuthoring.editor.conflictOpen')}
              </a>
            ) : null}
          </AlertDescription>
        </Alert>
      ) : null}
      {status === 'archived' ? (
        <Alert variant="warning">
          <AlertTriangle />
          <AlertDescription>{t('helpAuthoring.editor.archivedHint')}</AlertDescription>
        </Alert>
      ) : null}

      <DetailsFields
        values={values}
        errors={errors}
        categories={categories}
        relatedUnknown={article?.relatedUnknown ?? []}
        liveSlug={article?.publishedVersion ? article.slug : null}
        onChange={set}
      />

      <Card className="py-4">
        <CardContent className="px-4 sm:px-6">
          <Tabs value={tab} onValueChange={(v) => setTab(v as HelpLocale)}>
            <TabsList aria-label={t('helpAuthoring.editor.languages')}>
              {HELP_LOCALES.map((l) => {
                const has = !!values[LOCALE_FIELDS[l].title];
                return (
                  <TabsTrigger key={l} value={l} className="px-3" data-testid={`tab-${l}`}>
                    {t(l === 'en' ? 'helpAuthoring.localeEn' : 'helpAuthoring.localeZh')}
                    {hasErrors(l) ? (
                      <span className="text-destructive">
                        <span aria-hidden="true">•</span>
                        <span className="sr-only">{t('helpAuthoring.editor.tabHasErrors')}</span>
                      </span>
                    ) : !has ? (
                      <span className="text-xs font-normal">{t('helpAuthoring.editor.tabMissing')}</span>
                    ) : null}
                  </TabsTrigger>
                );
              })}
            </TabsList>
            {HELP_LOCALES.map((l) => (
              <TabsContent key={l} value={l} className="mt-3 data-[state=inactive]:hidden" forceMount>
                <LanguagePane
                  locale={l}
                  values={{
                    title: values[LOCALE_FIELDS[l].title],
                    description: values[LOCALE_FIELDS[l].description],
                    body: values[LOCALE_FIELDS[l].body],
                  }}
                  errors={paneErrors(l)}
                  onChange={(patch) =>
                    set(
                      Object.fromEntries(
                        Object.entries(patch).map(([k, v]) => [LOCALE_FIELDS[l][k as keyof LanguageValues], v]),
                      ),
                    )
                  }
                  articleId={article?.id ?? null}
                  onImageUploaded={(img) => setUploaded((u) => [img, ...u])}
                />
              </TabsContent>
            ))}
          </Tabs>
        </CardContent>
      </Card>
      <ImageList
        images={[...uploaded, ...(article?.images ?? []).filter((i) => !uploaded.some((u) => u.id === i.id))]}
      />
    </div>
  );
}
