import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { cases, feedback, products } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '@/lib/errors';
import { anonymousCtx, createTestProduct, createTestUser, ctxFor, orderOfNewCustomer } from '@/test/factories';
import {
  bulkClassifyFeedback,
  editOwnFeedback,
  followUpFeedback,
  openCaseFromFeedback,
  submitFeedback,
  updateFeedback,
} from './mutations';
import { feedbackForCase, feedbackSubjects, getFeedback, listFeedback, listOwnFeedback } from './queries';
import {
  deleteRule,
  listTaxonomy,
  saveCategory,
  saveRule,
  saveTag,
  updateFeedbackSettings,
  getFeedbackSettings,
} from './taxonomy';

let agent: Ctx;
let agentId: string;
let admin: Ctx;
let sku: string;
let productId: string;
/** A keyword no other test writes, so rules made here classify only this file's feedback. */
const word = `kw${randomUUID().slice(0, 8)}`;
let categoryId: string;
let tagId: string;

beforeAll(async () => {
  const a = await createTestUser({ role: 'agent' });
  agentId = a.id;
  agent = await ctxFor(a);
  admin = await ctxFor(await createTestUser({ role: 'admin' }));
  const p = await createTestProduct({ priceCents: 5_000 });
  sku = p.sku;
  const db = await getDb();
  productId = (await db.select({ id: products.id }).from(products).where(eq(products.sku, sku)))[0]!.id;
  categoryId = (await saveCategory({ ctx: admin, input: { nameZh: `物流${word}`, nameEn: `Delivery ${word}` } })).id;
  tagId = (await saveTag({ ctx: admin, input: { nameZh: `太慢${word}`, nameEn: `Slow ${word}` } })).id;
  await saveRule({ ctx: admin, input: { keywords: `${word}\n${word}快递`, categoryId, tagId, position: 0 } });
});

