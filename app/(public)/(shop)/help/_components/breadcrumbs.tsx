import { ChevronRight } from 'lucide-react';
import Link from 'next/link';
import { getT } from '@/lib/i18n/server';

/** Help center › category › article: every step but the last is a link; the last is this page. */
export async function HelpBreadcrumbs({ trail }: { trail: { label: string; href?: string; lang?: string }[] }) {
  const t = await getT();
  const steps = [{ label: t('help.title'), href: '/help' }, ...trail];
  return (
    <nav aria-label={t('help.breadcrumb')} className="text-sm text-muted-foreground">
      <ol className="flex flex-wrap items-center gap-x-1.5 gap-y-1">
        {steps.map((step, i) => {
          const last = i === steps.length - 1;
          return (
            <li key={`${i}-${step.label}`} className="flex min-w-0 items-center gap-1.5">
              {i > 0 ? <ChevronRight aria-hidden className="size-3.5 shrink-0" /> : null}
              {last || !step.href ? (
                <span
                  aria-current={last ? 'page' : undefined}
                  lang={'lang' in step ? step.lang : undefined}
                  className="truncate text-foreground"
                >
                  {step.label}
                </span>
              ) : (
                <Link href={step.href} className="rounded-sm underline-offset-4 hover:text-foreground hover:underline">
                  {step.label}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
