import type { Metadata } from 'next';
import { UsersRound } from 'lucide-react';
import { PageHeader } from '@/components/layout/app-shell';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requireAreaActor } from '@/lib/auth/guard';
import { ASSIGNMENT_MODES } from '@/lib/cases/assignment';
import { getRequestContext } from '@/lib/context/request';
import { getT } from '@/lib/i18n/server';
import { listTeams } from '@/lib/users/queries';
import { CreateTeamDialog } from './_components/create-team-dialog';
import { DeleteTeamButton } from './_components/delete-team-button';
import { TeamRoutingDialog } from './_components/team-routing-dialog';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('admin.teams.title') };
}

export default async function TeamsPage() {
  await requireAreaActor('access:admin:any');
  const t = await getT();
  const teams = await listTeams({ ctx: await getRequestContext() });
  return (
    <>
      <PageHeader
        title={t('admin.teams.title')}
        description={t('admin.teams.description')}
        actions={<CreateTeamDialog />}
      />
      {teams.length === 0 ? (
        <EmptyState icon={<UsersRound />} title={t('admin.teams.empty')} description={t('admin.teams.emptyHint')} />
      ) : (
        <Card className="py-0">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t('admin.teams.name')}</TableHead>
                <TableHead>{t('admin.teams.descriptionLabel')}</TableHead>
                <TableHead>{t('teamsRouting.caseTypes')}</TableHead>
                <TableHead>{t('teamsRouting.mode')}</TableHead>
                <TableHead className="text-right">{t('admin.teams.members')}</TableHead>
                <TableHead className="w-48">
                  <span className="sr-only">{t('common.actions')}</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {teams.map((team) => (
                <TableRow key={team.id} data-testid={`team-${team.name}`}>
                  <TableCell className="font-medium">{team.name}</TableCell>
                  <TableCell className="max-w-xs whitespace-normal text-muted-foreground">
                    {team.description || '—'}
                  </TableCell>
                  <TableCell className="max-w-xs whitespace-normal">
                    {team.caseTypes.length ? (
                      <div className="flex flex-wrap gap-1">
                        {team.caseTypes.map((type) => (
                          <Badge key={type} variant="secondary">
                            {t.dynamic(`cases.types.${type}`, undefined, type)}
                          </Badge>
                        ))}
                      </div>
                    ) : (
                      <span className="text-sm text-muted-foreground">{t('teamsRouting.none')}</span>
                    )}
                  </TableCell>
                  <TableCell>
                    <Badge variant={team.assignmentMode === 'manual' ? 'outline' : 'default'}>
                      {t.dynamic(`teamsRouting.modes.${team.assignmentMode}`, undefined, team.assignmentMode)}
                    </Badge>
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{team.memberCount}</TableCell>
                  <TableCell className="text-right whitespace-nowrap">
                    <TeamRoutingDialog
                      team={{
                        id: team.id,
                        name: team.name,
                        caseTypes: team.caseTypes,
                        assignmentMode: team.assignmentMode,
                      }}
                      modes={ASSIGNMENT_MODES}
                    />
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
