'use client';

import { CalendarClock, ExternalLink, LifeBuoy, LoaderCircle } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useI18n } from '@/lib/i18n/client';
import { cn } from '@/lib/utils';
import type { ActionResult } from '@/lib/actions';

export type SuggestedArticle = { slug: string; title: string; snippetHtml: string };
export type SuggestFn = (input: {
  orderNo?: string;
  text: string;
  reason?: string;
  type?: string;
  locale: string;
  suggestionId?: string;
}) => Promise<ActionResult<{ suggestionId: string | null; articles: SuggestedArticle[] }>>;

/** One line of the policy engine's answer for the order, as the type picker shows it. */
export type PolicyLine = { type: string; label: string; eligible: boolean; why: string };

/**
 * The policy answers shown beside the suggestions: the chosen type's, and the return window
 * ("no-reason return possible until …") whatever was chosen, since that is what most ask about.
 */
export function policyLines(types: PolicyLine[], chosen: string): PolicyLine[] {
  const pick = (type: string) => types.find((o) => o.type === type);
  return [pick(chosen), chosen === 'return_refund' ? undefined : pick('return_refund')].filter(
    (o): o is PolicyLine => !!o,
  );
}

/** Wait this long after the last keystroke before asking (a request per word, not per letter). */
const DEBOUNCE_MS = 400;
/** Fewer characters than this say too little to search on (the reason and type still do). */
const MIN_TEXT = 4;

type Query = { orderNo: string; reason: string; type: string; text: string; locale: string };

/**
 * Beside the request's description: what the policy engine allows for this order, and help
 * articles matching what the customer writes. At most one request is in flight; what was typed
 * meanwhile is asked once it returns. The session id goes back with the form (hidden field), so a
 * submitted request is counted as "still submitted" and one never sent as deflected.
 */
export function RequestSuggestions({
  suggest,
  orderNo,
  reason,
  type,
  description,
  policy,
}: {
  suggest: SuggestFn;
  orderNo: string;
  reason: string;
  type: string;
  description: string;
  policy: PolicyLine[];
}) {
  const { t, locale } = useI18n();
  const [articles, setArticles] = useState<SuggestedArticle[] | null>(null);
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const session = useRef<string | null>(null);
  const busy = useRef(false);
  const queued = useRef<Query | null>(null);
  const lastKey = useRef<string | null>(null);

  const run = useCallback(
    async (query: Query) => {
      if (busy.current) {
        queued.current = query;
        return;
      }
      busy.current = true;
      setLoading(true);
      try {
        for (let next: Query | null = query; next; next = queued.current) {
          queued.current = null;
          const r = await suggest({ ...next, suggestionId: session.current ?? undefined }).catch(() => null);
          // Suggestions are a help, never an obstacle: a failed ask keeps what was shown.
          if (r?.ok) {
            session.current = r.data.suggestionId ?? session.current;
            setSessionId(session.current);
            setArticles(r.data.articles);
          }
        }
      } finally {
        busy.current = false;
        setLoading(false);
      }
    },
    [suggest],
  );

  useEffect(() => {
    const typed = description.replace(/\s+/g, ' ').trim();
    const text = typed.length >= MIN_TEXT ? typed : '';
    const key = JSON.stringify([reason, type, text]);
    if (key === lastKey.current) return;
    const timer = setTimeout(() => {
      lastKey.current = key;
      void run({ orderNo, reason, type, text, locale });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [description, reason, type, orderNo, locale, run]);

  const href = (slug: string) =>
    `/help/${slug}?${new URLSearchParams({ from: 'request', ...(sessionId ? { s: sessionId } : {}) })}`;

  return (
    <section
      aria-labelledby="request-help-title"
      className="grid content-start gap-4 rounded-lg border bg-muted/40 p-4 text-sm"
      data-testid="request-suggestions"
    >
      <input type="hidden" name="suggestionId" value={sessionId ?? ''} />
      {policy.length ? (
        <div className="grid gap-2" data-testid="request-policy">
          <p className="flex items-center gap-2 font-medium">
            <CalendarClock aria-hidden="true" className="size-4 text-primary" />
            {t('helpSuggest.policyTitle', { orderNo })}
          </p>
          <ul className="grid gap-1.5">
            {policy.map((p) => (
              <li key={p.type} className="grid gap-0.5">
                <span className="text-xs font-medium text-muted-foreground">{p.label}</span>
                <span className={cn(p.eligible ? 'text-foreground' : 'text-destructive')}>{p.why}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="grid gap-2 border-t pt-4">
        <h3 id="request-help-title" className="flex items-center gap-2 font-medium">
          <LifeBuoy aria-hidden="true" className="size-4 text-primary" />
          {t('helpSuggest.title')}
          {loading ? <LoaderCircle aria-hidden="true" className="size-3.5 animate-spin text-muted-foreground" /> : null}
        </h3>
        <div aria-live="polite" aria-busy={loading} className="grid gap-3">
          {articles === null ? (
            <p className="text-muted-foreground">{t('helpSuggest.hint')}</p>
          ) : articles.length === 0 ? (
            <p className="text-muted-foreground">{t('helpSuggest.none')}</p>
          ) : (
            <>
              <ul className="grid gap-3" data-testid="suggested-articles">
                {articles.map((a) => (
                  <li key={a.slug} className="grid gap-1">
                    <a
                      href={href(a.slug)}
                      target="_blank"
                      rel="noopener"
                      className="inline-flex items-start gap-1 font-medium text-primary underline-offset-4 hover:underline focus-visible:rounded-sm focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none"
                      data-testid="suggested-article"
                    >
                      <span>{a.title}</span>
                      <ExternalLink aria-hidden="true" className="mt-0.5 size-3.5 shrink-0" />
                      <span className="sr-only">{t('helpSuggest.newTab')}</span>
                    </a>
                    {/* Escaped by lib/help/snippet.ts; only its own <mark> tags are HTML. */}
                    <p
                      className="line-clamp-3 text-xs text-muted-foreground [&_mark]:rounded-sm [&_mark]:bg-primary/15 [&_mark]:text-foreground"
                      dangerouslySetInnerHTML={{ __html: a.snippetHtml }}
                    />
                  </li>
                ))}
              </ul>
              <p className="rounded-md bg-background p-3 text-xs" data-testid="deflection-note">
                {t('helpSuggest.deflect')}
              </p>
            </>
          )}
        </div>
        <a
          href="/help"
          target="_blank"
          rel="noopener"
          className="inline-flex items-center gap-1 text-xs text-muted-foreground underline-offset-4 hover:text-foreground hover:underline"
        >
          {t('helpSuggest.browse')}
          <ExternalLink aria-hidden="true" className="size-3" />
          <span className="sr-only">{t('helpSuggest.newTab')}</span>
        </a>
      </div>
    </section>
  );
}
