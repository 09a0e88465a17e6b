import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { DEMO_CANNED_REPLIES, seedCannedReplies } from '@/db/seed/replies';
import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '@/lib/errors';
import { anonymousCtx, auditFor, createTestUser, ctxFor } from '@/test/factories';
import { createCannedReply, deleteCannedReply, listCannedReplies, updateCannedReply } from './index';

/** A title no other test (or parallel test file) will use. */
const uniqueTitle = (label: string) => `${label} ${randomUUID().slice(0, 8)}`;

describe('canned replies', () => {
  // First, while this file's own database still has no replies (on a shared database it may have some).
  it('are seeded for the demo once, into an empty table only', async () => {
    const db = await getDb();
    const first = await seedCannedReplies(db);
    expect(await seedCannedReplies(db)).toBe(0);
    if (first > 0) {
      expect(first).toBe(DEMO_CANNED_REPLIES.length);
      const agent = await ctxFor(await createTestUser({ role: 'agent' }));
      const titles = (await listCannedReplies({ ctx: agent, input: {} })).map((r) => r.title);
      expect(titles).toEqual(expect.arrayContaining(DEMO_CANNED_REPLIES.map((r) => r.title)));
    }
  });

  it('are kept by supervisors, each change audited, and read by agents', async () => {
    const supervisor = await ctxFor(await createTestUser({ role: 'supervisor' }));
    const agent = await ctxFor(await createTestUser({ role: 'agent' }));
    const tag = randomUUID().slice(0, 8);
    const titleB = `退款时效说明 ${tag} B`;
    const titleA = `退货地址说明 ${tag} A`;

    const b = await createCannedReply({
      ctx: supervisor,
      input: { title: `  ${titleB}  `, body: '您好，退款将在 1–3 个工作日内原路退回。' },
    });
    const a = await createCannedReply({ ctx: supervisor, input: { title: titleA, body: `Line one\nLine two ${tag}` } });

    // Agents see both, ordered by title, with the body intact (line breaks kept, title trimmed).
    const mine = (await listCannedReplies({ ctx: agent, input: { q: tag } })).filter(
      (r) => r.id === a.id || r.id === b.id,
    );
    expect(mine.map((r) => r.title)).toEqual([titleB, titleA].sort());
    expect(mine.find((r) => r.id === a.id)).toMatchObject({ body: `Line one\nLine two ${tag}` });
    expect(mine[0]!.updatedAt).toBeInstanceOf(Date);

    // The filter is case-insensitive and matches the body too.
    const byBody = await listCannedReplies({ ctx: agent, input: { q: `LINE TWO ${tag.toUpperCase()}` } });
    expect(byBody.map((r) => r.id)).toEqual([a.id]);
    // LIKE wildcards are taken literally.
    expect(await listCannedReplies({ ctx: agent, input: { q: `${tag}%_` } })).toEqual([]);
    // No input at all lists everything (capped), ours included.
    const all = await listCannedReplies({ ctx: agent });
    expect(all.length).toBeLessThanOrEqual(200);

    const created = await auditFor(a.id);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      action: 'reply.create',
      entityType: 'canned_reply',
      actorId: supervisor.actor!.userId,
    });
    expect(created[0]!.changes).toMatchObject({ title: { after: titleA } });

    const renamed = uniqueTitle('退货地址(新)');
    await updateCannedReply({ ctx: supervisor, input: { id: a.id, title: renamed, body: 'New body' } });
    const [updated] = await listCannedReplies({ ctx: agent, input: { q: renamed } });
    expect(updated).toMatchObject({ id: a.id, title: renamed, body: 'New body' });
    const updateEvent = (await auditFor(a.id)).find((e) => e.action === 'reply.update');
    expect(updateEvent?.changes).toMatchObject({
      title: { before: titleA, after: renamed },
      body: { before: `Line one\nLine two ${tag}`, after: 'New body' },
    });

    await deleteCannedReply({ ctx: supervisor, input: { id: a.id } });
    expect(await listCannedReplies({ ctx: agent, input: { q: renamed } })).toEqual([]);
    const deleteEvent = (await auditFor(a.id)).find((e) => e.action === 'reply.delete');
    expect(deleteEvent?.changes).toMatchObject({ title: { before: renamed } });

    // Gone is gone: updating or deleting it again, or an id that never existed, is NotFound.
    await expect(
      updateCannedReply({ ctx: supervisor, input: { id: a.id, title: 'x', body: 'y' } }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteCannedReply({ ctx: supervisor, input: { id: a.id } })).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteCannedReply({ ctx: supervisor, input: { id: randomUUID() } })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(deleteCannedReply({ ctx: supervisor, input: { id: 'not-a-uuid' } })).rejects.toMatchObject({
      fieldErrors: { id: ['not_found'] },
    });
  });

  it('refuse changes from agents, everything from customers and admins, and anonymous callers', async () => {
    const supervisor = await ctxFor(await createTestUser({ role: 'supervisor' }));
    const agent = await ctxFor(await createTestUser({ role: 'agent' }));
    const customer = await ctxFor(await createTestUser({ role: 'customer' }));
    const admin = await ctxFor(await createTestUser({ role: 'admin' }));
    const title = uniqueTitle('需要补充照片');
    const { id } = await createCannedReply({ ctx: supervisor, input: { title, body: '请补充商品问题部位的照片。' } });

    await expect(
      createCannedReply({ ctx: agent, input: { title: uniqueTitle('agent'), body: 'x' } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateCannedReply({ ctx: agent, input: { id, title: 'hijacked', body: 'x' } })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(deleteCannedReply({ ctx: agent, input: { id } })).rejects.toBeInstanceOf(ForbiddenError);

    for (const ctx of [customer, admin]) {
      await expect(listCannedReplies({ ctx, input: {} })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(createCannedReply({ ctx, input: { title: uniqueTitle('c'), body: 'x' } })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      await expect(updateCannedReply({ ctx, input: { id, title: 'hijacked', body: 'x' } })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      await expect(deleteCannedReply({ ctx, input: { id } })).rejects.toBeInstanceOf(ForbiddenError);
    }

    const anon = anonymousCtx();
    await expect(listCannedReplies({ ctx: anon, input: {} })).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(
      createCannedReply({ ctx: anon, input: { title: uniqueTitle('a'), body: 'x' } }),
    ).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(updateCannedReply({ ctx: anon, input: { id, title: 'x', body: 'x' } })).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
    await expect(deleteCannedReply({ ctx: anon, input: { id } })).rejects.toBeInstanceOf(UnauthenticatedError);

    // Authorisation comes before validation: a refused caller learns nothing about the input.
    await expect(createCannedReply({ ctx: agent, input: {} })).rejects.toBeInstanceOf(ForbiddenError);

    // Nothing the refused callers tried changed the reply or left an audit row.
    const [still] = await listCannedReplies({ ctx: agent, input: { q: title } });
    expect(still).toMatchObject({ id, title, body: '请补充商品问题部位的照片。' });
    expect((await auditFor(id)).map((e) => e.action)).toEqual(['reply.create']);
  });

  it('report invalid input per field', async () => {
    const supervisor = await ctxFor(await createTestUser({ role: 'supervisor' }));
    await expect(createCannedReply({ ctx: supervisor, input: {} })).rejects.toMatchObject({
      fieldErrors: { title: ['required'], body: ['required'] },
    });
    await expect(createCannedReply({ ctx: supervisor, input: { title: '   ', body: ' \n ' } })).rejects.toMatchObject({
      fieldErrors: { title: ['required'], body: ['required'] },
    });
    const tooLong = createCannedReply({ ctx: supervisor, input: { title: 'x'.repeat(81), body: 'y'.repeat(5001) } });
    await expect(tooLong).rejects.toBeInstanceOf(ValidationError);
    await expect(tooLong).rejects.toMatchObject({ fieldErrors: { title: ['too_long'], body: ['too_long'] } });
    // The limits themselves are allowed.
    const { id } = await createCannedReply({
      ctx: supervisor,
      input: { title: `${uniqueTitle('max')}`.padEnd(80, '题'), body: '文'.repeat(5000) },
    });
    await expect(updateCannedReply({ ctx: supervisor, input: { id, title: '', body: 'ok' } })).rejects.toMatchObject({
      fieldErrors: { title: ['required'] },
    });
    await expect(updateCannedReply({ ctx: supervisor, input: { title: 'ok', body: 'ok' } })).rejects.toMatchObject({
      fieldErrors: { id: ['required'] },
    });
    await expect(listCannedReplies({ ctx: supervisor, input: { q: 'q'.repeat(101) } })).rejects.toMatchObject({
      fieldErrors: { q: ['too_long'] },
    });
    await deleteCannedReply({ ctx: supervisor, input: { id } });
  });
});
