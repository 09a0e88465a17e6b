import * as React from 'react';
import Link from 'next/link';
import { ChevronLeftIcon, ChevronRightIcon } from 'lucide-react';
import { type VariantProps } from 'class-variance-authority';

import { cn } from '@/lib/utils';
import { buttonVariants } from '@/components/ui/button';

function Pagination({ className, ...props }: React.ComponentProps<'nav'> & { 'aria-label': string }) {
  return <nav data-slot="pagination" className={cn('mx-auto flex w-full justify-center', className)} {...props} />;
}

function PaginationContent({ className, ...props }: React.ComponentProps<'ul'>) {
  return <ul data-slot="pagination-content" className={cn('flex flex-row items-center gap-1', className)} {...props} />;
}

function PaginationItem(props: React.ComponentProps<'li'>) {
  return <li data-slot="pagination-item" {...props} />;
}

type PaginationLinkProps = Omit<React.ComponentProps<typeof Link>, 'href'> &
  Pick<VariantProps<typeof buttonVariants>, 'size'> & {
    /** Target page; when missing (or `disabled`) a non-interactive span is rendered instead. */
    href?: string;
    isActive?: boolean;
    disabled?: boolean;
  };

function PaginationLink({
  className,
  href,
  isActive,
  disabled,
  size = 'icon',
  children,
  ...props
}: PaginationLinkProps) {
  const classes = cn(buttonVariants({ variant: isActive ? 'outline' : 'ghost', size }), className);

  if (disabled || href === undefined) {
    return (
      <span
        data-slot="pagination-link"
        aria-disabled="true"
        aria-label={props['aria-label']}
        className={cn(classes, 'pointer-events-none cursor-default opacity-50')}
      >
        {children}
      </span>
    );
  }

  return (
    <Link
      data-slot="pagination-link"
      data-active={isActive || undefined}
      aria-current={isActive ? 'page' : undefined}
      href={href}
      className={classes}
      {...props}
    >
      {children}
    </Link>
  );
}

type PaginationStepProps = {
  /** Target page; leave undefined when there is no such page (renders disabled). */
  href?: string;
  /** Visible, translated text, e.g. "Previous". */
  label: string;
  className?: string;
};

function PaginationPrevious({ href, label, className }: PaginationStepProps) {
  return (
    <PaginationLink href={href} rel="prev" size="default" className={cn('gap-1 px-2.5 has-[>svg]:px-2.5', className)}>
      <ChevronLeftIcon aria-hidden="true" />
      <span>{label}</span>
    </PaginationLink>
  );
}

function PaginationNext({ href, label, className }: PaginationStepProps) {
  return (
    <PaginationLink href={href} rel="next" size="default" className={cn('gap-1 px-2.5 has-[>svg]:px-2.5', className)}>
      <span>{label}</span>
      <ChevronRightIcon aria-hidden="true" />
    </PaginationLink>
  );
}

export {
  Pagination,
  PaginationContent,
  PaginationItem,
  PaginationLink,
  PaginationNext,
  PaginationPrevious,
  type PaginationLinkProps,
};
