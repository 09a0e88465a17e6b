'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/lib/utils';

export type NavItem = { href: string; label: string; icon: React.ReactNode; exact?: boolean };

function isActive(pathname: string, item: NavItem): boolean {
  return item.exact ? pathname === item.href : pathname === item.href || pathname.startsWith(`${item.href}/`);
}

export function NavLinks({
  items,
  orientation,
  label,
}: {
  items: NavItem[];
  orientation: 'vertical' | 'horizontal';
  label: string;
}) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className={orientation === 'vertical' ? 'grid gap-0.5' : 'flex gap-1 overflow-x-auto'}>
      {items.map((item) => {
        const active = isActive(pathname, item);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? 'page' : undefined}
            className={cn(
              'ui-nav-link',
              active && 'bg-sidebar-accent text-sidebar-accent-foreground [&_svg]:text-primary',
            )}
          >
            {item.icon}
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
