'use client';

import * as React from 'react';

/**
 * The box a wide table scrolls in. A keyboard user can only scroll a box that takes focus, so it
 * is focusable while its table is wider than it is (axe: scrollable-region-focusable) and not
 * otherwise, so a table that fits adds no extra tab stop. The server renders it focusable, which is
 * right for the wide case and harmless until hydration measures the real width.
 */
export function TableScrollArea({ className, ...props }: React.ComponentProps<'div'>) {
  const ref = React.useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = React.useState(true);
  React.useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return;
    const measure = () => setScrolls(box.scrollWidth > box.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    if (box.firstElementChild) observer.observe(box.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return <div ref={ref} tabIndex={scrolls ? 0 : undefined} className={className} {...props} />;
}
