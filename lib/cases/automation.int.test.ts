import { eq, sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { caseEvents, cases, emailOutbox, jobs, notifications, teamMembers, teams } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import { resetEnvCache } from '@/lib/env';
import { UnauthenticatedError } from '@/lib/errors';
import { JOB_HANDLERS } from '@/lib/jobs/handlers';
import { runDueJobs } from '@/lib/jobs/worker';
import { resetMailTransport } from '@/lib/mail/transport';
import { listNotifications, markNotificationsRead } from '@/lib/notifications';
import { anonymousCtx, createTestProduct, createTestUser, ctxFor, orderOfNewCustomer } from '@/test/factories';
import { routeNewCase } from './assignment';
import { addCaseMessage, assignCase, updateCaseFlags } from './conversation';
import { autoCloseCases, scanSla } from './jobs';
import { applyCaseAction, createCase, setReturnTracking } from './mutations';

let agent: Ctx;
let agentId: string;
let supervisor: Ctx;
let supervisorId: string;
let sku: string;

beforeAll(async () => {
  const a = await createTestUser({ role: 'agent' });
  agentId = a.id;
  agent = await ctxFor(a);
  const s = await createTestUser({ role: 'supervisor' });
  supervisorId = s.id;
  supervisor = await ctxFor(s);
  sku = (await createTestProduct({ priceCents: 10_000 })).sku;
});

async function openReturn() {
  const o = await orderOfNewCustomer(agent, sku);
  const { caseNo } = await createCase({
    ctx: o.customer,
    input: {
      orderNo: o.orderNo,
      type: 'return_refund',
      reason: 'no_reason',
      description: '尺码不合适',
      items: [{ sku, quantity: 1 }],
    },
  });
  const db = await getDb();
  const [row] = await db.select().from(cases).where(eq(cases.caseNo, caseNo));
  return { ...o, caseNo, row: row! };
}

async function outboxOf(caseId: number) {
  const db = await getDb();
  return db.select().from(emailOutbox).where(eq(emailOutbox.caseId, caseId)).orderBy(emailOutbox.id);
}

/** Runs the delivery jobs of these outbox rows only (other test files share the queue). */
async function deliver(rows: { id: number }[]) {
  return runDueJobs(JOB_HANDLERS, { dedupeKeys: rows.map((r) => `email:${r.id}`) });
}

describe('customer e-mail', () => {
  let server: SMTPServer;
  const received: { to: string; raw: string }[] = [];
  let port = 0;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as { port: number }).port;
  });

  afterAll(async () => {
    delete process.env.SMTP_URL;
    resetEnvCache();
    resetMailTransport();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('is written with the change and delivered afterwards over SMTP, in the customer’s language', async () => {
    process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
    resetEnvCache();
    resetMailTransport();
    const { caseNo, row, user } = await openReturn();
    const [created] = await outboxOf(row.id);
    expect(created).toMatchObject({
      toAddress: user.email,
      status: 'queued',
      subject: `【${caseNo}】我们已收到您的售后申请`,
    });
    expect(await deliver([created!])).toBe(1);
    const [sent] = await outboxOf(row.id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1 });
    const mail = received.find((m) => m.to === user.email);
    expect(mail?.raw).toContain(caseNo);

    await applyCaseAction({ ctx: agent, input: { caseNo, version: row.version, action: 'approve' } });
    const after = await outboxOf(row.id);
    expect(after).toHaveLength(2);
    expect(after[1]!.subject).toContain('您的申请已通过');
    // Internal notes never reach the customer; public replies do.
    await addCaseMessage({ ctx: agent, input: { caseNo, body: '内部：请仓库注意', internal: true } });
    await addCaseMessage({ ctx: agent, input: { caseNo, body: '请按地址寄回，谢谢' } });
    const all = await outboxOf(row.id);
    expect(all).toHaveLength(3);
    expect(all[2]!.textBody).toContain('请按地址寄回');
    expect(all.map((m) => m.textBody).join()).not.toContain('内部');
  });

  it('retries when the mail server is down, without touching the case, and gives up after the last attempt', async () => {
    process.env.SMTP_URL = 'smtp://127.0.0.1:1';
    resetEnvCache();
    resetMailTransport();
    const { row } = await openReturn();
    const [mail] = await outboxOf(row.id);
    await deliver([mail!]);
    const db = await getDb();
    const [job] = await db
      .select()
      .from(jobs)
      .where(eq(jobs.dedupeKey, `email:${mail!.id}`));
    expect(job).toMatchObject({ attempts: 1, doneAt: null, failedAt: null });
    expect(job!.runAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
    expect(job!.lastError).toBeTruthy();
    expect((await outboxOf(row.id))[0]).toMatchObject({ status: 'queued', attempts: 1 });
    // Make the retry due now and the next one the last.
    await db
      .update(jobs)
      .set({ runAt: sql`now()`, maxAttempts: 2 })
      .where(eq(jobs.id, job!.id));
    await deliver([mail!]);
    const [failed] = await db.select().from(jobs).where(eq(jobs.id, job!.id));
    expect(failed!.failedAt).not.toBeNull();
    expect((await outboxOf(row.id))[0]).toMatchObject({ status: 'failed', attempts: 2 });
    const [c] = await db.select().from(cases).where(eq(cases.id, row.id));
    expect(c!.status).toBe('submitted');
  });

  it('stays in the outbox as stored when no SMTP is configured', async () => {
    delete process.env.SMTP_URL;
    resetEnvCache();
    resetMailTransport();
    const { row } = await openReturn();
    const [mail] = await outboxOf(row.id);
    await deliver([mail!]);
    expect((await outboxOf(row.id))[0]).toMatchObject({ status: 'stored' });
  });
});

