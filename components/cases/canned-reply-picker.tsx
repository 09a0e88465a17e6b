'use client';

import { MessageSquareText, Search } from 'lucide-react';
import { Popover as PopoverPrimitive } from 'radix-ui';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import type { Locale } from '@/lib/i18n/config';
import { useT } from '@/lib/i18n/client';
import { cn } from '@/lib/utils';

export type CannedReplyOption = {
  id: string;
  title: string;
  /** The Chinese text (the shop's own language). */
  body: string;
  /** The English text, when the reply has one. */
  bodyEn: string | null;
};

/** The reply in the customer's language; a reply written in one language only is inserted as it is. */
export function replyBodyFor(reply: CannedReplyOption, locale: Locale): string {
  return locale === 'en' ? (reply.bodyEn ?? reply.body) : reply.body;
}

/** Replies whose title matches come first, then those that match only in their text. */
export function filterReplies(replies: CannedReplyOption[], query: string): CannedReplyOption[] {
  const q = query.trim().toLocaleLowerCase();
  if (!q) return replies;
  const byTitle: CannedReplyOption[] = [];
  const byBody: CannedReplyOption[] = [];
  for (const r of replies) {
    if (r.title.toLocaleLowerCase().includes(q)) byTitle.push(r);
    else if (r.body.toLocaleLowerCase().includes(q)) byBody.push(r);
  }
  return [...byTitle, ...byBody];
}

/**
 * A button that opens a searchable list of canned replies. Type to filter, ↑/↓ to move, Enter to
 * insert, Escape to close; picking one calls `onInsert` with its text.
 */
export function CannedReplyPicker({
  replies,
  onInsert,
  disabled,
  className,
}: {
  replies: CannedReplyOption[];
  onInsert(reply: CannedReplyOption): void;
  disabled?: boolean;
  className?: string;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);
  // After a pick, focus stays where `onInsert` put it (the reply box) instead of returning to the button.
  const picked = useRef(false);
  const baseId = useId();
  const listId = `${baseId}-list`;
  const optionId = (i: number) => `${baseId}-opt-${i}`;

  const matches = useMemo(() => filterReplies(replies, query), [replies, query]);
  const current = Math.min(active, Math.max(matches.length - 1, 0));

  useEffect(() => {
    if (!open) return;
    listRef.current?.querySelector<HTMLElement>(`[data-index="${current}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [current, open]);

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (next) {
      picked.current = false;
      setQuery('');
      setActive(0);
    }
  }

  function pick(reply: CannedReplyOption | undefined) {
    if (!reply) return;
    picked.current = true;
    setOpen(false);
    onInsert(reply);
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.nativeEvent.isComposing) return; // an IME is composing Chinese: its Enter/arrows are not ours
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (matches.length) setActive((current + 1) % matches.length);
        break;
      case 'ArrowUp':
        e.preventDefault();
        if (matches.length) setActive((current - 1 + matches.length) % matches.length);
        break;
      case 'Home':
        if (!query) {
          e.preventDefault();
          setActive(0);
        }
        break;
      case 'End':
        if (!query) {
          e.preventDefault();
          setActive(Math.max(matches.length - 1, 0));
        }
        break;
      case 'Enter':
        e.preventDefault(); // never submit a surrounding form
        pick(matches[current]);
        break;
    }
  }

  return (
    <PopoverPrimitive.Root open={open} onOpenChange={onOpenChange}>
      <PopoverPrimitive.Trigger asChild>
        <Button
          type="button"
          variant="outline"
          size="sm"
          disabled={disabled}
          className={className}
          data-testid="canned-reply-picker"
        >
          <MessageSquareText />
          {t('replies.insert')}
        </Button>
      </PopoverPrimitive.Trigger>
      <PopoverPrimitive.Portal>
        <PopoverPrimitive.Content
          align="start"
          sideOffset={6}
          collisionPadding={12}
          className="z-50 flex w-[min(24rem,calc(100vw-2rem))] flex-col overflow-hidden rounded-lg border bg-popover text-popover-foreground shadow-md outline-none"
          onCloseAutoFocus={(e) => {
            if (picked.current) e.preventDefault();
          }}
        >
          <div className="relative border-b">
            <Search
              className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
              aria-hidden="true"
            />
            <input
              type="text"
              role="combobox"
              aria-label={t('replies.search')}
              aria-expanded="true"
              aria-controls={listId}
              aria-autocomplete="list"
              aria-activedescendant={matches.length ? optionId(current) : undefined}
              placeholder={t('replies.search')}
              value={query}
              onChange={(e) => {
                setQuery(e.target.value);
                setActive(0);
              }}
              onKeyDown={onKeyDown}
              autoComplete="off"
              className="h-10 w-full bg-transparent pr-3 pl-9 text-sm outline-none placeholder:text-muted-foreground"
              data-testid="canned-reply-search"
            />
          </div>
          {matches.length === 0 ? (
            <p className="px-3 py-6 text-center text-sm text-muted-foreground">
              {replies.length === 0 ? t('replies.empty') : t('replies.none')}
            </p>
          ) : (
            <ul
              ref={listRef}
              id={listId}
              role="listbox"
              aria-label={t('replies.title')}
              className="max-h-72 overflow-y-auto p-1"
            >
              {matches.map((r, i) => (
                <li
                  key={r.id}
                  id={optionId(i)}
                  role="option"
                  aria-selected={i === current}
                  data-index={i}
                  onMouseMove={() => i !== current && setActive(i)}
                  // Keep focus in the search box while clicking.
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => pick(r)}
                  className={cn(
                    'cursor-pointer rounded-md px-2.5 py-2 text-sm',
                    i === current && 'bg-accent text-accent-foreground',
                  )}
                  data-testid="canned-reply-option"
                >
                  <span className="block truncate font-medium">{r.title}</span>
                  <span className="block truncate text-xs text-muted-foreground">{r.body}</span>
                </li>
              ))}
            </ul>
          )}
          <p className="border-t px-3 py-1.5 text-xs text-muted-foreground">{t('replies.pickHint')}</p>
        </PopoverPrimitive.Content>
      </PopoverPrimitive.Portal>
    </PopoverPrimitive.Root>
  );
}
