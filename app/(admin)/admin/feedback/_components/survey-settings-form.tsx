'use client';

import { LoaderCircle, RefreshCw, TriangleAlert } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { toast } from '@/components/ui/toast';
import { useT } from '@/lib/i18n/client';
import { updateFeedbackSettingsAction } from '../actions';

export type SurveySettingsValues = {
  version: number;
  csatEnabled: boolean;
  npsEnabled: boolean;
  npsDelayDays: number;
  surveyValidDays: number;
};

function Switch({
  id,
  checked,
  onChange,
  label,
  hint,
}: {
  id: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  label: string;
  hint: string;
}) {
  return (
    <div className="flex items-start gap-3 rounded-lg border p-4">
      <Checkbox
        id={id}
        checked={checked}
        onCheckedChange={(c) => onChange(c === true)}
        aria-describedby={`${id}-hint`}
        className="mt-0.5"
      />
      <div className="grid gap-1">
        <Label htmlFor={id}>{label}</Label>
        <p id={`${id}-hint`} className="text-sm text-muted-foreground">
          {hint}
        </p>
      </div>
    </div>
  );
}

/**
 * The survey switches and delays. Saved with the version it was loaded at: when someone else saved
 * in between, the verb refuses and the form offers to reload (the page keys it by version).
 */
export function SurveySettingsForm({ initial }: { initial: SurveySettingsValues }) {
  const t = useT();
  const router = useRouter();
  const [csatEnabled, setCsat] = useState(initial.csatEnabled);
  const [npsEnabled, setNps] = useState(initial.npsEnabled);
  const [npsDelayDays, setDelay] = useState(String(initial.npsDelayDays));
  const [surveyValidDays, setValid] = useState(String(initial.surveyValidDays));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [stale, setStale] = useState(false);
  const [pending, startTransition] = useTransition();
  const [reloading, startReload] = useTransition();
  return (
    <form
      className="grid gap-5"
      noValidate
      data-testid="survey-settings-form"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          const r = await updateFeedbackSettingsAction({
            version: initial.version,
            csatEnabled,
            npsEnabled,
            npsDelayDays,
            surveyValidDays,
          });
          if (r.ok) {
            toast.success(r.message);
            setErrors({});
          } else if (r.code === 'stale_version') setStale(true);
          else if (r.fieldErrors && (r.fieldErrors.npsDelayDays || r.fieldErrors.surveyValidDays))
            setErrors(r.fieldErrors);
          else toast.error(r.message);
        });
      }}
    >
      {stale ? (
        <Alert variant="warning" role="alert" data-testid="survey-settings-stale">
          <TriangleAlert />
          <AlertDescription className="text-foreground">
            <p>{t('feedbackAdmin.survey.stale')}</p>
            <Button
              type="button"
              variant="outline"
              size="sm"
              disabled={reloading}
              onClick={() => startReload(() => router.refresh())}
            >
              {reloading ? <LoaderCircle className="animate-spin" /> : <RefreshCw />}
              {t('feedbackAdmin.survey.reload')}
            </Button>
          </AlertDescription>
        </Alert>
      ) : null}
      <div className="grid gap-3 md:grid-cols-2">
        <Switch
          id="survey-csat"
          checked={csatEnabled}
          onChange={setCsat}
          label={t('feedbackAdmin.survey.csat')}
          hint={t('feedbackAdmin.survey.csatHint')}
        />
        <Switch
          id="survey-nps"
          checked={npsEnabled}
          onChange={setNps}
          label={t('feedbackAdmin.survey.nps')}
          hint={t('feedbackAdmin.survey.npsHint')}
        />
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <FormField
          label={t('feedbackAdmin.survey.npsDelay')}
          htmlFor="survey-nps-delay"
          error={errors.npsDelayDays}
          hint={t('feedbackAdmin.survey.npsDelayHint')}
          className="content-start"
        >
          <Input
            id="survey-nps-delay"
            type="number"
            min={1}
            max={90}
            inputMode="numeric"
            className="w-32"
            value={npsDelayDays}
            disabled={!npsEnabled}
            onChange={(e) => {
              setDelay(e.target.value);
              setErrors((all) => ({ ...all, npsDelayDays: '' }));
            }}
          />
        </FormField>
        <FormField
          label={t('feedbackAdmin.survey.validDays')}
          htmlFor="survey-valid-days"
          error={errors.surveyValidDays}
          hint={t('feedbackAdmin.survey.validDaysHint')}
          className="content-start"
        >
          <Input
            id="survey-valid-days"
            type="number"
            min={1}
            max={60}
            inputMode="numeric"
            className="w-32"
            value={surveyValidDays}
            onChange={(e) => {
              setValid(e.target.value);
              setErrors((all) => ({ ...all, surveyValidDays: '' }));
            }}
          />
        </FormField>
      </div>
      <div className="flex justify-end border-t pt-4">
        <Button type="submit" disabled={pending || stale} data-testid="save-survey-settings">
          {pending ? <LoaderCircle className="animate-spin" /> : null}
          {pending ? t('common.saving') : t('feedbackAdmin.survey.save')}
        </Button>
      </div>
    </form>
  );
}