describe('notifications', () => {
  it('tell an assignee about the assignment and the customer’s reply; each reads only their own', async () => {
    const { caseNo, customer } = await openReturn();
    await assignCase({ ctx: supervisor, input: { caseNo, assigneeId: agentId } });
    await addCaseMessage({ ctx: customer, input: { caseNo, body: '请问什么时候处理？' } });
    const mine = await listNotifications({ ctx: agent, input: {} });
    const kinds = mine.items.filter((n) => n.caseNo === caseNo).map((n) => n.kind);
    expect(kinds).toEqual(['customer_replied', 'assigned']);
    expect(mine.unread).toBeGreaterThanOrEqual(2);

    // Another agent cannot mark them read; the customer (who has a bell of their own since #18)
    // never sees the agent's, and anonymous callers cannot read any.
    const other = await ctxFor(await createTestUser({ role: 'agent' }));
    const ids = mine.items.filter((n) => n.caseNo === caseNo).map((n) => n.id);
    expect(await markNotificationsRead({ ctx: other, input: { ids } })).toBe(0);
    expect(await markNotificationsRead({ ctx: customer, input: { ids } })).toBe(0);
    expect((await listNotifications({ ctx: customer, input: {} })).items.some((n) => ids.includes(n.id))).toBe(false);
    await expect(listNotifications({ ctx: anonymousCtx(), input: {} })).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(await markNotificationsRead({ ctx: agent, input: { ids } })).toBe(2);
    const after = await listNotifications({ ctx: agent, input: {} });
    expect(after.items.filter((n) => n.caseNo === caseNo).every((n) => n.read)).toBe(true);
  });

  it('tell supervisors when a case is escalated', async () => {
    const { caseNo } = await openReturn();
    await updateCaseFlags({ ctx: agent, input: { caseNos: [caseNo], escalated: true } });
    const theirs = await listNotifications({ ctx: supervisor, input: {} });
    expect(theirs.items.find((n) => n.caseNo === caseNo)?.kind).toBe('escalated');
  });
});

