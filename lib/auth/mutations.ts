import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { users } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { AppError, RateLimitedError, ValidationError } from '@/lib/errors';
import { blockedFor, hit, hitGrowing, hitsIn, reset, type GrowingRule } from '@/lib/rate-limit';
import { logger } from '@/lib/log';
import { parseInput } from '@/lib/validation';
import { burnPasswordCheck, hashPassword, verifyPassword } from './password';
import { ChangePasswordInput, RegisterInput, SetLocaleInput, SignInInput } from './schemas';
import { publish } from '@/lib/realtime/publish';
import { createSession, revokeSession, revokeUserSessions } from './sessions';

/**
 * Sign-in throttling never lets one person lock out another (DESIGN §9). Failures are counted per
 * account *and* address: a guesser slows down only their own attempts on that account, while the
 * owner signing in from their own address is untouched. Four failures are free, then each one
 * doubles the wait (1, 2, 4, 8, 15 minutes …). One address failing across many accounts (a
 * password spray) is slowed the same way. Failures on one account from everywhere are only
 * counted, for the log: blocking on that count is exactly the lock-out we refuse to offer.
 */
export const PAIR_RULE: GrowingRule = {
  free: 4,
  windowSeconds: 60 * 60,
  baseBlockSeconds: 60,
  maxBlockSeconds: 15 * 60,
};
export const ADDRESS_RULE: GrowingRule = {
  free: 19,
  windowSeconds: 15 * 60,
  baseBlockSeconds: 60,
  maxBlockSeconds: 15 * 60,
};
const ACCOUNT_WINDOW_SECONDS = 60 * 60;
/** Every this many failures on one account within the window, a warning names the account id. */
const ACCOUNT_ALERT_EVERY = 25;

const pairKey = (email: string, ip: string | null) => `login:pair:${email}|${ip ?? 'unknown'}`;
const addressKey = (ip: string) => `login:ip:${ip}`;
const accountKey = (email: string) => `login:account:${email}`;

export class InvalidCredentialsError extends AppError {
  constructor() {
    super('invalid_credentials');
  }
}
export class AccountDisabledError extends AppError {
  constructor() {
    super('account_disabled');
  }
}

/**
 * Checks an e-mail and password and opens a session. Throttled per account and per address; the
 * same message and the same time are spent for an unknown e-mail as for a wrong password.
 */
export async function authenticate({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ userId: string; sessionId: string }> {
  const { email, password } = parseInput(SignInInput, input);
  const db = await getDb();
  const keys = [pairKey(email, ctx.ip), ...(ctx.ip ? [addressKey(ctx.ip)] : [])];
  const blocked = await blockedFor(db, keys);
  if (blocked > 0) throw new RateLimitedError(blocked);

  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  const valid = user ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);

  if (!user || !valid) {
    const { blockedNow, accountFailures } = await transaction(async (tx) => {
      const a = await hitGrowing(tx, pairKey(email, ctx.ip), PAIR_RULE);
      const b = ctx.ip ? await hitGrowing(tx, addressKey(ctx.ip), ADDRESS_RULE) : 0;
      // Counted with a window but never a block (see PAIR_RULE).
      await hit(tx, accountKey(email), {
        limit: 2_147_483_647,
        windowSeconds: ACCOUNT_WINDOW_SECONDS,
        blockSeconds: 0,
      });
      const failures = user ? await hitsIn(tx, accountKey(email), ACCOUNT_WINDOW_SECONDS) : 0;
      // The attempted e-mail is not logged for unknown accounts: it may be a mistyped password.
      await recordAudit(tx, ctx, {
        action: 'auth.sign_in_failed',
        entityType: 'user',
        entityId: user?.id ?? null,
        actorId: user?.id ?? null,
        actorLabel: user ? user.email : 'anonymous',
      });
      return { blockedNow: Math.max(a, b), accountFailures: failures };
    });
    if (user && accountFailures > 0 && accountFailures % ACCOUNT_ALERT_EVERY === 0) {
      logger.warn({ userId: user.id, failures: accountFailures }, 'many failed sign-ins on one account');
    }
    if (blockedNow > 0) throw new RateLimitedError(blockedNow);
    throw new InvalidCredentialsError();
  }
  if (!user.active) throw new AccountDisabledError();

  return transaction(async (tx) => {
    await reset(tx, pairKey(email, ctx.ip));
    const sessionId = await createSession(tx, user.id, { ip: ctx.ip, userAgent: ctx.userAgent });
    await recordAudit(tx, ctx, {
      action: 'auth.sign_in',
      entityType: 'user',
      entityId: user.id,
      actorId: user.id,
      actorLabel: user.email,
    });
    return { userId: user.id, sessionId };
  });
}

