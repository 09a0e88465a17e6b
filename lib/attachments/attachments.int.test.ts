import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { attachments } from '@/db/schema';
import { addCaseMessage } from '@/lib/cases/conversation';
import { createCase } from '@/lib/cases/mutations';
import { getCase } from '@/lib/cases/queries';
import type { Ctx } from '@/lib/context';
import { resetEnvCache } from '@/lib/env';
import { NotFoundError, UnauthenticatedError } from '@/lib/errors';
import { statusOf } from '@/lib/http';
import { logger } from '@/lib/log';
import { anonymousCtx, createTestProduct, createTestUser, ctxFor, orderOfNewCustomer } from '@/test/factories';
import { startS3rver } from '@/test/s3rver';
import { readAttachment, sweepPendingAttachments, uploadAttachment } from './index';
import { S3Store } from './s3-store';
import { BlobNotFoundError, blobStore, setBlobStoreForTests } from './storage';

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 2, 3]);
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n');
const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]);

let agent: Ctx;
let sku: string;
let dir: string;
const previousDataDir = process.env.DATA_DIR;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'afterdesk-attachments-'));
  process.env.DATA_DIR = dir;
  resetEnvCache();
  agent = await ctxFor(await createTestUser({ role: 'agent' }));
  sku = (await createTestProduct()).sku;
});

