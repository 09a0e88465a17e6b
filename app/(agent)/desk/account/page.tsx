import type { Metadata } from 'next';
import { AccountView } from '@/components/account/account-view';
import { requireAreaActor } from '@/lib/auth/guard';
import { getT } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('account.title') };
}

export default async function AccountPage() {
  return <AccountView actor={await requireAreaActor('access:desk:any')} />;
}