/**
 * Customer self-registration. Creates a customer account only (staff accounts come from admins);
 * the caller then signs the new customer in through the normal sign-in path.
 */
export async function registerCustomer({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ userId: string; email: string }> {
  const data = parseInput(RegisterInput, input);
  const db = await getDb();
  if (ctx.ip) {
    const blocked = await blockedFor(db, [`register:ip:${ctx.ip}`]);
    if (blocked > 0) throw new RateLimitedError(blocked);
  }
  const passwordHash = await hashPassword(data.password);
  return transaction(async (tx) => {
    if (ctx.ip) await hit(tx, `register:ip:${ctx.ip}`, { limit: 10, windowSeconds: 3600, blockSeconds: 3600 });
    const [created] = await tx
      .insert(users)
      .values({ email: data.email, name: data.name, role: 'customer', passwordHash })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!created) throw new ValidationError({ email: ['email_taken'] });
    await recordAudit(tx, ctx, {
      action: 'auth.register',
      entityType: 'user',
      entityId: created.id,
      actorId: created.id,
      actorLabel: data.email,
      after: { email: data.email, name: data.name, role: 'customer' },
    });
    return { userId: created.id, email: data.email };
  });
}

/** Changes the actor's own password and ends their other sessions (a stolen session dies with it). */
export async function changePassword({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ endedSessions: number }> {
  const actor = authorize(ctx.actor, 'update:profile:own');
  const data = parseInput(ChangePasswordInput, input);
  const db = await getDb();
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.userId));
  if (!user || !(await verifyPassword(user.passwordHash, data.currentPassword))) {
    throw new ValidationError({ currentPassword: ['wrong_password'] });
  }
  const passwordHash = await hashPassword(data.newPassword);
  return transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: sql`now()`, updatedAt: sql`now()`, version: sql`${users.version} + 1` })
      .where(eq(users.id, actor.userId));
    const endedSessions = await revokeUserSessions(tx, actor.userId, actor.sessionId);
    await recordAudit(tx, ctx, {
      action: 'auth.password_change',
      entityType: 'user',
      entityId: actor.userId,
      before: { passwordHash: 'old' },
      after: { passwordHash: 'new' },
    });
    return { endedSessions };
  });
}

/** Ends the actor's current session (server side; the cookie is cleared by the caller). */
export async function endSession({ ctx }: { ctx: Ctx }): Promise<void> {
  const actor = ctx.actor;
  if (!actor) return;
  await transaction(async (tx) => {
    await revokeSession(tx, actor.sessionId);
    await recordAudit(tx, ctx, { action: 'auth.sign_out', entityType: 'user', entityId: actor.userId });
  });
}

/**
 * Saves the actor's language choice on their account, so it follows them to other browsers and
 * later e-mails reach them in that language. Anonymous visitors keep it in a cookie only.
 */
export async function setPreferredLocale({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  const { locale } = parseInput(SetLocaleInput, input);
  const actor = ctx.actor;
  if (!actor || actor.locale === locale) return;
  await transaction(async (tx) => {
    await tx
      .update(users)
      .set({ locale, updatedAt: sql`now()` })
      .where(eq(users.id, actor.userId));
    // Checked sessions carry the language (lib/auth/session-cache.ts): every instance forgets them.
    await publish(tx, { type: 'access', userId: actor.userId });
    await recordAudit(tx, ctx, {
      action: 'user.locale_change',
      entityType: 'user',
      entityId: actor.userId,
      before: { locale: actor.locale },
      after: { locale },
    });
  });
}
