'use client';

import { Keyboard } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { useT } from '@/lib/i18n/client';

/** True while the user is typing somewhere: single-key shortcuts must not steal their letters. */
function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/**
 * Single-key shortcuts for the page (e.g. `r` reply, `j`/`k` move). Ignored while typing, with a
 * modifier held, or when a dialog is open, so they never interfere with text or the browser.
 */
export function useHotkeys(bindings: Record<string, (e: KeyboardEvent) => void>) {
  const ref = useRef(bindings);
  useEffect(() => {
    ref.current = bindings;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      if (document.querySelector('[role="dialog"], [role="alertdialog"], [role="menu"]')) return;
      const handler = ref.current[e.key];
      if (!handler) return;
      e.preventDefault();
      handler(e);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}

export type ShortcutKey =
  'reply' | 'note' | 'assignMe' | 'send' | 'next' | 'prev' | 'openCase' | 'select' | 'search' | 'help';

/** The `?` help: which keys do what on this page. Also reachable by a button for mouse users. */
export function ShortcutsHelp({ keys }: { keys: [string, ShortcutKey][] }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  useHotkeys({ '?': () => setOpen(true) });
  return (
    <>
      <Button
        type="button"
        variant="ghost"
        size="sm"
        onClick={() => setOpen(true)}
        aria-label={t('shortcuts.open')}
        title={t('shortcuts.open')}
        data-testid="shortcuts-button"
      >
        <Keyboard />
      </Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent className="sm:max-w-md">
          <DialogHeader>
            <DialogTitle>{t('shortcuts.title')}</DialogTitle>
            <DialogDescription className="sr-only">{t('shortcuts.title')}</DialogDescription>
          </DialogHeader>
          <dl className="grid gap-2 text-sm">
            {[...keys, ['?', 'help'] as [string, ShortcutKey]].map(([key, what]) => (
              <div key={key} className="flex items-center justify-between gap-4">
                <dt className="text-muted-foreground">{t(`shortcuts.${what}`)}</dt>
                <dd>
                  <kbd className="rounded border bg-muted px-1.5 py-0.5 font-mono text-xs">{key}</kbd>
                </dd>
              </div>
            ))}
          </dl>
        </DialogContent>
      </Dialog>
    </>
  );
}
