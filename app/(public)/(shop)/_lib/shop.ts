import 'server-only';
import { cache } from 'react';
import { getShopProfile } from '@/lib/shop/profile';

/**
 * The shop's profile once per request: the layout's header and a page's metadata (the help
 * center's titles name the shop) share one read.
 */
export const shopProfile = cache(getShopProfile);
