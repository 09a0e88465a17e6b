import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { auditEvents, cannedReplies, users } from '../schema';

/** Answers to the questions the demo desk gets most; agents adjust the bracketed parts before sending. */
export const DEMO_CANNED_REPLIES: { title: string; body: string }[] = [
  {
    title: '退货地址说明 Return address',
    body: [
      '您好，您的退货申请已通过。请将商品连同原包装、配件和赠品一起寄回：',
      '浙江省杭州市西湖区文三路 100 号 售后仓（收件人：售后部，电话：0571-8888 0000）。',
      '请勿使用到付或平邮；寄出后请在售后单中填写运单号，方便我们及时签收。',
      '',
      'Your return has been approved. Please send the item with its original packaging and accessories to the address above, then enter the tracking number on the case.',
    ].join('\n'),
  },
  {
    title: '退款时效说明 Refund timing',
    body: [
      '您好，退款已发起，将按原支付方式退回：',
      '支付宝 / 微信一般 1–3 个工作日到账，银行卡 3–7 个工作日，具体以银行处理时间为准。',
      '如超过 7 个工作日仍未到账，请在此回复，我们会为您查询。',
      '',
      'Your refund has been issued to the original payment method. It usually arrives within 1–3 working days (up to 7 for bank cards).',
    ].join('\n'),
  },
  {
    title: '需要补充照片 Photos needed',
    body: [
      '您好，为了尽快为您处理，请补充以下照片：',
      '1. 商品问题部位的清晰近照；',
      '2. 商品整体及外包装照片；',
      '3. 快递面单照片（如有破损）。',
      '上传后我们会在 24 小时内审核。',
      '',
      'To process your request, please add a close-up of the problem, a photo of the whole item and its packaging, and the shipping label if the parcel was damaged.',
    ].join('\n'),
  },
  {
    title: '换货发货通知 Replacement shipped',
    body: [
      '您好，您的换货商品已发出，物流公司：[快递公司]，运单号：[运单号]。',
      '一般 2–4 天送达，签收时请当面检查外包装是否完好。',
      '',
      'Your replacement is on its way with [carrier], tracking number [tracking no.]. It usually arrives in 2–4 days.',
    ].join('\n'),
  },
  {
    title: '质检结果通知 Inspection result',
    body: [
      '您好，我们已收到您寄回的商品并完成质检，结果为：[质检结果]。',
      '后续处理：[退款 / 换货 / 维修]，如有疑问请直接回复本消息。',
      '',
      'We have received and inspected the returned item. Result: [result]. Next step: [refund / exchange / repair].',
    ].join('\n'),
  },
];

/**
 * Demo canned replies, owned by the demo supervisor when present. Idempotent: inserts only into an
 * empty table, so it never duplicates or brings back replies a supervisor has edited or deleted.
 * Returns how many were inserted.
 */
export async function seedCannedReplies(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    // Serialise concurrent seeders so two of them cannot both see an empty table.
    await tx.execute(sql`lock table ${cannedReplies} in share row exclusive mode`);
    const [existing] = await tx.select({ n: sql<number>`count(*)::int` }).from(cannedReplies);
    if (Number(existing?.n ?? 0) > 0) return 0;
    const [owner] = await tx.select({ id: users.id }).from(users).where(eq(users.email, 'supervisor@example.com'));
    const inserted = await tx
      .insert(cannedReplies)
      .values(DEMO_CANNED_REPLIES.map((r) => ({ ...r, ownerId: owner?.id ?? null, shared: true })))
      .returning({ id: cannedReplies.id });
    await tx.insert(auditEvents).values({
      actorLabel: 'system',
      action: 'system.seed',
      entityType: 'canned_reply',
      changes: { cannedReplies: { after: inserted.length } },
    });
    return inserted.length;
  });
}
