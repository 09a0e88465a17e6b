import { and, eq, isNull, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents, rateLimits, sessions, users } from '@/db/schema';
import { clientIpFrom } from '@/lib/context/headers';
import { anonymousCtx, auditFor, createTestUser, ctxFor, TEST_PASSWORD, uniqueEmail, uniqueIp } from '@/test/factories';
import { RateLimitedError, UnauthenticatedError, ValidationError } from '@/lib/errors';
import {
  AccountDisabledError,
  authenticate,
  changePassword,
  InvalidCredentialsError,
  registerCustomer,
  setPreferredLocale,
} from './mutations';
import { loadActorBySession } from './sessions';

async function auditCountFor(requestId: string) {
  const db = await getDb();
  return (await db.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.requestId, requestId))).length;
}

describe('authenticate', () => {
  it('opens a session for the right password and records the sign-in', async () => {
    const user = await createTestUser({ role: 'agent' });
    const { sessionId, userId } = await authenticate({
      ctx: anonymousCtx(),
      input: { email: user.email.toUpperCase(), password: TEST_PASSWORD },
    });
    expect(userId).toBe(user.id);
    const actor = await loadActorBySession(await getDb(), sessionId);
    expect(actor?.role).toBe('agent');
    expect(actor?.permissions.has('access:desk:any')).toBe(true);
    expect((await auditFor(user.id)).map((e) => e.action)).toContain('auth.sign_in');
  });

  it('refuses a wrong password and an unknown e-mail with the same error', async () => {
    const user = await createTestUser({ role: 'customer' });
    await expect(
      authenticate({ ctx: anonymousCtx(), input: { email: user.email, password: 'wrong-password' } }),
    ).rejects.toBeInstanceOf(InvalidCredentialsError);
    await expect(
      authenticate({ ctx: anonymousCtx(), input: { email: uniqueEmail('ghost'), password: 'whatever1' } }),
    ).rejects.toBeInstanceOf(InvalidCredentialsError);
    expect((await auditFor(user.id)).map((e) => e.action)).toEqual(['auth.sign_in_failed']);
  });

  it('slows a guesser down with growing delays on their own address only: the owner is never locked out', async () => {
    // An admin: the account an attacker would most like to lock.
    const user = await createTestUser({ role: 'admin' });
    const attacker = uniqueIp();
    for (let i = 0; i < 4; i++) {
      await expect(
        authenticate({ ctx: anonymousCtx(attacker), input: { email: user.email, password: `nope-${i}` } }),
      ).rejects.toBeInstanceOf(InvalidCredentialsError);
    }
    await expect(
      authenticate({ ctx: anonymousCtx(attacker), input: { email: user.email, password: 'nope-5' } }),
    ).rejects.toMatchObject({
      code: 'rate_limited',
      params: { minutes: 1 },
    });
    // Even the right password waits, from the guessing address…
    await expect(
      authenticate({ ctx: anonymousCtx(attacker), input: { email: user.email, password: TEST_PASSWORD } }),
    ).rejects.toBeInstanceOf(RateLimitedError);
    // …while the owner, from their own address, signs in at once.
    await expect(
      authenticate({ ctx: anonymousCtx(), input: { email: user.email, password: TEST_PASSWORD } }),
    ).resolves.toMatchObject({ userId: user.id });

    // Each further failure after a wait doubles it: 1 → 2 → 4 minutes.
    const db = await getDb();
    const pair = `login:pair:${user.email}|${attacker}`;
    for (const minutes of [2, 4]) {
      await db
        .update(rateLimits)
        .set({ blockedUntil: sql`now() - interval '1 second'` })
        .where(eq(rateLimits.key, pair));
      await expect(
        authenticate({ ctx: anonymousCtx(attacker), input: { email: user.email, password: 'nope-again' } }),
      ).rejects.toMatchObject({
        code: 'rate_limited',
        params: { minutes },
      });
    }
  });

  it('ignores client-written forwarded headers: a spoofed X-Real-IP or X-Forwarded-For changes no throttle key', async () => {
    const user = await createTestUser({ role: 'customer' });
    const spoofed = (n: number) => new Headers({ 'x-real-ip': `6.6.6.${n}`, 'x-forwarded-for': `7.7.7.${n}` });
    // Without the server's own stamp the address is unknown — never what the client wrote.
    expect(clientIpFrom(spoofed(1))).toBeNull();
    for (let i = 0; i < 4; i++) {
      const ctx = { ...anonymousCtx(), ip: clientIpFrom(spoofed(i)) };
      await expect(authenticate({ ctx, input: { email: user.email, password: `nope-${i}` } })).rejects.toBeInstanceOf(
        InvalidCredentialsError,
      );
    }
    // A fifth address "rotation" is still the same (unknown) address: it is throttled.
    const ctx = { ...anonymousCtx(), ip: clientIpFrom(spoofed(99)) };
    await expect(authenticate({ ctx, input: { email: user.email, password: 'nope-5' } })).rejects.toBeInstanceOf(
      RateLimitedError,
    );
  });

  it('throttles one address that fails across many accounts', async () => {
    const ip = uniqueIp();
    for (let i = 0; i < 19; i++) {
      await expect(
        authenticate({ ctx: anonymousCtx(ip), input: { email: uniqueEmail('spray'), password: 'guess-123' } }),
      ).rejects.toBeInstanceOf(InvalidCredentialsError);
    }
    await expect(
      authenticate({ ctx: anonymousCtx(ip), input: { email: uniqueEmail('spray'), password: 'guess-123' } }),
    ).rejects.toBeInstanceOf(RateLimitedError);
    const user = await createTestUser({ role: 'customer' });
    await expect(
      authenticate({ ctx: anonymousCtx(ip), input: { email: user.email, password: TEST_PASSWORD } }),
    ).rejects.toBeInstanceOf(RateLimitedError);
    // Another address is unaffected.
    await expect(
      authenticate({ ctx: anonymousCtx(), input: { email: user.email, password: TEST_PASSWORD } }),
    ).resolves.toBeTruthy();
  });

  it('refuses a deactivated account with its own message', async () => {
    const user = await createTestUser({ role: 'agent', active: false });
    await expect(
      authenticate({ ctx: anonymousCtx(), input: { email: user.email, password: TEST_PASSWORD } }),
    ).rejects.toBeInstanceOf(AccountDisabledError);
  });

  it('rejects malformed and over-long input without writing anything', async () => {
    // Counted by this request's id: other test files write audit events on a shared database.
    const ctx = anonymousCtx();
    await expect(authenticate({ ctx, input: { email: 'not-an-email', password: 'x' } })).rejects.toMatchObject({
      fieldErrors: { email: ['invalid_email'] },
    });
    await expect(
      authenticate({ ctx, input: { email: `${'a'.repeat(250)}@x.com`, password: 'x'.repeat(129) } }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(authenticate({ ctx, input: null })).rejects.toBeInstanceOf(ValidationError);
    expect(await auditCountFor(ctx.requestId!)).toBe(0);
  });
});

describe('registerCustomer', () => {
  it('creates a customer account only, audited', async () => {
    const email = uniqueEmail('new');
    const { userId } = await registerCustomer({
      ctx: anonymousCtx(),
      input: { name: '新客户', email, password: 'long-enough-1', confirmPassword: 'long-enough-1', role: 'admin' },
    });
    const db = await getDb();
    const [row] = await db.select().from(users).where(eq(users.id, userId));
    expect(row?.role).toBe('customer');
    expect(row?.passwordHash).not.toContain('long-enough-1');
    expect((await auditFor(userId)).map((e) => e.action)).toEqual(['auth.register']);
  });

  it('refuses a taken e-mail, a short password and mismatched confirmation with field errors', async () => {
    const existing = await createTestUser({ role: 'customer' });
    await expect(
      registerCustomer({
        ctx: anonymousCtx(),
        input: { name: 'X', email: existing.email, password: 'long-enough-1', confirmPassword: 'long-enough-1' },
      }),
    ).rejects.toMatchObject({ fieldErrors: { email: ['email_taken'] } });
    await expect(
      registerCustomer({
        ctx: anonymousCtx(),
        input: { name: 'X', email: uniqueEmail(), password: 'short', confirmPassword: 'other' },
      }),
    ).rejects.toMatchObject({
      fieldErrors: { password: ['password_too_short'], confirmPassword: ['passwords_differ'] },
    });
  });
});

describe('changePassword', () => {
  it('needs the current password, then ends every other session but this one', async () => {
    const user = await createTestUser({ role: 'customer' });
    const ctx = await ctxFor(user);
    const other = await ctxFor(user);
    await expect(
      changePassword({
        ctx,
        input: { currentPassword: 'wrong', newPassword: 'brand-new-pass', confirmPassword: 'brand-new-pass' },
      }),
    ).rejects.toMatchObject({ fieldErrors: { currentPassword: ['wrong_password'] } });

    const result = await changePassword({
      ctx,
      input: { currentPassword: TEST_PASSWORD, newPassword: 'brand-new-pass', confirmPassword: 'brand-new-pass' },
    });
    expect(result.endedSessions).toBe(1);
    const db = await getDb();
    expect(await loadActorBySession(db, other.actor!.sessionId)).toBeNull();
    expect(await loadActorBySession(db, ctx.actor!.sessionId)).not.toBeNull();
    await expect(
      authenticate({ ctx: anonymousCtx(), input: { email: user.email, password: 'brand-new-pass' } }),
    ).resolves.toBeTruthy();
    const audit = await auditFor(user.id);
    const change = audit.find((e) => e.action === 'auth.password_change');
    expect(JSON.stringify(change?.changes)).not.toContain('brand-new-pass');
  });

  it('refuses an anonymous caller', async () => {
    await expect(
      changePassword({
        ctx: anonymousCtx(),
        input: { currentPassword: 'a', newPassword: 'bbbbbbbb', confirmPassword: 'bbbbbbbb' },
      }),
    ).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});

describe('sessions', () => {
  it('stop working once revoked or when the user is deactivated', async () => {
    const user = await createTestUser({ role: 'agent' });
    const ctx = await ctxFor(user);
    const db = await getDb();
    await db.update(users).set({ active: false }).where(eq(users.id, user.id));
    expect(await loadActorBySession(db, ctx.actor!.sessionId)).toBeNull();
    expect(await loadActorBySession(db, 'not-a-uuid')).toBeNull();
    const open = await db
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt)));
    expect(open).toHaveLength(1);
  });
});

describe('setPreferredLocale', () => {
  it('saves a supported language for the signed-in user, audited, and rejects others', async () => {
    const user = await createTestUser({ role: 'customer' });
    const ctx = await ctxFor(user);
    await setPreferredLocale({ ctx, input: { locale: 'en' } });
    const db = await getDb();
    const [row] = await db.select({ locale: users.locale }).from(users).where(eq(users.id, user.id));
    expect(row?.locale).toBe('en');
    expect((await auditFor(user.id)).map((e) => e.action)).toContain('user.locale_change');
    await expect(setPreferredLocale({ ctx, input: { locale: 'fr' } })).rejects.toBeInstanceOf(ValidationError);
  });
});
