import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { CheckCircle2 } from 'lucide-react';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { getActor } from '@/lib/auth/actor';
import { homePathFor } from '@/lib/authz';
import { getT } from '@/lib/i18n/server';
import { safeCallbackUrl } from '../_lib/callback';
import { SignInForm } from './_components/sign-in-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('auth.signIn') };
}

export default async function SignInPage({ searchParams }: PageProps<'/sign-in'>) {
  const params = await searchParams;
  const actor = await getActor();
  if (actor) redirect(homePathFor(actor));
  const t = await getT();
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  return (
    <div className="grid gap-6">
      <div className="grid gap-1.5">
        <h1 className="text-2xl font-semibold tracking-tight">{t('auth.signInTitle')}</h1>
        <p className="text-sm text-muted-foreground">{t('auth.signInSubtitle')}</p>
      </div>
      {params.signedOut ? (
        <Alert variant="success">
          <CheckCircle2 />
          <AlertDescription>{t('auth.signedOut')}</AlertDescription>
        </Alert>
      ) : null}
      <SignInForm callbackUrl={callbackUrl} />
      <p className="text-center text-sm text-muted-foreground">
        {t('auth.noAccount')}{' '}
        <Link href="/register" className="font-medium text-primary underline-offset-4 hover:underline">
          {t('auth.createAccount')}
        </Link>
      </p>
    </div>
  );
}
