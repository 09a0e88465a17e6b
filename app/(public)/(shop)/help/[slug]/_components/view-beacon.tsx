'use client';

import { useEffect, useRef } from 'react';
import { articleViewAction } from '../actions';

/**
 * Counts one view of the article after the page is on screen. The page itself stays a read-only
 * render; the beacon runs after mount, once per article (not again on a re-render or React's
 * development double effect), and whatever happens to it the reader never notices.
 */
export function ViewBeacon({
  articleId,
  locale,
  surface,
  suggestionId,
}: {
  articleId: string;
  locale: string;
  /** 'request' when the reader came from a suggestion on the request form. */
  surface: 'help' | 'request';
  suggestionId?: string;
}) {
  const sent = useRef<string | null>(null);
  useEffect(() => {
    if (sent.current === articleId) return;
    sent.current = articleId;
    articleViewAction({ articleId, locale, surface, ...(suggestionId ? { suggestionId } : {}) }).catch(() => {});
  }, [articleId, locale, surface, suggestionId]);
  return null;
}
