import 'server-only';
import { headers } from 'next/headers';
import { cache } from 'react';
import { getActor } from '@/lib/auth/actor';
import type { Ctx } from './index';
import { clientIpFrom, REQUEST_ID_HEADER } from './headers';

/** The context of the current HTTP request: actor, client address and request id (set by proxy.ts). */
export const getRequestContext = cache(async (): Promise<Ctx> => {
  const h = await headers();
  return {
    actor: await getActor(),
    ip: clientIpFrom(h),
    requestId: h.get(REQUEST_ID_HEADER),
    userAgent: h.get('user-agent'),
  };
});
