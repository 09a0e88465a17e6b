import type { Actor } from '@/lib/authz';

/**
 * Everything a verb needs to know about who is asking and from where.
 * Built once per request by `lib/context/request.ts`; tests build it directly.
 */
export type Ctx = {
  actor: Actor | null;
  ip: string | null;
  requestId: string | null;
  userAgent?: string | null;
};

export function systemCtx(requestId: string | null = null): Ctx {
  return { actor: null, ip: null, requestId };
}