describe('free feedback from the portal', () => {
  it('is classified by the keyword rules and seen only by its author', async () => {
    const o = await orderOfNewCustomer(agent, sku);
    const { id } = await submitFeedback({
      ctx: o.customer,
      input: {
        kind: 'complaint',
        comment: `Order ${word} arrived yesterday`,
        orderNo: o.orderNo.toLowerCase(),
        productId,
      },
    });
    const db = await getDb();
    const [fb] = await db.select().from(feedback).where(eq(feedback.id, id));
    expect(fb).toMatchObject({
      kind: 'complaint',
      categoryId,
      classifiedBy: 'rule',
      status: 'new',
      productId,
      customerId: o.customerId,
      authorId: o.user.id,
    });
    const detail = await getFeedback({ ctx: agent, input: { id } });
    expect(detail).toMatchObject({ orderNo: o.orderNo, tagIds: [tagId], categoryId });

    const own = await listOwnFeedback({ ctx: o.customer });
    expect(own.items.map((f) => f.id)).toEqual([id]);
    expect(own.items[0]).toMatchObject({ editable: true, orderNo: o.orderNo });
    const stranger = await ctxFor(await createTestUser({ role: 'customer' }));
    expect((await listOwnFeedback({ ctx: stranger })).items).toEqual([]);
    await expect(
      editOwnFeedback({ ctx: stranger, input: { id, version: 1, kind: 'praise', comment: 'hijack' } }),
    ).rejects.toBeInstanceOf(NotFoundError);

    const subjects = await feedbackSubjects({ ctx: o.customer });
    expect(subjects.orders.map((x) => x.orderNo)).toEqual([o.orderNo]);
    expect(subjects.products).toEqual([expect.objectContaining({ id: productId, orderNos: [o.orderNo] })]);
  });

  it('refuses another customer’s order, a product not bought, an empty or over-long comment', async () => {
    const o = await orderOfNewCustomer(agent, sku);
    const other = await orderOfNewCustomer(agent, sku);
    const otherProduct = await createTestProduct();
    const db = await getDb();
    const [op] = await db.select({ id: products.id }).from(products).where(eq(products.sku, otherProduct.sku));
    await expect(
      submitFeedback({ ctx: o.customer, input: { kind: 'suggestion', comment: 'x', orderNo: other.orderNo } }),
    ).rejects.toMatchObject({ fieldErrors: { orderNo: ['order_not_yours'] } });
    await expect(
      submitFeedback({ ctx: o.customer, input: { kind: 'suggestion', comment: 'x', productId: op!.id } }),
    ).rejects.toMatchObject({ fieldErrors: { productId: ['product_not_bought'] } });
    await expect(
      submitFeedback({ ctx: o.customer, input: { kind: 'suggestion', comment: '   ' } }),
    ).rejects.toMatchObject({ fieldErrors: { comment: ['required'] } });
    await expect(
      submitFeedback({ ctx: o.customer, input: { kind: 'suggestion', comment: 'x'.repeat(2001) } }),
    ).rejects.toMatchObject({ fieldErrors: { comment: ['too_long'] } });
    await expect(submitFeedback({ ctx: o.customer, input: { kind: 'csat', comment: 'x' } })).rejects.toMatchObject({
      fieldErrors: { kind: ['invalid_choice'] },
    });
    expect((await listOwnFeedback({ ctx: o.customer })).items).toEqual([]);
  });

  it('is refused to staff and anonymous callers', async () => {
    await expect(submitFeedback({ ctx: agent, input: { kind: 'praise', comment: 'x' } })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(
      submitFeedback({ ctx: anonymousCtx(), input: { kind: 'praise', comment: 'x' } }),
    ).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(listOwnFeedback({ ctx: anonymousCtx() })).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('can be edited by its author until staff have reviewed it; the rules run again', async () => {
    const o = await orderOfNewCustomer(agent, sku);
    const { id } = await submitFeedback({
      ctx: o.customer,
      input: { kind: 'suggestion', comment: 'Please add gift wrapping' },
    });
    const db = await getDb();
    expect((await db.select().from(feedback).where(eq(feedback.id, id)))[0]!.categoryId).toBeNull();
    const { version } = await editOwnFeedback({
      ctx: o.customer,
      input: { id, version: 1, kind: 'complaint', comment: `${word}快递 lost my parcel`, orderNo: o.orderNo },
    });
    expect(version).toBe(2);
    const [edited] = await db.select().from(feedback).where(eq(feedback.id, id));
    expect(edited).toMatchObject({ kind: 'complaint', categoryId, classifiedBy: 'rule' });
    await expect(
      editOwnFeedback({ ctx: o.customer, input: { id, version: 1, kind: 'praise', comment: 'stale' } }),
    ).rejects.toBeInstanceOf(ConflictError);

    await updateFeedback({
      ctx: agent,
      input: { id, version: 2, categoryId: '', tagIds: [], status: 'reviewed', ownerId: agentId },
    });
    await expect(
      editOwnFeedback({ ctx: o.customer, input: { id, version: 3, kind: 'praise', comment: 'changed my mind' } }),
    ).rejects.toMatchObject({ code: 'feedback_locked' });
    expect((await listOwnFeedback({ ctx: o.customer })).items[0]).toMatchObject({
      editable: false,
      status: 'reviewed',
    });
  });
});

describe('the desk', () => {
  it('re-classifies, sets status and owner, with optimistic versions; customers cannot', async () => {
    const o = await orderOfNewCustomer(agent, sku);
    const { id } = await submitFeedback({
      ctx: o.customer,
      input: { kind: 'suggestion', comment: 'More colours please' },
    });
    await expect(
      updateFeedback({ ctx: o.customer, input: { id, version: 1, categoryId, tagIds: [], status: 'reviewed' } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      updateFeedback({ ctx: anonymousCtx(), input: { id, version: 1, categoryId, tagIds: [], status: 'reviewed' } }),
    ).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(
      updateFeedback({
        ctx: agent,
        input: { id, version: 1, categoryId: randomUUID(), tagIds: [], status: 'reviewed' },
      }),
    ).rejects.toMatchObject({ fieldErrors: { categoryId: ['invalid_choice'] } });
    await expect(
      updateFeedback({
        ctx: agent,
        input: { id, version: 1, categoryId, tagIds: [], status: 'reviewed', ownerId: o.user.id },
      }),
    ).rejects.toMatchObject({ fieldErrors: { ownerId: ['invalid_choice'] } });

    const { version } = await updateFeedback({
      ctx: agent,
      input: { id, version: 1, categoryId, tagIds: [tagId], status: 'actioned', ownerId: agentId },
    });
    const detail = await getFeedback({ ctx: agent, input: { id } });
    expect(detail).toMatchObject({
      version,
      categoryId,
      tagIds: [tagId],
      status: 'actioned',
      ownerId: agentId,
      classifiedBy: 'staff',
    });
    await expect(
      updateFeedback({ ctx: agent, input: { id, version: 1, categoryId: '', tagIds: [], status: 'new' } }),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(getFeedback({ ctx: o.customer, input: { id } })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('filters the inbox by kind, band, status, category, tag, product, owner and period', async () => {
    const o = await orderOfNewCustomer(agent, sku);
    const a = await submitFeedback({
      ctx: o.customer,
      input: { kind: 'complaint', comment: `${word} slow`, orderNo: o.orderNo, productId },
    });
    const b = await submitFeedback({ ctx: o.customer, input: { kind: 'praise', comment: 'Lovely' } });
    const ids = async (input: Record<string, unknown>) =>
      (await listFeedback({ ctx: agent, input: { ...input, limit: 100 } })).items
        .map((f) => f.id)
        .filter((x) => x === a.id || x === b.id);
    expect(await ids({})).toEqual([b.id, a.id]);
    expect(await ids({ kind: 'complaint' })).toEqual([a.id]);
    expect(await ids({ categoryId })).toEqual([a.id]);
    expect(await ids({ tagId })).toEqual([a.id]);
    expect(await ids({ productId })).toEqual([a.id]);
    expect(await ids({ uncategorized: 'true', kind: 'praise' })).toEqual([b.id]);
    expect(await ids({ band: 'low' })).toEqual([]);
    expect(await ids({ status: 'new' })).toEqual([b.id, a.id]);
    expect(await ids({ from: '2000-01-01', to: '2000-01-31' })).toEqual([]);
    // Unknown filter values are ignored rather than failing the page.
    expect(await ids({ kind: 'bogus', categoryId: 'nope' })).toEqual([b.id, a.id]);
    await expect(listFeedback({ ctx: agent, input: { from: '2026-12-01', to: '2026-11-01' } })).rejects.toMatchObject({
      fieldErrors: { to: ['date_range_inverted'] },
    });

    await bulkClassifyFeedback({ ctx: agent, input: { ids: [a.id, b.id], status: 'reviewed', addTagId: tagId } });
    expect(await ids({ tagId })).toEqual([b.id, a.id]);
    expect(await ids({ status: 'reviewed' })).toEqual([b.id, a.id]);
    await expect(bulkClassifyFeedback({ ctx: agent, input: { ids: [a.id] } })).rejects.toBeInstanceOf(ValidationError);
    await expect(
      bulkClassifyFeedback({ ctx: o.customer, input: { ids: [a.id], status: 'actioned' } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await followUpFeedback({ ctx: agent, input: { id: b.id, version: 2, dueDate: '2999-01-01', note: 'Call back' } });
    expect(await ids({ mine: 'true' })).toEqual([b.id]);
    await expect(
      followUpFeedback({ ctx: agent, input: { id: a.id, version: 2, dueDate: '2001-01-01' } }),
    ).rejects.toMatchObject({ fieldErrors: { dueDate: ['date_in_past'] } });
    await expect(listFeedback({ ctx: o.customer, input: {} })).rejects.toBeInstanceOf(ForbiddenError);

    // Keyset pages never repeat a row.
    const first = await listFeedback({ ctx: agent, input: { limit: 1 } });
    const second = await listFeedback({ ctx: agent, input: { limit: 1, cursor: first.nextCursor } });
    expect(second.items[0]!.id).not.toBe(first.items[0]!.id);
  });

  it('opens an after-sales case from a complaint in one click, linked both ways, once', async () => {
    const o = await orderOfNewCustomer(agent, sku);
    const { id } = await submitFeedback({
      ctx: o.customer,
      input: { kind: 'complaint', comment: 'Parcel left in the rain', orderNo: o.orderNo },
    });
    const { caseNo } = await openCaseFromFeedback({ ctx: agent, input: { id, version: 1 } });
    const db = await getDb();
    const [c] = await db.select().from(cases).where(eq(cases.caseNo, caseNo));
    expect(c).toMatchObject({ type: 'complaint', customerId: o.customerId, channel: 'desk' });
    expect(c!.description).toContain('Parcel left in the rain');
    const detail = await getFeedback({ ctx: agent, input: { id } });
    expect(detail).toMatchObject({ followUpCaseNo: caseNo, status: 'reviewed', ownerId: agentId });
    await expect(feedbackForCase({ ctx: agent, input: { caseId: c!.id } })).resolves.toEqual([
      expect.objectContaining({ id, fromThisCase: true }),
    ]);
    await expect(openCaseFromFeedback({ ctx: agent, input: { id, version: detail.version } })).rejects.toMatchObject({
      code: 'feedback_has_case',
    });

    const noOrder = await submitFeedback({ ctx: o.customer, input: { kind: 'complaint', comment: 'Website is slow' } });
    await expect(openCaseFromFeedback({ ctx: agent, input: { id: noOrder.id, version: 1 } })).rejects.toMatchObject({
      code: 'feedback_without_order',
    });
    await expect(
      openCaseFromFeedback({ ctx: o.customer, input: { id: noOrder.id, version: 1 } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('categories, tags, rules and settings', () => {
  it('are kept by admins only', async () => {
    await expect(saveCategory({ ctx: agent, input: { nameZh: 'x', nameEn: 'x' } })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(saveRule({ ctx: agent, input: { keywords: 'x', categoryId } })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      updateFeedbackSettings({
        ctx: agent,
        input: { version: 1, csatEnabled: true, npsEnabled: true, npsDelayDays: 7, surveyValidDays: 14 },
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(saveTag({ ctx: anonymousCtx(), input: { nameZh: 'x', nameEn: 'x' } })).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
    const customer = await ctxFor(await createTestUser({ role: 'customer' }));
    await expect(listTaxonomy({ ctx: customer })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('validate their input', async () => {
    await expect(saveCategory({ ctx: admin, input: { nameZh: '', nameEn: 'x'.repeat(61) } })).rejects.toMatchObject({
      fieldErrors: { nameZh: ['required'], nameEn: ['too_long'] },
    });
    await expect(saveRule({ ctx: admin, input: { keywords: ' , \n ', categoryId } })).rejects.toMatchObject({
      fieldErrors: { keywords: ['required'] },
    });
    await expect(saveRule({ ctx: admin, input: { keywords: 'refund' } })).rejects.toMatchObject({
      fieldErrors: { categoryId: ['rule_needs_target'] },
    });
    const { id } = await saveRule({ ctx: admin, input: { keywords: `退款${word}，refund${word}`, categoryId } });
    await deleteRule({ ctx: admin, input: { id } });
    await expect(deleteRule({ ctx: admin, input: { id } })).rejects.toBeInstanceOf(NotFoundError);

    const settings = await getFeedbackSettings({ ctx: admin });
    await expect(
      updateFeedbackSettings({
        ctx: admin,
        input: { version: settings.version, csatEnabled: 'on', npsEnabled: 'on', npsDelayDays: 0, surveyValidDays: 14 },
      }),
    ).rejects.toMatchObject({
      fieldErrors: { npsDelayDays: ['out_of_range'] },
    });
    await expect(
      updateFeedbackSettings({
        ctx: admin,
        input: {
          version: settings.version + 5,
          csatEnabled: 'on',
          npsEnabled: 'on',
          npsDelayDays: 7,
          surveyValidDays: 14,
        },
      }),
    ).rejects.toBeInstanceOf(ConflictError);
  });
});
