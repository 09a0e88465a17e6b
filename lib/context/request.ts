import 'server-only';
import { headers } from 'next/headers';
import { cache } from 'react';
import { getActor } from '@/lib/auth/actor';
import { can } from '@/lib/authz';
import { env } from '@/lib/env';
import { learnPublicOrigin, requestOrigin } from '@/lib/env/public-url';
import type { Ctx } from './index';
import { clientIpFrom, REQUEST_ID_HEADER } from './headers';

/** The context of the current HTTP request: actor, client address and request id (set by proxy.ts). */
export const getRequestContext = cache(async (): Promise<Ctx> => {
  const h = await headers();
  const actor = await getActor();
  // Links in e-mails follow the address staff use when APP_URL is not set (lib/env/public-url.ts).
  if (can(actor, 'access:desk:any') || can(actor, 'access:admin:any'))
    learnPublicOrigin(requestOrigin(h, env().TRUSTED_PROXIES));
  return {
    actor,
    ip: clientIpFrom(h),
    requestId: h.get(REQUEST_ID_HEADER),
    userAgent: h.get('user-agent'),
  };
});
