'use client';

import { useT } from '@/lib/i18n/client';

export type StaffOption = { id: string; name: string; available: boolean };

/** The staff a case can be assigned to, as <option>s, with those away marked. */
export function StaffOptions({ staff }: { staff: StaffOption[] }) {
  const t = useT();
  return staff.map((s) => (
    <option key={s.id} value={s.id}>
      {s.name}
      {s.available ? '' : ` (${t('availability.away')})`}
    </option>
  ));
}
