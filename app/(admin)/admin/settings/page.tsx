import type { Metadata } from 'next';
import { Info } from 'lucide-react';
import { PageHeader } from '@/components/layout/app-shell';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { requireAreaActor } from '@/lib/auth/guard';
import { getLocale, getT } from '@/lib/i18n/server';
import { formatMoney } from '@/lib/money';
import { SHOP_CURRENCIES } from '@/lib/shop/currencies';
import { getShopProfile } from '@/lib/shop/profile';
import { getShopSettings } from '@/lib/shop/settings';
import { CompensationThresholdForm } from './_components/compensation-threshold-form';
import { CurrencyForm } from './_components/currency-form';
import { ShopNameForm } from './_components/shop-name-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('shopSettings.title') };
}

export default async function ShopSettingsPage() {
  await requireAreaActor('access:admin:any');
  const [t, locale, settings, profile] = [
    await getT(),
    await getLocale(),
    await getShopSettings(),
    await getShopProfile(),
  ];
  const names = new Intl.DisplayNames([locale], { type: 'currency' });
  // The shop's current currency is always offered, even if it is no longer on the list.
  const codes = (SHOP_CURRENCIES as readonly string[]).includes(settings.currency)
    ? [...SHOP_CURRENCIES]
    : [settings.currency, ...SHOP_CURRENCIES];
  const options = codes.map((code) => ({
    code,
    label: `${code} · ${names.of(code) ?? code}`,
    example: formatMoney(129_900, code, locale),
  }));
  return (
    <>
      <PageHeader title={t('shopSettings.title')} description={t('shopSettings.description')} />
      <Card className="mb-6 max-w-2xl">
        <CardHeader>
          <CardTitle>{t('shopSettings.nameTitle')}</CardTitle>
          <CardDescription>{t('shopSettings.nameHelp')}</CardDescription>
        </CardHeader>
        <CardContent>
          <ShopNameForm name={profile.name} />
        </CardContent>
      </Card>
      <Card className="max-w-2xl">
        <CardHeader>
          <CardTitle>{t('shopSettings.currencyTitle')}</CardTitle>
          <CardDescription>{t('shopSettings.currencyHelp')}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <p className="flex items-start gap-2 rounded-md border bg-muted/40 p-3 text-sm text-muted-foreground">
            <Info aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
            {t('shopSettings.currencyLocked')}
          </p>
          <CurrencyForm
            key={settings.version}
            currency={settings.currency}
            version={settings.version}
            options={options}
          />
        </CardContent>
      </Card>
      <Card className="mt-6 max-w-2xl">
        <CardHeader>
          <CardTitle>{t('shopSettings.compensationTitle')}</CardTitle>
          <CardDescription>{t('shopSettings.compensationHelp')}</CardDescription>
        </CardHeader>
        <CardContent>
          <CompensationThresholdForm
            key={settings.compensationApprovalCents}
            cents={settings.compensationApprovalCents}
            currency={settings.currency}
          />
        </CardContent>
      </Card>
    </>
  );
}
