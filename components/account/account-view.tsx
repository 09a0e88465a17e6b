import { PageHeader } from '@/components/layout/app-shell';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import type { Actor } from '@/lib/authz';
import { getT } from '@/lib/i18n/server';
import { PasswordForm } from './password-form';

/** The same account page in every area: who you are, and a password change. */
export async function AccountView({ actor }: { actor: Actor }) {
  const t = await getT();
  return (
    <>
      <PageHeader title={t('account.title')} description={t('account.description')} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
        <Card>
          <CardHeader>
            <CardTitle>{t('account.profile')}</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid gap-3 text-sm">
              <div className="grid gap-0.5">
                <dt className="text-muted-foreground">{t('auth.name')}</dt>
                <dd className="font-medium">{actor.name}</dd>
              </div>
              <div className="grid gap-0.5">
                <dt className="text-muted-foreground">{t('auth.email')}</dt>
                <dd className="font-medium break-all">{actor.email}</dd>
              </div>
              <div className="grid justify-items-start gap-1">
                <dt className="text-muted-foreground">{t('account.role')}</dt>
                <dd>
                  <Badge variant="secondary">{t(`roles.${actor.role}`)}</Badge>
                </dd>
              </div>
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t('account.changePassword')}</CardTitle>
            <CardDescription>{t('account.changePasswordHint')}</CardDescription>
          </CardHeader>
          <CardContent>
            <PasswordForm />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
