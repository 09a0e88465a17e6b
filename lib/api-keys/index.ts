import 'server-only';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { apiKeys, users } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import { authorize, type Actor, type Permission } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { NotFoundError, UnauthenticatedError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';

/** What a key may do, and the permissions each scope grants to requests made with it. */
export const API_SCOPES = {
  'orders:write': ['create:order:any', 'update:order:any', 'read:order:any'],
  'orders:status': ['update:order:any', 'read:order:any'],
  'products:write': ['manage:product:any', 'read:product:any'],
  'products:read': ['read:product:any'],
} as const satisfies Record<string, readonly Permission[]>;
export type ApiScope = keyof typeof API_SCOPES;

export const CreateApiKeyInput = z.object({
  name: z.string().trim().min(1, 'required').max(60, 'too_long'),
  scopes: z
    .array(z.enum(Object.keys(API_SCOPES) as [ApiScope, ...ApiScope[]], { message: 'invalid_choice' }))
    .min(1, 'required'),
});

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Creates a key and returns it in full, once: `ak_<prefix>_<secret>`. */
export async function createApiKey({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ id: string; key: string }> {
  const actor = authorize(ctx.actor, 'manage:apikey:any');
  const data = parseInput(CreateApiKeyInput, input);
  const prefix = randomBytes(6).toString('hex');
  const secret = randomBytes(24).toString('base64url');
  const key = `ak_${prefix}_${secret}`;
  return transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({
        name: data.name,
        prefix,
        keyHash: sha256(key),
        scopes: [...new Set(data.scopes)],
        createdBy: actor.userId,
      })
      .returning({ id: apiKeys.id });
    await recordAudit(tx, ctx, {
      action: 'apikey.create',
      entityType: 'api_key',
      entityId: row!.id,
      after: { name: data.name, prefix, scopes: data.scopes },
    });
    return { id: row!.id, key };
  });
}

export async function revokeApiKey({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  authorize(ctx.actor, 'manage:apikey:any');
  const { id } = parseInput(z.object({ id: z.uuid('not_found') }), input);
  await transaction(async (tx) => {
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning();
    if (!row) throw new NotFoundError('api_key');
    await recordAudit(tx, ctx, {
      action: 'apikey.revoke',
      entityType: 'api_key',
      entityId: id,
      before: { revoked: false },
      after: { revoked: true },
    });
  });
}

export async function listApiKeys({ ctx }: { ctx: Ctx }) {
  authorize(ctx.actor, 'manage:apikey:any');
  const db = await getDb();
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scopes: apiKeys.scopes,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
      createdBy: users.email,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.createdBy))
    .orderBy(desc(apiKeys.createdAt))
    .limit(200);
}

/**
 * The principal behind an `Authorization: Bearer ak_…` header, or UnauthenticatedError for a
 * missing, malformed, unknown or revoked key. Requests act with the key's scopes only, and are
 * audited as `api-key:<name>` on behalf of the admin who created it.
 */
export async function authenticateApiKey(header: string | null): Promise<{ actor: Actor; keyId: string }> {
  const match = /^Bearer\s+(ak_([0-9a-f]{12})_[A-Za-z0-9_-]{32})$/.exec(header?.trim() ?? '');
  if (!match) throw new UnauthenticatedError();
  const [, key, prefix] = match;
  const db = await getDb();
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.prefix, prefix!)).limit(1);
  if (!row || row.revokedAt) throw new UnauthenticatedError();
  const expected = Buffer.from(row.keyHash, 'hex');
  const given = Buffer.from(sha256(key!), 'hex');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new UnauthenticatedError();
  // Coarse "last used": at most one write a minute per key.
  await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiKeys.id, row.id),
        sql`(${apiKeys.lastUsedAt} is null or ${apiKeys.lastUsedAt} < now() - interval '1 minute')`,
      ),
    );
  const permissions = new Set<Permission>(row.scopes.flatMap((s) => [...(API_SCOPES[s as ApiScope] ?? [])]));
  return {
    keyId: row.id,
    actor: {
      userId: row.createdBy,
      sessionId: row.id,
      email: `api-key:${row.name}`,
      name: row.name,
      role: 'agent',
      locale: null,
      permissions,
    },
  };
}
