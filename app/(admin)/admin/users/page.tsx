import type { Metadata } from 'next';
import { Search, Users } from 'lucide-react';
import Link from 'next/link';
import { PageHeader } from '@/components/layout/app-shell';
import { KeysetPager } from '@/components/data/keyset-pager';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/select';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requireAreaActor } from '@/lib/auth/guard';
import { ROLES } from '@/lib/authz';
import { getRequestContext } from '@/lib/context/request';
import { env } from '@/lib/env';
import { ValidationError } from '@/lib/errors';
import { formatDate } from '@/lib/i18n/format';
import { getLocale, getT } from '@/lib/i18n/server';
import { listTeams, listUsers } from '@/lib/users/queries';
import { CreateUserDialog } from './_components/create-user-dialog';
import { UserRowActions } from './_components/user-row-actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('admin.users.title') };
}

function str(v: string | string[] | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export default async function UsersPage({ searchParams }: PageProps<'/admin/users'>) {
  const actor = await requireAreaActor('access:admin:any');
  const sp = await searchParams;
  const params = { q: str(sp.q), role: str(sp.role), status: str(sp.status), cursor: str(sp.cursor) };
  const ctx = await getRequestContext();
  const [t, locale] = [await getT(), await getLocale()];
  // A hand-edited URL with an unknown role or status shows an empty, explained result — not an error page.
  const page = await listUsers({ ctx, input: params }).catch((err) => {
    if (err instanceof ValidationError) return { items: [], nextCursor: null };
    throw err;
  });
  const teams = await listTeams({ ctx });
  const tz = env().SHOP_TIMEZONE;

  return (
    <>
      <PageHeader
        title={t('admin.users.title')}
        description={t('admin.users.description')}
        actions={<CreateUserDialog teams={teams} />}
      />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" role="search">
        <div className="relative min-w-56 flex-1">
          <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" />
          <Input
            name="q"
            defaultValue={params.q}
            placeholder={t('admin.users.searchPlaceholder')}
            aria-label={t('admin.users.searchPlaceholder')}
            className="pl-9"
            maxLength={100}
          />
        </div>
        <NativeSelect
          name="role"
          defaultValue={params.role ?? ''}
          aria-label={t('admin.users.role')}
          containerClassName="w-40"
        >
          <option value="">{t('admin.users.anyRole')}</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          name="status"
          defaultValue={params.status ?? ''}
          aria-label={t('admin.users.status')}
          containerClassName="w-40"
        >
          <option value="">{t('admin.users.anyStatus')}</option>
          <option value="active">{t('admin.users.active')}</option>
          <option value="inactive">{t('admin.users.inactive')}</option>
        </NativeSelect>
        <Button type="submit" variant="secondary">
          {t('common.apply')}
        </Button>
        {params.q || params.role || params.status ? (
          <Button variant="ghost" asChild>
            <Link href="/admin/users">{t('common.reset')}</Link>
          </Button>
        ) : null}
      </form>

      {page.items.length === 0 ? (
        <EmptyState icon={<Users />} title={t('admin.users.empty')} description={t('admin.users.emptyHint')} />
      ) : (
        <Card className="py-0">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t('admin.users.name')}</TableHead>
                <TableHead>{t('admin.users.email')}</TableHead>
                <TableHead>{t('admin.users.role')}</TableHead>
                <TableHead>{t('admin.users.teams')}</TableHead>
                <TableHead>{t('admin.users.status')}</TableHead>
                <TableHead>{t('admin.users.created')}</TableHead>
                <TableHead className="w-12">
                  <span className="sr-only">{t('common.actions')}</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {page.items.map((u) => (
                <TableRow key={u.id} data-testid={`user-row-${u.email}`}>
                  <TableCell className="font-medium">
                    {u.name}
                    {u.id === actor.userId ? (
                      <Badge variant="outline" className="ml-2">
                        {t('admin.users.you')}
                      </Badge>
                    ) : null}
                  </TableCell>
                  <TableCell className="text-muted-foreground">{u.email}</TableCell>
                  <TableCell>
                    <Badge variant="secondary">{t(`roles.${u.role}`)}</Badge>
                  </TableCell>
                  <TableCell className="text-muted-foreground">
                    {u.teams.map((x) => x.name).join(', ') || '—'}
                  </TableCell>
                  <TableCell>
                    {u.active ? (
                      <Badge variant="success">{t('admin.users.active')}</Badge>
                    ) : (
                      <Badge variant="destructive">{t('admin.users.inactive')}</Badge>
                    )}
                  </TableCell>
                  <TableCell className="text-muted-foreground tabular-nums">
                    {formatDate(u.createdAt, locale, tz)}
                  </TableCell>
                  <TableCell>
                    <UserRowActions user={u} teams={teams} isSelf={u.id === actor.userId} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
      <KeysetPager
        basePath="/admin/users"
        params={params}
        nextCursor={page.nextCursor}
        hasCursor={!!params.cursor}
        count={page.items.length}
      />
    </>
  );
}
