import type { Metadata } from 'next';
import { UsersRound } from 'lucide-react';
import { PageHeader } from '@/components/layout/app-shell';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requireAreaActor } from '@/lib/auth/guard';
import { getRequestContext } from '@/lib/context/request';
import { getT } from '@/lib/i18n/server';
import { listTeams } from '@/lib/users/queries';
import { CreateTeamDialog } from './_components/create-team-dialog';
import { DeleteTeamButton } from './_components/delete-team-button';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('admin.teams.title') };
}

export default async function TeamsPage() {
  await requireAreaActor('access:admin:any');
  const t = await getT();
  const teams = await listTeams({ ctx: await getRequestContext() });
  return (
    <>
      <PageHeader title={t('admin.teams.title')} description={t('admin.teams.description')} actions={<CreateTeamDialog />} />
      {teams.length === 0 ? (
        <EmptyState icon={<UsersRound />} title={t('admin.teams.empty')} description={t('admin.teams.emptyHint')} />
      ) : (
        <Card className="py-0">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t('admin.teams.name')}</TableHead>
                <TableHead>{t('admin.teams.descriptionLabel')}</TableHead>
                <TableHead className="text-right">{t('admin.teams.members')}</TableHead>
                <TableHead className="w-28">
                  <span className="sr-only">{t('common.actions')}</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {teams.map((team) => (
                <TableRow key={team.id}>
                  <TableCell className="font-medium">{team.name}</TableCell>
                  <TableCell className="text-muted-foreground">{team.description || '—'}</TableCell>
                  <TableCell className="text-right tabular-nums">{team.memberCount}</TableCell>
                  <TableCell className="text-right">
                    <DeleteTeamButton id={team.id} name={team.name} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
    </>
  );
}
