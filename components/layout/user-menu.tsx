'use client';

import { LogOut, Monitor, Moon, Settings, Sun } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { setThemeAction, signOutAction } from '@/app/actions';
import { Avatar, AvatarFallback } from '@/components/ui/avatar';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuSub,
  DropdownMenuSubContent,
  DropdownMenuSubTrigger,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { useT } from '@/lib/i18n/client';
import type { Theme } from '@/lib/theme';

export type UserMenuProps = {
  name: string;
  email: string;
  roleLabel: string;
  accountHref: string;
  theme: Theme;
};

/** Chinese names show their given name (last two characters); Latin names their initials. */
export function initials(name: string): string {
  const trimmed = name.trim();
  const han = trimmed.match(/^[\u4e00-\u9fff]+/)?.[0];
  if (han) return han.length <= 3 ? han.slice(-2) : han.slice(0, 1);
  return trimmed
    .split(/\s+/)
    .map((p) => p[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
}

export function UserMenu({ name, email, roleLabel, accountHref, theme }: UserMenuProps) {
  const t = useT();
  const router = useRouter();
  const [, startTransition] = useTransition();
  const chooseTheme = (value: string) =>
    startTransition(async () => {
      await setThemeAction(value);
      router.refresh();
    });
  return (
    <DropdownMenu>
      {/*
        Named by its text, not aria-label, so the name holds what the button shows (label in name):
        the user's name, after "User menu" for screen readers and narrow screens.
      */}
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" className="h-9 gap-2 px-2" data-testid="user-menu">
          <Avatar className="size-7" aria-hidden="true">
            <AvatarFallback className="bg-primary text-xs font-medium text-primary-foreground">
              {initials(name)}
            </AvatarFallback>
          </Avatar>
          <span aria-hidden="true" className="hidden max-w-36 truncate text-sm font-medium sm:inline">
            {name}
          </span>
          <span className="sr-only">{t('shell.userMenuOf', { name })}</span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64">
        <DropdownMenuLabel className="grid gap-0.5 font-normal">
          <span className="text-xs text-muted-foreground">{t('common.signedInAs')}</span>
          <span className="truncate font-medium">{name}</span>
          <span className="truncate text-xs text-muted-foreground">{email}</span>
          <span className="text-xs text-muted-foreground">{roleLabel}</span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href={accountHref}>
            <Settings />
            {t('common.account')}
          </Link>
        </DropdownMenuItem>
        <DropdownMenuSub>
          <DropdownMenuSubTrigger>
            {theme === 'dark' ? <Moon /> : theme === 'light' ? <Sun /> : <Monitor />}
            {t('common.theme')}
          </DropdownMenuSubTrigger>
          <DropdownMenuSubContent>
            <DropdownMenuRadioGroup value={theme} onValueChange={chooseTheme}>
              <DropdownMenuRadioItem value="light">{t('common.themeLight')}</DropdownMenuRadioItem>
              <DropdownMenuRadioItem value="dark">{t('common.themeDark')}</DropdownMenuRadioItem>
              <DropdownMenuRadioItem value="system">{t('common.themeSystem')}</DropdownMenuRadioItem>
            </DropdownMenuRadioGroup>
          </DropdownMenuSubContent>
        </DropdownMenuSub>
        <DropdownMenuSeparator />
        <DropdownMenuItem
          variant="destructive"
          onSelect={() => startTransition(() => signOutAction())}
          data-testid="sign-out"
        >
          <LogOut />
          {t('common.signOut')}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
