'use client';

import { useEffect } from 'react';

/**
 * Anchors on the guide page. The page streams in after the shell, so a browser opening
 * `/desk/guide#desk-cases` directly has already given up looking for the heading: scroll to it
 * once it is there. On a phone, a pick in the collapsible contents closes the list first, so the
 * heading does not move away when the list folds.
 */
export function GuideAnchors() {
  useEffect(() => {
    const id = decodeURIComponent(window.location.hash.slice(1));
    if (id) document.getElementById(id)?.scrollIntoView();

    const onClick = (e: MouseEvent) => {
      const link = (e.target as Element | null)?.closest<HTMLAnchorElement>(
        'details[data-guide-contents] a[href^="#"]',
      );
      if (!link || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
      e.preventDefault();
      link.closest('details')?.removeAttribute('open');
      const target = link.hash.slice(1);
      if (window.location.hash === link.hash) document.getElementById(target)?.scrollIntoView();
      else window.location.hash = target;
    };
    document.addEventListener('click', onClick);
    return () => document.removeEventListener('click', onClick);
  }, []);
  return null;
}
