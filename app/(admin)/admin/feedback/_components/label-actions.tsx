'use client';

import { saveLabelAction, type LabelKind } from '../actions';
import { ActiveToggle } from './active-toggle';
import { LabelDialog, type LabelRow } from './label-dialog';

/** The row buttons of a category or tag: edit, and switch on or off. */
export function LabelActions({ kind, label }: { kind: LabelKind; label: LabelRow }) {
  return (
    <>
      <LabelDialog kind={kind} label={label} />
      <ActiveToggle
        active={label.active}
        name={label.nameEn || label.nameZh}
        testId={`toggle-${kind}-${label.nameEn}`}
        onToggle={(next) => saveLabelAction(kind, { ...label, active: next }, next ? 'activated' : 'deactivated')}
      />
    </>
  );
}
