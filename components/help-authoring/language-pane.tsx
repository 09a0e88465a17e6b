'use client';

import { ImagePlus, Loader2 } from 'lucide-react';
import { useDeferredValue, useMemo, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Textarea } from '@/components/ui/textarea';
import { renderMarkdown } from '@/lib/help/markdown';
import { BODY_MAX, DESCRIPTION_MAX, TITLE_MAX, type HelpLocale } from '@/lib/help/schemas';
import { useT } from '@/lib/i18n/client';
import { cn } from '@/lib/utils';

export type LanguageValues = { title: string; description: string; body: string };
export type LanguageErrors = Partial<Record<keyof LanguageValues, string>>;

/** Inserts `text` as its own paragraph at the selection of `el`, returning the new value and caret. */
function insertAtCursor(value: string, el: HTMLTextAreaElement | null, text: string) {
  const start = el?.selectionStart ?? value.length;
  const end = el?.selectionEnd ?? value.length;
  const before = value.slice(0, start);
  const after = value.slice(end);
  const lead = before && !before.endsWith('\n\n') ? (before.endsWith('\n') ? '\n' : '\n\n') : '';
  const trail = after.startsWith('\n') ? '' : '\n';
  const inserted = `${lead}${text}${trail}`;
  return { value: before + inserted + after, caret: before.length + inserted.length };
}

/**
 * One language of an article: title, description (with a character count) and the Markdown body,
 * with the page as readers will see it beside the text. The preview runs the same renderer as
 * the help center, in the browser, so what an author sees is what gets published.
 */
