import 'server-only';
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { cache } from 'react';
import type { Ctx } from '@/lib/context';
import { clientIpFrom, REQUEST_ID_HEADER } from '@/lib/context/headers';
import { publicUrl } from '@/lib/env/public-url';
import { getPublishedArticle, listHelpCategories } from '@/lib/help/public';
import { getLocale, getT } from '@/lib/i18n/server';
import { shopProfile } from '../../_lib/shop';

/**
 * Reads the help pages share within one request. `generateMetadata` and the page ask for the same
 * article or categories; React's request cache makes that one query, not two.
 */
export const publishedArticle = cache(getPublishedArticle);
export const helpCategories = cache(listHelpCategories);

/** The shop's name as shoppers know it (the fallback when the admin has not named the shop). */
export const shopName = cache(async (): Promise<string> => {
  const [shop, t] = [await shopProfile(), await getT()];
  return shop.name || t('publicShell.fallbackName');
});

/**
 * The reader of a help page, for the search log: the address and request id, but no session.
 * Help pages are public and cheap, so they do not look up who is signed in (a session read per
 * search); the search log records the query, not the person.
 */
export async function readerCtx(): Promise<Ctx> {
  const h = await headers();
  return { actor: null, ip: clientIpFrom(h), requestId: h.get(REQUEST_ID_HEADER) };
}

/**
 * Metadata of one help page: title and description, its canonical address (one per page: the
 * language comes from the reader's cookie, not the address) and the same for link previews.
 */
export async function helpMetadata(input: {
  title: string;
  description: string;
  path: string;
  type?: 'website' | 'article';
  index?: boolean;
}): Promise<Metadata> {
  const [shop, locale] = [await shopName(), await getLocale()];
  return {
    metadataBase: new URL(publicUrl()),
    title: { absolute: input.title },
    description: input.description,
    alternates: { canonical: input.path },
    openGraph: {
      type: input.type ?? 'website',
      title: input.title,
      description: input.description,
      url: input.path,
      siteName: shop,
      locale: locale === 'en' ? 'en_US' : 'zh_CN',
    },
    ...(input.index === false ? { robots: { index: false, follow: true } } : {}),
  };
}
