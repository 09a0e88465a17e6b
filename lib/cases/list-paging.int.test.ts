import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { cases, emailOutbox, notifications } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import { ForbiddenError, UnauthenticatedError } from '@/lib/errors';
import { listOutbox } from '@/lib/mail/outbox';
import { listNotifications } from '@/lib/notifications';
import { anonymousCtx, createTestProduct, createTestUser, ctxFor, orderOfNewCustomer } from '@/test/factories';
import { assignCase } from './conversation';
import { createCase } from './mutations';
import { listCases } from './queries';

/** Keyset paging of the desk's lists: cases in each sort, notifications and the e-mail outbox. */

let agent: Ctx;
let supervisor: Ctx;
let sku: string;

beforeAll(async () => {
  agent = await ctxFor(await createTestUser({ role: 'agent' }));
  supervisor = await ctxFor(await createTestUser({ role: 'supervisor' }));
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
  return { caseNo, row: row! };
}

async function outboxOf(caseId: number) {
  const db = await getDb();
  return db.select().from(emailOutbox).where(eq(emailOutbox.caseId, caseId)).orderBy(emailOutbox.id);
}

describe('queue sorting', () => {
  it('pages oldest-first and by deadline without repeating or skipping a case', async () => {
    const me = await createTestUser({ role: 'agent' });
    const mine = await ctxFor(me);
    const opened: string[] = [];
    for (let i = 0; i < 27; i++) {
      const { caseNo } = await openReturn();
      opened.push(caseNo);
    }
    await assignCase({ ctx: supervisor, input: { caseNos: opened, assigneeId: me.id } });
    for (const sort of ['oldest', 'due', 'newest'] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listCases({ ctx: mine, input: { queue: 'mine', sort, cursor } });
        seen.push(...page.items.map((c) => c.caseNo));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      // No case twice and none of ours missing. On a shared PostgreSQL other files' routing
      // rules may hand this new, least-loaded agent a case of theirs meanwhile: it may be listed too.
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(expect.arrayContaining(opened));
    }
  });
});

describe('notification and outbox lists', () => {
  it('page newest first without repeats, even for rows written in the same millisecond', async () => {
    const { row, caseNo } = await openReturn();
    const me = await createTestUser({ role: 'agent' });
    const db = await getDb();
    // 23 notices in one statement: they share now(), only their ids differ.
    await db.insert(notifications).values(
      Array.from({ length: 23 }, (_, i) => ({
        userId: me.id,
        kind: 'assigned',
        caseId: row.id,
        caseNo,
        dedupeKey: `page-${i}`,
      })),
    );
    const ctx = await ctxFor(me);
    const first = await listNotifications({ ctx, input: {} });
    const second = await listNotifications({ ctx, input: { cursor: first.nextCursor } });
    expect(first.items).toHaveLength(20);
    expect(second.items).toHaveLength(3);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((n) => n.id)).size).toBe(23);
    expect(first.unread).toBe(23);
  });

  it('outbox is for admins only', async () => {
    await expect(listOutbox({ ctx: agent, input: {} })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listOutbox({ ctx: anonymousCtx(), input: {} })).rejects.toBeInstanceOf(UnauthenticatedError);
    const admin = await ctxFor(await createTestUser({ role: 'admin' }));
    const { row } = await openReturn();
    const page = await listOutbox({ ctx: admin, input: {} });
    expect(page.items.length).toBeGreaterThan(0);
    // Newest first: the mail of the case just opened is on the first page.
    const [mail] = await outboxOf(row.id);
    expect(page.items.map((m) => m.id)).toContain(mail!.id);
  });
});
