/**
 * Writes test/fixtures/history-orders.csv and history-reviews.csv: a year of a small shop's order
 * history (600 good orders, 2 bad ones) and its product reviews, deterministic, in the documented
 * formats (docs/orders-csv.md, docs/reviews-csv.md). The history-import test imports them and
 * compares the reports with its own computation on these files. Run: npx tsx scripts/make-history-fixture.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRandom } from '../db/seed/random';

export const FIXTURE_CHANNEL = 'hist_fixture';
const SKUS = [
  { sku: 'HF-PHONE', name: '历史测试手机', category: 'electronics', price: 1999 },
  { sku: 'HF-BUDS', name: '历史测试耳机', category: 'electronics', price: 299 },
  { sku: 'HF-KETTLE', name: '历史测试电水壶', category: 'appliances', price: 129 },
  { sku: 'HF-TEE', name: '历史测试 T 恤', category: 'apparel', price: 79.9 },
  { sku: 'HF-PILLOW', name: '历史测试枕头', category: 'home', price: 159 },
  { sku: 'HF-SERUM', name: '历史测试精华', category: 'beauty', price: 359 },
  { sku: 'HF-NOVEL', name: '历史测试小说', category: 'books', price: 59 },
  { sku: 'HF-BLOCKS', name: '历史测试积木', category: 'toys', price: 169 },
];
const STATUSES = [
  ['completed', 50],
  ['delivered', 20],
  ['shipped', 10],
  ['cancelled', 10],
  ['paid', 10],
] as const;
const COMMENTS = [
  '质量很好，物流很快',
  '包装破损，有点失望',
  '和描述一致',
  '客服态度很好',
  '尺码偏小',
  '性价比高，会回购',
  '',
  '发货太慢了',
];

const HOUR = 3_600_000;
/** ISO 8601 with the shop's +08:00 offset, as a Chinese platform's export writes it. */
function iso(ms: number): string {
  const d = new Date(ms + 8 * HOUR);
  return `${d.toISOString().slice(0, 19)}+08:00`;
}

export function makeHistoryFixture(): { orders: string; reviews: string } {
  const random = createRandom(20250101).next;
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const status = () => {
    let r = random() * 100;
    for (const [s, w] of STATUSES) if ((r -= w) < 0) return s;
    return 'completed';
  };
  const header = [
    'channel',
    'external_id',
    'placed_at',
    'status',
    'currency',
    'customer_name',
    'customer_phone',
    'customer_external_id',
    'sku',
    'product_name',
    'category',
    'quantity',
    'unit_price',
    'shipping_fee',
    'discount',
    'total',
    'paid_at',
    'shipped_at',
    'delivered_at',
    'completed_at',
    'cancelled_at',
  ];
  const lines = [header.join(',')];
  const reviews = ['channel,external_id,sku,score,comment,reviewed_at,review_id'];
  const start = Date.UTC(2025, 0, 1, 0, 0, 0) - 8 * HOUR; // 2025-01-01 00:00 in Shanghai
  const buyers = Array.from({ length: 150 }, (_, i) => ({
    name: `历史顾客${i + 1}`,
    phone: i % 3 === 0 ? `1390000${String(i).padStart(4, '0')}` : '',
    ext: i % 3 !== 0 ? `buyer-${i}` : '',
  }));
  for (let n = 1; n <= 602; n++) {
    const placed = start + Math.floor(random() * 364 * 24) * HOUR + int(0, 59) * 60_000;
    const s = status();
    const buyer = pick(buyers);
    const paid = s === 'cancelled' && random() < 0.5 ? null : placed + 10 * 60_000;
    const shipped = ['shipped', 'delivered', 'completed'].includes(s) ? placed + int(12, 48) * HOUR : null;
    const delivered = ['delivered', 'completed'].includes(s) ? shipped! + int(24, 120) * HOUR : null;
    const completed = s === 'completed' ? delivered! + 7 * 24 * HOUR : null;
    const cancelled = s === 'cancelled' ? placed + 2 * HOUR : null;
    const count = int(1, 3);
    const items = Array.from({ length: count }, () => pick(SKUS)).filter((v, i, a) => a.indexOf(v) === i);
    const shipping = random() < 0.3 ? 10 : 0;
    const discount = random() < 0.2 ? 5 : 0;
    const qty = items.map(() => int(1, 3));
    const itemsTotal = items.reduce((sum, it, i) => sum + Math.round(it.price * 100) * qty[i]!, 0);
    const total = ((itemsTotal + shipping * 100 - discount * 100) / 100).toFixed(2);
    let deliveredAt = delivered ? iso(delivered) : '';
    let currency = 'CNY';
    if (n === 301) deliveredAt = paid ? iso(paid - HOUR) : deliveredAt; // bad: delivered before paid
    if (n === 302) currency = 'USD'; // bad: another currency
    items.forEach((it, i) => {
      const first = i === 0;
      lines.push(
        [
          FIXTURE_CHANNEL,
          `HF-${String(n).padStart(5, '0')}`,
          first ? iso(placed) : '',
          first ? s : '',
          first ? currency : '',
          first ? buyer.name : '',
          first ? buyer.phone : '',
          first ? buyer.ext : '',
          it.sku,
          it.name,
          it.category,
          qty[i],
          it.price.toFixed(2),
          first ? shipping.toFixed(2) : '',
          first ? discount.toFixed(2) : '',
          first && random() < 0.5 ? total : '',
          first && paid ? iso(paid) : '',
          first && shipped ? iso(shipped) : '',
          first ? deliveredAt : '',
          first && completed ? iso(completed) : '',
          first && cancelled ? iso(cancelled) : '',
        ].join(','),
      );
    });
    if (delivered && n !== 301 && n !== 302 && random() < 0.6) {
      const it = pick(items);
      const at = Math.min(delivered + int(1, 10) * 24 * HOUR, Date.UTC(2026, 0, 31));
      reviews.push(
        [
          FIXTURE_CHANNEL,
          `HF-${String(n).padStart(5, '0')}`,
          it.sku,
          int(1, 5),
          pick(COMMENTS),
          iso(at),
          `R-${n}`,
        ].join(','),
      );
    }
  }
  return { orders: `${lines.join('\n')}\n`, reviews: `${reviews.join('\n')}\n` };
}

if (process.argv[1] && path.basename(process.argv[1]).startsWith('make-history-fixture')) {
  const dir = path.join(process.cwd(), 'test', 'fixtures');
  const { orders, reviews } = makeHistoryFixture();
  writeFileSync(path.join(dir, 'history-orders.csv'), orders);
  writeFileSync(path.join(dir, 'history-reviews.csv'), reviews);
  console.log(
    `wrote ${orders.split('\n').length - 2} order lines and ${reviews.split('\n').length - 2} reviews to ${dir}`,
  );
}
