import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { auditEvents, cannedReplies, users } from '../schema';

/**
 * Answers to the questions the demo desk gets most, in both languages; `{{…}}` variables are
 * filled from the case when an agent inserts the reply (lib/replies/variables.ts).
 */
export const DEMO_CANNED_REPLIES: { title: string; body: string; bodyEn: string }[] = [
  {
    title: '退货地址说明 Return address',
    body: [
      '{{customer_name}}，您好！您的退货申请（{{case_no}}）已通过。请将商品连同原包装、配件和赠品一起寄回：',
      '浙江省杭州市西湖区文三路 100 号 售后仓（收件人：售后部，电话：0571-8888 0000）。',
      '请勿使用到付或平邮；寄出后请在售后单中填写运单号，方便我们及时签收。',
    ].join('\n'),
    bodyEn: [
      'Hello {{customer_name}}, your return ({{case_no}}) has been approved. Please send the item with its original packaging, accessories and gifts to:',
      'After-sales warehouse, 100 Wensan Road, Xihu District, Hangzhou, Zhejiang (After-sales Dept., tel. 0571-8888 0000).',
      'Please do not send it cash on delivery; once shipped, enter the tracking number on the case so we can receive it quickly.',
    ].join('\n'),
  },
  {
    title: '退款时效说明 Refund timing',
    body: [
      '{{customer_name}}，您好！订单 {{order_no}} 的退款 {{refund_amount}} 已发起，将按原支付方式退回：',
      '支付宝 / 微信一般 1–3 个工作日到账，银行卡 3–7 个工作日，具体以银行处理时间为准。',
      '如超过 7 个工作日仍未到账，请在此回复，我们会为您查询。',
    ].join('\n'),
    bodyEn: [
      'Hello {{customer_name}}, the refund of {{refund_amount}} for order {{order_no}} has been issued to the original payment method.',
      'Alipay and WeChat Pay usually take 1–3 working days, bank cards 3–7 working days.',
      'If it has not arrived after 7 working days, reply here and we will look into it.',
    ].join('\n'),
  },
  {
    title: '需要补充照片 Photos needed',
    body: [
      '{{customer_name}}，您好！为了尽快为您处理，请补充以下照片：',
      '1. 商品问题部位的清晰近照；',
      '2. 商品整体及外包装照片；',
      '3. 快递面单照片（如有破损）。',
      '上传后我们会在 24 小时内审核。',
    ].join('\n'),
    bodyEn: [
      'Hello {{customer_name}}, to process your request quickly, please add:',
      '1. a clear close-up of the problem;',
      '2. a photo of the whole item and its packaging;',
      '3. a photo of the shipping label (if the parcel was damaged).',
      'We review them within 24 hours.',
    ].join('\n'),
  },
  {
    title: '换货发货通知 Replacement shipped',
    body: [
      '{{customer_name}}，您好！您的换货商品已发出，快递公司：{{carrier}}，运单号：{{tracking_no}}。',
      '一般 2–4 天送达，签收时请当面检查外包装是否完好。',
    ].join('\n'),
    bodyEn: [
      'Hello {{customer_name}}, your replacement is on its way with {{carrier}}, tracking number {{tracking_no}}.',
      'It usually arrives in 2–4 days; please check the packaging when you sign for it.',
    ].join('\n'),
  },
  {
    title: '质检结果通知 Inspection result',
    body: [
      '{{customer_name}}，您好！我们已收到您寄回的商品（运单号 {{return_tracking_no}}）并完成质检。',
      '质检结果与后续处理：',
      '如有疑问请直接回复本消息。—— {{agent_name}}',
    ].join('\n'),
    bodyEn: [
      'Hello {{customer_name}}, we have received the item you sent back (tracking no. {{return_tracking_no}}) and inspected it.',
      'Result and next step: ',
      'If you have any questions, just reply to this message. — {{agent_name}}',
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
