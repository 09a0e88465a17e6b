import { Badge } from '@/components/ui/badge';
import type { HelpArticleStatus } from '@/lib/help/authoring';
import type { Translate } from '@/lib/i18n/translate';

/**
 * An article's state as authors read it: draft, published or archived, and whether the working
 * copy holds changes readers do not see yet. Takes the translator so server pages and the client
 * editor render the same badges.
 */
export function ArticleStatusBadge({ status, t }: { status: HelpArticleStatus; t: Translate }) {
  const variant = status === 'published' ? 'success' : status === 'archived' ? 'outline' : 'secondary';
  return (
    <Badge variant={variant} data-testid="article-status">
      {t(`helpAuthoring.status.${status}`)}
    </Badge>
  );
}

export function UnpublishedChangesBadge({ t }: { t: Translate }) {
  return (
    <Badge variant="warning" data-testid="unpublished-changes">
      {t('helpAuthoring.unpublishedChanges')}
    </Badge>
  );
}

/** "No English" / "无中文": a language the article has no translation in. */
export function MissingTranslationBadge({ locale, t }: { locale: 'zh-CN' | 'en'; t: Translate }) {
  return (
    <Badge variant="outline" className="font-normal text-muted-foreground">
      {t(locale === 'en' ? 'helpAuthoring.missingEn' : 'helpAuthoring.missingZh')}
    </Badge>
  );
}
