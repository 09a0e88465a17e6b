import type { Metadata } from 'next';
import { AccountView } from '@/components/account/account-view';
import { requireAreaActor } from '@/lib/auth/guard';
import { getRequestContext } from '@/lib/context/request';
import { getT } from '@/lib/i18n/server';
import { getOwnAvailability } from '@/lib/users/availability';
import { AvailabilitySwitch } from './_components/availability-switch';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('account.title') };
}

export default async function AccountPage() {
  const actor = await requireAreaActor('access:desk:any');
  const available = await getOwnAvailability({ ctx: await getRequestContext() });
  return (
    <div className="grid gap-6">
      <AccountView actor={actor} />
      <div className="max-w-2xl">
        <AvailabilitySwitch initial={available} />
      </div>
    </div>
  );
}
