'use client';

import { Download, Printer } from 'lucide-react';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { useT } from '@/lib/i18n/client';

export type ExportItem = { name: string; label: string; href: string };

/**
 * "Download CSV": one file per report for the period and filters on screen. Plain download links
 * (the route handler sets the file name), so nothing here keeps state.
 */
export function ExportMenu({ items }: { items: ExportItem[] }) {
  const t = useT();
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" data-testid="export-menu">
          <Download aria-hidden="true" />
          {t('reports.export.button')}
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64">
        <DropdownMenuLabel className="text-xs font-normal text-muted-foreground">
          {t('reports.export.hint')}
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        {items.map((item) => (
          <DropdownMenuItem key={item.name} asChild>
            <a href={item.href} download data-testid={`export-${item.name}`}>
              {item.label}
            </a>
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

/** Opens the browser's print dialog; the page's print styles leave out navigation and controls. */
export function PrintButton() {
  const t = useT();
  return (
    <Button variant="outline" onClick={() => window.print()} data-testid="print-report">
      <Printer aria-hidden="true" />
      {t('reports.print')}
    </Button>
  );
}
