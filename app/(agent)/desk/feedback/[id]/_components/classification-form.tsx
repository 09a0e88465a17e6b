'use client';

import { AlertTriangle, LoaderCircle } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { StaffOptions, type StaffOption } from '@/components/cases/staff-options';
import { useFormAction } from '@/components/forms/use-form-action';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FieldError, FormField } from '@/components/ui/form-field';
import { NativeSelect } from '@/components/ui/select';
import type { ActionResult } from '@/lib/actions';
import { FEEDBACK_STATUSES, type FeedbackStatus } from '@/lib/feedback/schemas';
import { useT } from '@/lib/i18n/client';
import { updateFeedbackAction } from '../actions';

type Choice = { id: string; name: string; active: boolean };

/**
 * Category, tags, status and owner in one save, guarded by the version the page was rendered
 * with: a change by someone else in between is refused with the conflict message, never
 * overwritten. Remounted (keyed by version) after every save so it starts from the saved values.
 */
export function ClassificationForm({
  id,
  version,
  categoryId,
  tagIds,
  status,
  ownerId,
  categories,
  tags,
  staff,
}: {
  id: number;
  version: number;
  categoryId: string | null;
  tagIds: string[];
  status: FeedbackStatus;
  ownerId: string | null;
  categories: Choice[];
  tags: Choice[];
  staff: StaffOption[];
}) {
  const t = useT();
  const router = useRouter();
  const [state, action, pending] = useFormAction<ActionResult<{ version: number }>>(updateFeedbackAction);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const conflict = state && !state.ok && state.code === 'stale_version';
  // Retired labels are not offered for new choices but stay visible (and kept) where already set.
  const categoryChoices = categories.filter((c) => c.active || c.id === categoryId);
  const tagChoices = tags.filter((c) => c.active || tagIds.includes(c.id));
  const inactive = (c: Choice) => (c.active ? '' : ` (${t('feedbackDesk.inactive')})`);
  // The owner may have left the staff list (deactivated): keep them selectable so a save keeps them.
  const ownerKnown = !ownerId || staff.some((s) => s.id === ownerId);

  return (
    <form action={action} className="grid gap-4" noValidate data-testid="classification-form">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      {conflict ? (
        <Alert variant="destructive">
          <AlertTriangle />
          <AlertDescription className="flex flex-wrap items-center gap-3">
            <span>{state.message}</span>
            <Button type="button" size="sm" variant="outline" onClick={() => router.refresh()}>
              {t('feedbackDesk.detail.reload')}
            </Button>
          </AlertDescription>
        </Alert>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-3">
        <FormField label={t('feedback.category')} htmlFor="fb-category" error={errors?.categoryId}>
          <NativeSelect id="fb-category" name="categoryId" defaultValue={categoryId ?? ''}>
            <option value="">{t('feedback.uncategorized')}</option>
            {categoryChoices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
                {inactive(c)}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField label={t('feedback.status')} htmlFor="fb-status" error={errors?.status}>
          <NativeSelect id="fb-status" name="status" defaultValue={status} data-testid="status-select">
            {FEEDBACK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`feedback.statuses.${s}`)}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField label={t('feedback.owner')} htmlFor="fb-owner" error={errors?.ownerId}>
          <NativeSelect id="fb-owner" name="ownerId" defaultValue={ownerId ?? ''} data-testid="owner-select">
            <option value="">{t('feedbackDesk.detail.nobody')}</option>
            {ownerKnown ? null : <option value={ownerId!}>{t('feedbackDesk.detail.formerStaff')}</option>}
            <StaffOptions staff={staff} />
          </NativeSelect>
        </FormField>
      </div>
      <fieldset className="grid gap-2">
        <legend className="mb-2 text-sm leading-none font-medium">{t('feedback.tags')}</legend>
        {tagChoices.length ? (
          <div className="flex flex-wrap gap-2" data-testid="tag-choices">
            {tagChoices.map((tag) => (
              <label
                key={tag.id}
                className="cursor-pointer rounded-full border px-3 py-1 text-sm text-muted-foreground transition-colors select-none hover:bg-accent has-checked:border-primary has-checked:bg-primary has-checked:text-primary-foreground has-focus-visible:ring-[3px] has-focus-visible:ring-ring/50"
              >
                <input
                  type="checkbox"
                  name="tagIds[]"
                  value={tag.id}
                  defaultChecked={tagIds.includes(tag.id)}
                  className="sr-only"
                />
                {tag.name}
                {inactive(tag)}
              </label>
            ))}
          </div>
        ) : (
          <p className="text-sm text-muted-foreground">{t('feedbackDesk.detail.noTags')}</p>
        )}
        <FieldError>{errors?.tagIds}</FieldError>
      </fieldset>
      <div>
        <Button type="submit" disabled={pending} data-testid="save-classification">
          {pending ? <LoaderCircle className="animate-spin" /> : null}
          {pending ? t('common.saving') : t('common.save')}
        </Button>
      </div>
    </form>
  );
}
