'use client';

import { Route } from 'lucide-react';
import { useState, useTransition } from 'react';
import { FormDialogFooter } from '@/components/forms/form-dialog-footer';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { FieldError } from '@/components/ui/form-field';
import { Label } from '@/components/ui/label';
import { toast } from '@/components/ui/toast';
import { CASE_TYPES } from '@/lib/cases/workflow';
import { useT } from '@/lib/i18n/client';
import { cn } from '@/lib/utils';
import { updateTeamRoutingAction } from '../actions';

export type TeamRouting = { id: string; name: string; caseTypes: string[]; assignmentMode: string };

/** Which case types a team takes and how they are assigned. `modes` comes from the server (ASSIGNMENT_MODES). */
export function TeamRoutingDialog({ team, modes }: { team: TeamRouting; modes: readonly string[] }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [types, setTypes] = useState<string[]>(team.caseTypes);
  const [mode, setMode] = useState(team.assignmentMode);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();
  const id = (s: string) => `routing-${team.id}-${s}`;
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        // Reopening starts from the saved routing, not from an abandoned edit.
        if (next) {
          setTypes(team.caseTypes);
          setMode(team.assignmentMode);
          setErrors({});
        }
        setOpen(next);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" data-testid={`team-routing-${team.name}`}>
          <Route />
          {t('teamsRouting.edit')}
          <span className="sr-only"> {team.name}</span>
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={t('common.close')}>
        <DialogHeader>
          <DialogTitle>{t('teamsRouting.editTitle', { name: team.name })}</DialogTitle>
          <DialogDescription>{t('teamsRouting.caseTypesHint')}</DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-5"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            startTransition(async () => {
              const r = await updateTeamRoutingAction({ teamId: team.id, caseTypes: types, assignmentMode: mode });
              if (r.ok) {
                toast.success(r.message);
                setErrors({});
                setOpen(false);
              } else if (r.fieldErrors?.caseTypes || r.fieldErrors?.assignmentMode) setErrors(r.fieldErrors);
              else toast.error(r.message);
            });
          }}
        >
          <fieldset className="grid gap-2" aria-describedby={errors.caseTypes ? id('types-error') : undefined}>
            <legend className="mb-2 text-sm font-medium">{t('teamsRouting.caseTypes')}</legend>
            <div className="grid grid-cols-2 gap-2">
              {CASE_TYPES.map((type) => (
                <div key={type} className="flex items-center gap-2">
                  <Checkbox
                    id={id(`type-${type}`)}
                    checked={types.includes(type)}
                    onCheckedChange={(c) =>
                      setTypes((list) => (c === true ? [...list, type] : list.filter((x) => x !== type)))
                    }
                  />
                  <Label htmlFor={id(`type-${type}`)} className="font-normal">
                    {t.dynamic(`cases.types.${type}`, undefined, type)}
                  </Label>
                </div>
              ))}
            </div>
            <FieldError id={id('types-error')}>{errors.caseTypes}</FieldError>
          </fieldset>
          <fieldset
            className="grid gap-2"
            aria-describedby={errors.assignmentMode ? id('mode-error') : id('mode-hint')}
          >
            <legend className="mb-2 text-sm font-medium">{t('teamsRouting.mode')}</legend>
            <div className="grid gap-2 sm:grid-cols-3">
              {modes.map((m) => (
                <label
                  key={m}
                  className={cn(
                    'flex cursor-pointer items-center gap-2 rounded-md border px-3 py-2 text-sm transition-colors hover:bg-muted/50',
                    'has-checked:border-primary has-checked:bg-primary/5 has-focus-visible:ring-[3px] has-focus-visible:ring-ring/50',
                  )}
                >
                  <input
                    type="radio"
                    name={id('mode')}
                    value={m}
                    checked={mode === m}
                    onChange={() => setMode(m)}
                    className="size-4 shrink-0 accent-primary outline-none"
                  />
                  {t.dynamic(`teamsRouting.modes.${m}`, undefined, m)}
                </label>
              ))}
            </div>
            {errors.assignmentMode ? (
              <FieldError id={id('mode-error')}>{errors.assignmentMode}</FieldError>
            ) : (
              <p id={id('mode-hint')} className="text-sm text-muted-foreground">
                {t('teamsRouting.modesHint')}
              </p>
            )}
          </fieldset>
          <FormDialogFooter
            pending={pending}
            submitLabel={pending ? t('common.saving') : t('common.save')}
            onCancel={() => setOpen(false)}
          />
        </form>
      </DialogContent>
    </Dialog>
  );
}
