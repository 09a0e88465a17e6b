'use client';

import { useState } from 'react';
import { useHotkeys } from '@/components/cases/shortcuts';

/**
 * Keyboard work on a list (case queue, feedback inbox): `j`/`k` move the cursor and focus the row's
 * link (Enter then opens it), `x` selects the row under the cursor, `/` jumps to the filters.
 * Rows carry `data-row-index`; selection is a set of row keys for the bulk bar.
 */
export function useRowSelection<K>(
  rows: readonly unknown[],
  keyAt: (index: number) => K | undefined,
  focusFilters: () => void,
) {
  const [selected, setSelected] = useState<Set<K>>(new Set());
  const [cursor, setCursor] = useState(-1);
  const toggle = (key: K) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const move = (delta: number) => {
    const next = Math.min(rows.length - 1, Math.max(0, cursor + delta));
    setCursor(next);
    document.querySelector<HTMLElement>(`[data-row-index="${next}"] a`)?.focus();
  };
  useHotkeys({
    j: () => move(1),
    k: () => move(-1),
    x: () => {
      const key = keyAt(cursor);
      if (key !== undefined) toggle(key);
    },
    '/': focusFilters,
  });
  return { selected, setSelected, cursor, setCursor, toggle };
}