describe('SLA watch', () => {
  it('escalates a missed deadline once, to the assignee and every supervisor', async () => {
    const { caseNo, row } = await openReturn();
    await assignCase({ ctx: supervisor, input: { caseNo, assigneeId: agentId } });
    const db = await getDb();
    await db
      .update(cases)
      .set({ firstResponseDueAt: sql`now() - interval '5 minutes'` })
      .where(eq(cases.id, row.id));
    await scanSla();
    await scanSla();
    const [c] = await db.select().from(cases).where(eq(cases.id, row.id));
    expect(c!.escalated).toBe(true);
    const notes = await db.select().from(notifications).where(eq(notifications.caseId, row.id));
    const breach = notes.filter((n) => n.kind === 'sla_breached');
    expect(breach.map((n) => n.userId).sort()).toEqual(expect.arrayContaining([agentId, supervisorId]));
    expect(breach.filter((n) => n.userId === agentId)).toHaveLength(1);
    const events = await db.select().from(caseEvents).where(eq(caseEvents.caseId, row.id));
    expect(events.filter((e) => e.kind === 'sla_breached')).toHaveLength(1);
  });

  it('warns the assignee once when a deadline is under two hours away', async () => {
    const { caseNo, row } = await openReturn();
    await assignCase({ ctx: supervisor, input: { caseNo, assigneeId: agentId } });
    const db = await getDb();
    await db
      .update(cases)
      .set({ firstResponseDueAt: sql`now() + interval '30 minutes'` })
      .where(eq(cases.id, row.id));
    await scanSla();
    await scanSla();
    const notes = await db.select().from(notifications).where(eq(notifications.caseId, row.id));
    expect(notes.filter((n) => n.kind === 'sla_due_soon' && n.userId === agentId)).toHaveLength(1);
  });

  it('pauses while waiting on the customer and gives the time back when they answer', async () => {
    const { caseNo, row, customer } = await openReturn();
    const db = await getDb();
    const approved = await applyCaseAction({ ctx: agent, input: { caseNo, version: row.version, action: 'approve' } });
    await applyCaseAction({ ctx: agent, input: { caseNo, version: approved.version, action: 'request_return' } });
    let [c] = await db.select().from(cases).where(eq(cases.id, row.id));
    expect(c!.pausedSince).not.toBeNull();
    // Pretend the wait began an hour ago.
    await db
      .update(cases)
      .set({ pausedSince: sql`paused_since - interval '1 hour'` })
      .where(eq(cases.id, row.id));
    const resolutionBefore = c!.resolutionDueAt!.getTime();
    await setReturnTracking({ ctx: customer, input: { caseNo, carrier: '顺丰速运', trackingNo: 'sf1234567890' } });
    [c] = await db.select().from(cases).where(eq(cases.id, row.id));
    expect(c).toMatchObject({ returnCarrier: '顺丰速运', returnTrackingNo: 'SF1234567890', status: 'awaiting_return' });
    await applyCaseAction({ ctx: agent, input: { caseNo, version: c!.version, action: 'receive_return' } });
    [c] = await db.select().from(cases).where(eq(cases.id, row.id));
    expect(c!.pausedSince).toBeNull();
    // Round the clock by default: the resolution deadline moved on by about the hour waited.
    const shift = c!.resolutionDueAt!.getTime() - resolutionBefore;
    expect(shift).toBeGreaterThan(59 * 60_000);
    expect(shift).toBeLessThan(62 * 60_000);
  });

  it('refuses a tracking number outside the return step, from another customer, and malformed', async () => {
    const { caseNo, customer } = await openReturn();
    await expect(
      setReturnTracking({ ctx: customer, input: { caseNo, carrier: '顺丰速运', trackingNo: 'SF1234567' } }),
    ).rejects.toMatchObject({ code: 'return_not_expected' });
    const stranger = await ctxFor(await createTestUser({ role: 'customer' }));
    await expect(
      setReturnTracking({ ctx: stranger, input: { caseNo, carrier: '顺丰速运', trackingNo: 'SF1234567' } }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      setReturnTracking({ ctx: anonymousCtx(), input: { caseNo, carrier: '顺丰速运', trackingNo: 'SF1234567' } }),
    ).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(
      setReturnTracking({ ctx: customer, input: { caseNo, carrier: '顺丰速运', trackingNo: '<x>' } }),
    ).rejects.toMatchObject({
      fieldErrors: { trackingNo: ['invalid_tracking_no'] },
    });
  });
});

describe('auto-close', () => {
  it('closes cases completed longer ago than the configured days, and leaves recent ones', async () => {
    const old = await openReturn();
    const recent = await openReturn();
    const db = await getDb();
    for (const [c, daysAgo] of [
      [old, 8],
      [recent, 2],
    ] as const) {
      await db
        .update(cases)
        .set({ status: 'rejected', completedAt: sql`now() - make_interval(days => ${daysAgo})` })
        .where(eq(cases.id, c.row.id));
    }
    await autoCloseCases();
    const [o] = await db.select().from(cases).where(eq(cases.id, old.row.id));
    const [r] = await db.select().from(cases).where(eq(cases.id, recent.row.id));
    expect(o).toMatchObject({ status: 'closed' });
    expect(o!.closedAt).not.toBeNull();
    expect(r!.status).toBe('rejected');
  });
});

describe('routing and automatic assignment', () => {
  /** Runs inside a transaction that is rolled back: other test files never see this team. */
  async function withTeam(
    mode: 'round_robin' | 'least_loaded',
    fn: (
      tx: Parameters<Parameters<Awaited<ReturnType<typeof getDb>>['transaction']>[0]>[0],
      members: string[],
    ) => Promise<void>,
  ) {
    const db = await getDb();
    const members = [
      (await createTestUser({ role: 'agent' })).id,
      (await createTestUser({ role: 'agent' })).id,
      (await createTestUser({ role: 'agent' })).id,
    ].sort();
    await db
      .transaction(async (tx) => {
        const [team] = await tx
          .insert(teams)
          .values({ name: ` 0-routing-${members[0]}`, caseTypes: ['inquiry'], assignmentMode: mode })
          .returning();
        await tx.insert(teamMembers).values(members.map((userId) => ({ teamId: team!.id, userId })));
        await fn(tx, members);
        throw new Error('rollback');
      })
      .catch((e: Error) => {
        if (e.message !== 'rollback') throw e;
      });
  }

  it('round robin takes turns among available members, skipping those away', async () => {
    await withTeam('round_robin', async (tx, [a, b, c]) => {
      const picks = [];
      for (let i = 0; i < 4; i++) picks.push((await routeNewCase(tx, 'inquiry')).assigneeId);
      expect(picks).toEqual([a, b, c, a]);
      await tx.execute(sql`update users set available = false where id = ${b}`);
      expect((await routeNewCase(tx, 'inquiry')).assigneeId).toBe(c);
      expect((await routeNewCase(tx, 'inquiry')).assigneeId).toBe(a);
    });
  });

  it('least loaded picks the member with the fewest open cases', async () => {
    const { row } = await openReturn();
    await withTeam('least_loaded', async (tx, [a, b]) => {
      await tx.execute(sql`update cases set assignee_id = ${a} where id = ${row.id}`);
      const first = await routeNewCase(tx, 'inquiry');
      expect(first.assigneeId).toBe(b);
    });
  });

  it('leaves cases of types no team handles unrouted', async () => {
    const db = await getDb();
    await db.transaction(async (tx) => {
      const r = await routeNewCase(tx, 'reissue');
      // Other files may configure teams; what matters is that an unconfigured type gets no assignee.
      if (!r.teamId) expect(r.assigneeId).toBeNull();
    });
  });
});