export function LanguagePane({
  locale,
  values,
  errors,
  onChange,
  articleId,
  onImageUploaded,
}: {
  locale: HelpLocale;
  values: LanguageValues;
  errors: LanguageErrors;
  onChange: (next: Partial<LanguageValues>) => void;
  /** Images belong to a saved article; a new one must be saved first. */
  articleId: string | null;
  onImageUploaded: (image: { id: string; markdown: string; fileName: string }) => void;
}) {
  const t = useT();
  const id = (f: string) => `article-${f}-${locale}`;
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);
  const [imageError, setImageError] = useState<string | null>(null);
  // Typing stays smooth in a long article: the preview follows when the browser has time.
  const deferredBody = useDeferredValue(values.body);
  const preview = useMemo(() => renderMarkdown(deferredBody).html, [deferredBody]);

  async function upload(file: File) {
    if (!articleId) return;
    setUploading(true);
    setImageError(null);
    try {
      const form = new FormData();
      form.set('file', file);
      form.set('articleId', articleId);
      const res = await fetch('/api/help/images', { method: 'POST', body: form });
      const json = (await res.json().catch(() => null)) as
        { id: string; markdown: string; error?: undefined } | { error: { message: string } } | null;
      if (!res.ok || !json || json.error) {
        setImageError(json?.error?.message ?? t('helpAuthoring.image.errors.generic'));
        return;
      }
      const next = insertAtCursor(values.body, bodyRef.current, json.markdown);
      onChange({ body: next.value });
      onImageUploaded({ id: json.id, markdown: json.markdown, fileName: file.name });
      requestAnimationFrame(() => {
        bodyRef.current?.focus();
        bodyRef.current?.setSelectionRange(next.caret, next.caret);
      });
    } catch {
      setImageError(t('helpAuthoring.image.errors.network'));
    } finally {
      setUploading(false);
      if (fileRef.current) fileRef.current.value = '';
    }
  }

  return (
    <div className="grid gap-4" lang={locale}>
      <FormField label={t('helpAuthoring.fields.title')} htmlFor={id('title')} error={errors.title}>
        <Input
          id={id('title')}
          value={values.title}
          maxLength={TITLE_MAX}
          onChange={(e) => onChange({ title: e.target.value })}
          autoComplete="off"
          data-testid={`title-${locale}`}
        />
      </FormField>
      <div className="grid gap-2">
        <div className="flex items-center justify-between gap-2">
          <Label htmlFor={id('description')}>{t('helpAuthoring.fields.description')}</Label>
          <span
            id={id('description-count')}
            className={cn(
              'text-xs tabular-nums',
              values.description.length > DESCRIPTION_MAX * 0.9 ? 'text-warning-foreground' : 'text-muted-foreground',
            )}
          >
            {t('helpAuthoring.editor.charCount', { count: values.description.length, max: DESCRIPTION_MAX })}
          </span>
        </div>
        <Textarea
          id={id('description')}
          value={values.description}
          maxLength={DESCRIPTION_MAX}
          rows={2}
          onChange={(e) => onChange({ description: e.target.value })}
          aria-invalid={errors.description ? true : undefined}
          aria-describedby={`${id('description-hint')} ${id('description-count')}`}
          className="min-h-16"
        />
        {errors.description ? (
          <p id={id('description-hint')} className="text-sm text-destructive">
            {errors.description}
          </p>
        ) : (
          <p id={id('description-hint')} className="text-sm text-muted-foreground">
            {t('helpAuthoring.editor.descriptionHint')}
          </p>
        )}
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="grid content-start gap-2">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <Label htmlFor={id('body')}>{t('helpAuthoring.fields.body')}</Label>
            <div className="flex items-center gap-2">
              <input
                ref={fileRef}
                type="file"
                accept="image/png,image/jpeg,image/gif,image/webp"
                className="sr-only"
                tabIndex={-1}
                aria-hidden="true"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  if (file) void upload(file);
                }}
                data-testid={`image-input-${locale}`}
              />
              <Button
                type="button"
                variant="outline"
                size="sm"
                disabled={!articleId || uploading}
                onClick={() => fileRef.current?.click()}
                title={articleId ? undefined : t('helpAuthoring.image.saveFirst')}
                data-testid={`insert-image-${locale}`}
              >
                {uploading ? <Loader2 className="animate-spin" /> : <ImagePlus />}
                {uploading ? t('helpAuthoring.image.uploading') : t('helpAuthoring.image.insert')}
              </Button>
            </div>
          </div>
          <Textarea
            ref={bodyRef}
            id={id('body')}
            value={values.body}
            maxLength={BODY_MAX}
            onChange={(e) => onChange({ body: e.target.value })}
            aria-invalid={errors.body ? true : undefined}
            aria-describedby={id('body-hint')}
            spellCheck={locale === 'en'}
            className="field-sizing-fixed h-[32rem] resize-y font-mono text-[13px] leading-relaxed"
            data-testid={`body-${locale}`}
          />
          <div id={id('body-hint')} className="grid gap-1 text-sm">
            {errors.body ? <p className="text-destructive">{errors.body}</p> : null}
            {imageError ? (
              <p role="alert" className="text-destructive" data-testid="image-error">
                {imageError}
              </p>
            ) : null}
            <p className="text-muted-foreground">
              {articleId ? t('helpAuthoring.editor.markdownHint') : t('helpAuthoring.image.saveFirst')}
            </p>
          </div>
        </div>
        <div className="grid content-start gap-2">
          <p className="text-sm font-medium" id={id('preview-label')}>
            {t('helpAuthoring.editor.preview')}
          </p>
          <section
            aria-labelledby={id('preview-label')}
            // It scrolls, so it must be reachable by keyboard.
            tabIndex={0}
            className="h-[32rem] overflow-y-auto rounded-md border bg-card px-5 py-4"
            data-testid={`preview-${locale}`}
          >
            {/* Styled as the public page's title, but not a heading of this page (it has its own h1). */}
            {values.title ? <p className="mb-2 text-2xl font-semibold tracking-tight">{values.title}</p> : null}
            {values.description ? <p className="mb-4 text-muted-foreground">{values.description}</p> : null}
            {deferredBody.trim() ? (
              // renderMarkdown is safe by construction (no raw HTML, allow-listed links and images).
              <div className="prose-help" dangerouslySetInnerHTML={{ __html: preview }} />
            ) : (
              <p className="text-sm text-muted-foreground">{t('helpAuthoring.editor.previewEmpty')}</p>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}
