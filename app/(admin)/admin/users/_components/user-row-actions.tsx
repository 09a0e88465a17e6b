'use client';

import { MoreHorizontal, ShieldCheck, UserCheck, UserX, UsersRound } from 'lucide-react';
import { useState, useTransition } from 'react';
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/select';
import { toast } from '@/components/ui/toast';
import type { ActionResult } from '@/lib/actions';
import { ROLES, type Role } from '@/lib/authz/permissions';
import { useT } from '@/lib/i18n/client';
import type { TeamDto, UserRowDto } from '@/lib/users/dto';
import { changeUserRoleAction, setUserActiveAction, setUserTeamsAction } from '../actions';

type Open = 'role' | 'teams' | 'active' | null;

export function UserRowActions({ user, teams, isSelf }: { user: UserRowDto; teams: TeamDto[]; isSelf: boolean }) {
  const t = useT();
  const [open, setOpen] = useState<Open>(null);
  const [pending, startTransition] = useTransition();
  const [role, setRole] = useState<Role>(user.role);
  const [teamIds, setTeamIds] = useState<string[]>(user.teams.map((x) => x.id));

  const run = <T,>(call: () => Promise<ActionResult<T>>) =>
    startTransition(async () => {
      const result = await call();
      if (result.ok) {
        toast.success(result.message);
        setOpen(null);
      } else {
        toast.error(result.message);
      }
    });

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button
            variant="ghost"
            size="icon"
            aria-label={`${t('common.actions')}: ${user.name}`}
            data-testid={`user-actions-${user.email}`}
          >
            <MoreHorizontal />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuItem disabled={isSelf} onSelect={() => setOpen('role')}>
            <ShieldCheck />
            {t('admin.users.changeRole')}
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={() => setOpen('teams')}>
            <UsersRound />
            {t('admin.users.editTeams')}
          </DropdownMenuItem>
          <DropdownMenuSeparator />
          {user.active ? (
            <DropdownMenuItem variant="destructive" disabled={isSelf} onSelect={() => setOpen('active')}>
              <UserX />
              {t('admin.users.deactivate')}
            </DropdownMenuItem>
          ) : (
            <DropdownMenuItem
              onSelect={() => run(() => setUserActiveAction({ userId: user.id, active: true, version: user.version }))}
            >
              <UserCheck />
              {t('admin.users.reactivate')}
            </DropdownMenuItem>
          )}
        </DropdownMenuContent>
      </DropdownMenu>

      <Dialog open={open === 'role'} onOpenChange={(o) => setOpen(o ? 'role' : null)}>
        <DialogContent closeLabel={t('common.close')}>
          <DialogHeader>
            <DialogTitle>{t('admin.users.changeRoleTitle', { name: user.name })}</DialogTitle>
            <DialogDescription>{t('admin.users.changeRoleDescription')}</DialogDescription>
          </DialogHeader>
          <div className="grid gap-2">
            <Label htmlFor={`role-${user.id}`}>{t('admin.users.role')}</Label>
            <NativeSelect id={`role-${user.id}`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </NativeSelect>
          </div>
          <DialogFooter>
            <Button variant="outline" onClick={() => setOpen(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              disabled={pending || role === user.role}
              onClick={() => run(() => changeUserRoleAction({ userId: user.id, role, version: user.version }))}
            >
              {pending ? t('common.saving') : t('common.save')}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>

      <Dialog open={open === 'teams'} onOpenChange={(o) => setOpen(o ? 'teams' : null)}>
        <DialogContent closeLabel={t('common.close')}>
          <DialogHeader>
            <DialogTitle>{t('admin.users.editTeamsTitle', { name: user.name })}</DialogTitle>
          </DialogHeader>
          {teams.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t('admin.users.noTeams')}</p>
          ) : (
            <div className="grid gap-2">
              {teams.map((team) => (
                <div key={team.id} className="flex items-center gap-2">
                  <Checkbox
                    id={`team-${user.id}-${team.id}`}
                    checked={teamIds.includes(team.id)}
                    onCheckedChange={(c) =>
                      setTeamIds((ids) => (c === true ? [...ids, team.id] : ids.filter((id) => id !== team.id)))
                    }
                  />
                  <Label htmlFor={`team-${user.id}-${team.id}`} className="font-normal">
                    {team.name}
                  </Label>
                </div>
              ))}
            </div>
          )}
          <DialogFooter>
            <Button variant="outline" onClick={() => setOpen(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              disabled={pending || teams.length === 0}
              onClick={() => run(() => setUserTeamsAction({ userId: user.id, teamIds }))}
            >
              {pending ? t('common.saving') : t('common.save')}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>

      <AlertDialog open={open === 'active'} onOpenChange={(o) => setOpen(o ? 'active' : null)}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>{t('admin.users.deactivateTitle', { name: user.name })}</AlertDialogTitle>
            <AlertDialogDescription>{t('admin.users.deactivateDescription')}</AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>{t('common.cancel')}</AlertDialogCancel>
            <AlertDialogAction
              variant="destructive"
              disabled={pending}
              onClick={(e) => {
                e.preventDefault();
                run(() => setUserActiveAction({ userId: user.id, active: false, version: user.version }));
              }}
            >
              {t('admin.users.deactivate')}
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </>
  );
}
