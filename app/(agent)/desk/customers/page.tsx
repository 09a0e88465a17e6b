import type { Metadata } from 'next';
import { AlertCircle, Download, Search, Users } from 'lucide-react';
import Link from 'next/link';
import { KeysetPager } from '@/components/data/keyset-pager';
import { pickParams, setParams } from '@/components/data/search-params';
import { PageHeader } from '@/components/layout/app-shell';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/select';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requireAreaActor } from '@/lib/auth/guard';
import { can } from '@/lib/authz';
import { getRequestContext } from '@/lib/context/request';
import type { CustomerListItemDto } from '@/lib/customers/dto';
import { listCustomers } from '@/lib/customers/queries';
import { CUSTOMER_SEARCH_FIELDS } from '@/lib/customers/schemas';
import { env } from '@/lib/env';
import { ValidationError } from '@/lib/errors';
import { formatDate, formatDateTime } from '@/lib/i18n/format';
import { getLocale, getT } from '@/lib/i18n/server';
import type { Page } from '@/lib/pagination';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('customers.title') };
}

const KEYS = ['q', 'field', 'tag', 'cursor'] as const;

function FilterLabel({ htmlFor, children }: { htmlFor: string; children: React.ReactNode }) {
  return (
    <Label htmlFor={htmlFor} className="text-xs font-normal text-muted-foreground">
      {children}
    </Label>
  );
}

export default async function CustomersPage({ searchParams }: PageProps<'/desk/customers'>) {
  const actor = await requireAreaActor('read:customer:any');
  const params = pickParams(await searchParams, KEYS);
  const ctx = await getRequestContext();
  const [t, locale] = [await getT(), await getLocale()];
  const tz = env().SHOP_TIMEZONE;
  let page: Page<CustomerListItemDto> = { items: [], nextCursor: null };
  let filterError: string | null = null;
  try {
    page = await listCustomers({ ctx, input: params });
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    filterError = Object.values(err.fieldErrors)
      .map((codes) => t.dynamic(`validation.${codes[0]}`, undefined, t('validation.invalid')))
      .join(' ');
  }
  const active = setParams(params);
  const filtered = Object.keys(active).length > 0;

  return (
    <>
      <PageHeader
        title={t('customers.title')}
        description={t('customers.description')}
        actions={
          can(actor, 'export:customer:any') ? (
            <Button variant="outline" asChild title={t('customers.exportHint')}>
              <a href={`/api/customers/export?${new URLSearchParams(active)}`} data-testid="export-customers">
                <Download />
                {t('customers.export')}
              </a>
            </Button>
          ) : null
        }
      />
      <form
        method="get"
        role="search"
        className="mb-4 grid gap-3 rounded-xl border bg-card p-4 sm:grid-cols-2 lg:grid-cols-4"
      >
        <div className="grid gap-1 sm:col-span-2">
          <FilterLabel htmlFor="customer-search">{t('common.search')}</FilterLabel>
          <div className="flex gap-2">
            <div className="relative flex-1">
              <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" />
              <Input
                id="customer-search"
                name="q"
                defaultValue={params.q}
                placeholder={t('customers.searchPlaceholder')}
                className="pl-9"
                maxLength={100}
              />
            </div>
            <NativeSelect
              name="field"
              defaultValue={params.field ?? 'auto'}
              aria-label={t('customers.searchField')}
              containerClassName="w-32"
            >
              {CUSTOMER_SEARCH_FIELDS.map((f) => (
                <option key={f} value={f}>
                  {t(`customers.fields.${f}`)}
                </option>
              ))}
            </NativeSelect>
          </div>
        </div>
        <div className="grid gap-1">
          <FilterLabel htmlFor="f-tag">{t('customers.tag')}</FilterLabel>
          <Input
            id="f-tag"
            name="tag"
            defaultValue={params.tag}
            placeholder={t('customers.tagPlaceholder')}
            maxLength={30}
          />
        </div>
        <div className="flex items-end gap-2">
          <Button type="submit">{t('common.apply')}</Button>
          {filtered ? (
            <Button variant="ghost" asChild>
              <Link href="/desk/customers">{t('common.reset')}</Link>
            </Button>
          ) : null}
        </div>
      </form>
      {filterError ? (
        <Alert variant="destructive" className="mb-4">
          <AlertCircle />
          <AlertDescription>{filterError}</AlertDescription>
        </Alert>
      ) : null}
      {page.items.length === 0 ? (
        filtered ? (
          <EmptyState icon={<Users />} title={t('customers.empty')} description={t('customers.emptyHint')} />
        ) : (
          <EmptyState icon={<Users />} title={t('customers.emptyAll')} description={t('customers.emptyAllHint')} />
        )
      ) : (
        <Card className="py-0">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t('customers.columns.name')}</TableHead>
                <TableHead>{t('customers.columns.phone')}</TableHead>
                <TableHead>{t('customers.columns.email')}</TableHead>
                <TableHead>{t('customers.columns.region')}</TableHead>
                <TableHead>{t('customers.columns.tags')}</TableHead>
                <TableHead className="text-right">{t('customers.columns.orders')}</TableHead>
                <TableHead>{t('customers.columns.lastOrder')}</TableHead>
                <TableHead>{t('customers.columns.account')}</TableHead>
                <TableHead>{t('customers.columns.since')}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {page.items.map((c) => (
                <TableRow key={c.id} data-testid={`customer-row-${c.id}`}>
                  <TableCell>
                    <Link href={`/desk/customers/${c.id}`} className="font-medium text-primary hover:underline">
                      {c.name}
                    </Link>
                  </TableCell>
                  <TableCell className="font-mono text-[13px] text-muted-foreground">{c.phoneMasked ?? '—'}</TableCell>
                  <TableCell className="text-muted-foreground">{c.emailMasked ?? '—'}</TableCell>
                  <TableCell className="text-muted-foreground">{c.region ?? '—'}</TableCell>
                  <TableCell>
                    {c.tags.length ? (
                      <div className="flex max-w-56 flex-wrap gap-1">
                        {c.tags.map((tag) => (
                          <Link key={tag} href={`/desk/customers?tag=${encodeURIComponent(tag)}`}>
                            <Badge variant="secondary">{tag}</Badge>
                          </Link>
                        ))}
                      </div>
                    ) : (
                      <span className="text-muted-foreground">—</span>
                    )}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{c.orderCount}</TableCell>
                  <TableCell className="text-muted-foreground tabular-nums">
                    {c.lastOrderAt ? (
                      <time dateTime={c.lastOrderAt}>{formatDateTime(c.lastOrderAt, locale, tz)}</time>
                    ) : (
                      '—'
                    )}
                  </TableCell>
                  <TableCell>
                    {c.hasAccount ? (
                      <Badge variant="success">{t('customers.hasAccount')}</Badge>
                    ) : (
                      <span className="text-muted-foreground">{t('customers.noAccount')}</span>
                    )}
                  </TableCell>
                  <TableCell className="text-muted-foreground tabular-nums">
                    <time dateTime={c.createdAt}>{formatDate(c.createdAt, locale, tz)}</time>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
      <KeysetPager
        basePath="/desk/customers"
        params={params}
        nextCursor={page.nextCursor}
        hasCursor={!!params.cursor}
        count={page.items.length}
      />
    </>
  );
}
