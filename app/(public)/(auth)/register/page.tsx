import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/actor';
import { homePathFor } from '@/lib/authz';
import { getT } from '@/lib/i18n/server';
import { RegisterForm } from './_components/register-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('auth.register') };
}

export default async function RegisterPage() {
  const actor = await getActor();
  if (actor) redirect(homePathFor(actor));
  const t = await getT();
  return (
    <div className="grid gap-6">
      <div className="grid gap-1.5">
        <h1 className="text-2xl font-semibold tracking-tight">{t('auth.registerTitle')}</h1>
        <p className="text-sm text-muted-foreground">{t('auth.registerSubtitle')}</p>
      </div>
      <RegisterForm />
      <p className="text-center text-sm text-muted-foreground">
        {t('auth.haveAccount')}{' '}
        <Link href="/sign-in" className="font-medium text-primary underline-offset-4 hover:underline">
          {t('auth.signInInstead')}
        </Link>
      </p>
    </div>
  );
}