afterAll(() => {
  if (previousDataDir === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = previousDataDir;
  resetEnvCache();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('attachments', () => {
  it('go with a customer’s request, stored by content type, readable by them and by staff only', async () => {
    const o = await orderOfNewCustomer(agent, sku);
    const photo = await uploadAttachment({ ctx: o.customer, input: { name: '破损.jpg', bytes: JPEG } });
    expect(photo).toMatchObject({ name: '破损.jpg', type: 'image/jpeg', size: JPEG.byteLength });
    const { caseNo } = await createCase({
      ctx: o.customer,
      input: {
        orderNo: o.orderNo,
        type: 'return_refund',
        reason: 'quality_issue',
        description: '屏幕碎了',
        items: [{ sku, quantity: 1 }],
        attachments: [photo.id],
      },
    });
    const seen = await getCase({ ctx: o.customer, input: { caseNo } });
    expect(seen.attachments.map((a) => a.id)).toEqual([photo.id]);
    expect((await readAttachment({ ctx: o.customer, input: { id: photo.id } })).bytes).toEqual(JPEG);
    expect((await readAttachment({ ctx: agent, input: { id: photo.id } })).type).toBe('image/jpeg');

    const stranger = await ctxFor(await createTestUser({ role: 'customer' }));
    await expect(readAttachment({ ctx: stranger, input: { id: photo.id } })).rejects.toBeInstanceOf(NotFoundError);
    await expect(readAttachment({ ctx: anonymousCtx(), input: { id: photo.id } })).rejects.toMatchObject({
      code: 'unauthenticated',
    });
    await expect(readAttachment({ ctx: stranger, input: { id: 'not-a-uuid' } })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('on internal notes stay hidden from the customer', async () => {
    const o = await orderOfNewCustomer(agent, sku);
    const { caseNo } = await createCase({
      ctx: o.customer,
      input: { orderNo: o.orderNo, type: 'complaint', reason: 'other', description: '投诉' },
    });
    const memo = await uploadAttachment({ ctx: agent, input: { name: 'memo.pdf', bytes: PDF } });
    await addCaseMessage({ ctx: agent, input: { caseNo, body: '内部记录', internal: true, attachments: [memo.id] } });
    expect((await getCase({ ctx: o.customer, input: { caseNo } })).attachments).toEqual([]);
    expect((await getCase({ ctx: agent, input: { caseNo } })).attachments.map((a) => a.id)).toEqual([memo.id]);
    await expect(readAttachment({ ctx: o.customer, input: { id: memo.id } })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuse disguised and oversized files, and anonymous uploaders, storing nothing', async () => {
    const o = await orderOfNewCustomer(agent, sku);
    await expect(uploadAttachment({ ctx: o.customer, input: { name: 'photo.jpg', bytes: EXE } })).rejects.toMatchObject(
      { code: 'file_type_not_allowed' },
    );
    await expect(uploadAttachment({ ctx: o.customer, input: { name: 'photo.jpg', bytes: PDF } })).rejects.toMatchObject(
      { code: 'file_type_mismatch' },
    );
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(JPEG);
    await expect(uploadAttachment({ ctx: o.customer, input: { name: 'big.jpg', bytes: big } })).rejects.toMatchObject({
      code: 'file_too_large',
    });
    await expect(
      uploadAttachment({ ctx: anonymousCtx(), input: { name: 'a.jpg', bytes: JPEG } }),
    ).rejects.toBeInstanceOf(UnauthenticatedError);
    const db = await getDb();
    const mine = await db.select().from(attachments).where(eq(attachments.uploaderId, o.user.id));
    expect(mine).toHaveLength(0);
  });

  it('cannot be claimed by anyone but their uploader, nor twice; a failed claim writes nothing', async () => {
    const a = await orderOfNewCustomer(agent, sku);
    const b = await orderOfNewCustomer(agent, sku);
    const theirs = await uploadAttachment({
      ctx: a.customer,
      input: { name: 'a.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]) },
    });
    const input = {
      orderNo: b.orderNo,
      type: 'complaint',
      reason: 'other',
      description: '投诉',
      attachments: [theirs.id],
    };
    await expect(createCase({ ctx: b.customer, input })).rejects.toMatchObject({
      fieldErrors: { attachments: ['attachment_invalid'] },
    });
    const db = await getDb();
    const [row] = await db.select().from(attachments).where(eq(attachments.id, theirs.id));
    expect(row!.caseId).toBeNull();
    const { caseNo } = await createCase({ ctx: a.customer, input: { ...input, orderNo: a.orderNo } });
    await expect(
      addCaseMessage({ ctx: a.customer, input: { caseNo, body: '再发一次', attachments: [theirs.id] } }),
    ).rejects.toMatchObject({
      fieldErrors: { attachments: ['attachment_invalid'] },
    });
  });

  it('never sent are swept after a day, bytes included', async () => {
    const o = await orderOfNewCustomer(agent, sku);
    const stale = await uploadAttachment({ ctx: o.customer, input: { name: 'old.jpg', bytes: JPEG } });
    const db = await getDb();
    const [row] = await db
      .update(attachments)
      .set({ createdAt: sql`now() - interval '2 days'` })
      .where(eq(attachments.id, stale.id))
      .returning();
    const file = path.join(dir, 'attachments', row!.storageKey);
    expect(fs.existsSync(file)).toBe(true);
    await sweepPendingAttachments();
    expect(await db.select().from(attachments).where(eq(attachments.id, stale.id))).toHaveLength(0);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('whose bytes are gone read as not found (404), logged once by id', async () => {
    const o = await orderOfNewCustomer(agent, sku);
    const photo = await uploadAttachment({ ctx: o.customer, input: { name: '丢失.jpg', bytes: JPEG } });
    const db = await getDb();
    const [row] = await db.select().from(attachments).where(eq(attachments.id, photo.id));
    fs.rmSync(path.join(dir, 'attachments', row!.storageKey));

    // requestLogger() makes a child per request id; catch what that child is asked to write.
    const warn = vi.fn();
    const child = vi.spyOn(logger, 'child').mockReturnValue({ warn } as unknown as ReturnType<typeof logger.child>);
    try {
      const err = await readAttachment({ ctx: o.customer, input: { id: photo.id } }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NotFoundError);
      expect(statusOf(err)).toBe(404);
    } finally {
      child.mockRestore();
    }
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatchObject({ attachment: { id: photo.id } });
    expect(JSON.stringify(warn.mock.calls[0])).not.toContain('丢失');
  });

  it('go to an S3-compatible bucket when BLOB_STORE=s3', async () => {
    const s3 = await startS3rver();
    const vars = {
      BLOB_STORE: 's3',
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET: s3.bucket,
      S3_REGION: s3.region,
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    };
    const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
    Object.assign(process.env, vars);
    resetEnvCache();
    setBlobStoreForTests(undefined);
    try {
      expect(blobStore()).toBeInstanceOf(S3Store);
      expect(blobStore().describe()).toBe(`s3 ${s3.endpoint}/${s3.bucket}`);
      const o = await orderOfNewCustomer(agent, sku);
      const memo = await uploadAttachment({ ctx: o.customer, input: { name: 'receipt.pdf', bytes: PDF } });
      const db = await getDb();
      const [row] = await db.select().from(attachments).where(eq(attachments.id, memo.id));
      // In the bucket, not on the local disk.
      expect(fs.existsSync(path.join(dir, 'attachments', row!.storageKey))).toBe(false);
      expect(await blobStore().get(row!.storageKey)).toEqual(PDF);
      expect(await readAttachment({ ctx: o.customer, input: { id: memo.id } })).toEqual({
        name: 'receipt.pdf',
        type: 'application/pdf',
        bytes: PDF,
      });

      await blobStore().delete(row!.storageKey);
      await expect(blobStore().get(row!.storageKey)).rejects.toBeInstanceOf(BlobNotFoundError);
      await expect(readAttachment({ ctx: o.customer, input: { id: memo.id } })).rejects.toBeInstanceOf(NotFoundError);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      resetEnvCache();
      setBlobStoreForTests(undefined);
      await s3.stop();
    }
  });
});
