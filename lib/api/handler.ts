import 'server-only';
import { authenticateApiKey } from '@/lib/api-keys';
import type { Ctx } from '@/lib/context';
import { clientIpFrom, REQUEST_ID_HEADER } from '@/lib/context/headers';
import { getDb } from '@/db/client';
import { RateLimitedError } from '@/lib/errors';
import { errorResponse } from '@/lib/http';
import { createTranslator } from '@/lib/i18n/translate';
import en from '@/messages/en.json';
import { hit } from '@/lib/rate-limit';

/** 600 requests a minute per key, shared by all app instances. */
const RATE = { limit: 601, windowSeconds: 60, blockSeconds: 60 };
const english = createTranslator(en);

/**
 * Wraps a channel API endpoint: API-key authentication, per-key rate limit, JSON body parsing, and
 * JSON errors (401 bad key, 403 scope, 404, 409 stale version, 422 field errors, 429).
 */
export async function apiHandler(
  request: Request,
  run: (ctx: Ctx, body: unknown) => Promise<{ status: number; body: unknown }>,
): Promise<Response> {
  const requestId = request.headers.get(REQUEST_ID_HEADER);
  try {
    const { actor, keyId } = await authenticateApiKey(request.headers.get('authorization'));
    const blocked = await hit(await getDb(), `api:key:${keyId}`, RATE);
    if (blocked > 0) throw new RateLimitedError(blocked);
    let body: unknown = {};
    if (request.method !== 'GET') {
      const text = await request.text();
      if (text.length > 1_000_000)
        return Response.json(
          { error: { code: 'payload_too_large', message: 'Body larger than 1 MB' } },
          { status: 413 },
        );
      try {
        body = text ? JSON.parse(text) : {};
      } catch {
        return Response.json(
          { error: { code: 'invalid_json', message: 'The body is not valid JSON' } },
          { status: 400 },
        );
      }
    }
    const ctx: Ctx = {
      actor,
      ip: clientIpFrom(request.headers),
      requestId,
      userAgent: request.headers.get('user-agent'),
    };
    const result = await run(ctx, body);
    return Response.json(result.body, { status: result.status });
  } catch (err) {
    return errorResponse(err, { t: english, requestId });
  }
}
