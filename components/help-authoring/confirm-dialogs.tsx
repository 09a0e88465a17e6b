'use client';

import { Archive, Send } from 'lucide-react';
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { HELP_LOCALES, type HelpLocale } from '@/lib/help/schemas';
import type { VersionTexts } from '@/lib/help/version-diff';
import { useT } from '@/lib/i18n/client';

const FIELDS = ['title', 'description', 'body'] as const;
const column = (locale: HelpLocale, field: (typeof FIELDS)[number]) =>
  `${field}${locale === 'en' ? 'En' : 'Zh'}` as keyof VersionTexts;

/**
 * "Publish" asks first and shows what goes live: the version number, the address, and for each
 * language its title and what differs from the version readers see now.
 */
export function PublishButton({
  disabled,
  pending,
  nextNumber,
  slug,
  texts,
  published,
  saveFirst,
  onConfirm,
}: {
  disabled: boolean;
  pending: boolean;
  nextNumber: number;
  slug: string;
  texts: VersionTexts;
  published: VersionTexts | null;
  saveFirst: boolean;
  onConfirm: () => void;
}) {
  const t = useT();
  // Nothing in either language: say so here rather than after a round trip.
  const empty = !HELP_LOCALES.some((l) => texts[column(l, 'title')]);
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button disabled={disabled || pending} data-testid="publish-article">
          <Send />
          {t('helpAuthoring.editor.publish')}
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent className="sm:max-w-lg">
        <AlertDialogHeader>
          <AlertDialogTitle>{t('helpAuthoring.publish.title', { number: nextNumber })}</AlertDialogTitle>
          <AlertDialogDescription>
            {t('helpAuthoring.publish.description', { path: `/help/${slug || '…'}` })}
          </AlertDialogDescription>
        </AlertDialogHeader>
        <ul className="grid gap-3 text-sm" data-testid="publish-summary">
          {HELP_LOCALES.map((locale) => {
            const title = texts[column(locale, 'title')];
            const before = published?.[column(locale, 'title')];
            const changed = FIELDS.filter(
              (f) => (texts[column(locale, f)] ?? '') !== (published?.[column(locale, f)] ?? ''),
            );
            const language = t(locale === 'en' ? 'helpAuthoring.localeEn' : 'helpAuthoring.localeZh');
            return (
              <li key={locale} className="grid gap-0.5 rounded-md border px-3 py-2">
                <span className="text-xs font-medium text-muted-foreground">{language}</span>
                {title ? (
                  <>
                    <span className="font-medium break-words">{title}</span>
                    <span className="text-xs text-muted-foreground">
                      {!before
                        ? t('helpAuthoring.publish.newLanguage')
                        : changed.length
                          ? t('helpAuthoring.publish.changed', {
                              fields: changed
                                .map((f) => t(`helpAuthoring.fields.${f}`))
                                .join(t('common.listSeparator')),
                            })
                          : t('helpAuthoring.publish.unchanged')}
                    </span>
                  </>
                ) : (
                  <span className="text-muted-foreground">{t('helpAuthoring.publish.noLanguage')}</span>
                )}
              </li>
            );
          })}
        </ul>
        {empty ? (
          <p className="text-sm text-destructive" role="alert">
            {t('validation.one_language_required')}
          </p>
        ) : saveFirst ? (
          <p className="text-sm text-muted-foreground">{t('helpAuthoring.publish.saveFirst')}</p>
        ) : null}
        <AlertDialogFooter>
          <AlertDialogCancel>{t('common.cancel')}</AlertDialogCancel>
          <AlertDialogAction onClick={onConfirm} disabled={empty} data-testid="confirm-publish">
            {t('helpAuthoring.publish.confirm', { number: nextNumber })}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}

/** "Archive" asks first: the public page goes away (404) and the article leaves search. */
export function ArchiveButton({
  pending,
  slug,
  live,
  onConfirm,
}: {
  pending: boolean;
  slug: string;
  live: boolean;
  onConfirm: () => void;
}) {
  const t = useT();
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button
          variant="ghost"
          className="text-destructive hover:text-destructive"
          disabled={pending}
          data-testid="archive-article"
        >
          <Archive />
          {t('helpAuthoring.editor.archive')}
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{t('helpAuthoring.archive.title')}</AlertDialogTitle>
          <AlertDialogDescription>
            {live
              ? t('helpAuthoring.archive.descriptionLive', { path: `/help/${slug}` })
              : t('helpAuthoring.archive.description')}
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>{t('common.cancel')}</AlertDialogCancel>
          <AlertDialogAction variant="destructive" onClick={onConfirm} data-testid="confirm-archive">
            {t('helpAuthoring.editor.archive')}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
