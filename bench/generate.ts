/**
 * Benchmark data, fast: `npx tsx --conditions=react-server bench/generate.ts --tier S|M|L`
 *   S = 100k orders (embedded PGlite by default), M = 1M orders, L = 10M orders (PostgreSQL).
 * Cases are 30 % of orders (300k at M), about 3.5 messages per case, feedback 20 % of orders.
 *
 * Customers are written from Node (their phones and addresses are encrypted with the app's key and
 * looked up by keyed hash, like real ones); everything else is generated inside the database with
 * set-based SQL (`generate_series`), with the rollup triggers off, then the rollups are rebuilt.
 * Distributions: skewed product popularity (Zipf-like), channel mix, more orders recently plus the
 * 618 and Double 11 peaks, statuses by age, case types, reasons and stages, feedback scores.
 */
import { sql } from 'drizzle-orm';
import { closeDb, type Db, type Tx } from '@/db/client';
import { connectAndMigrate } from '@/db/connect';
import { rowsOf } from '@/db/rows';
import { products } from '@/db/schema';
import { seedDatabase, SEED_SIZES } from '@/db/seed';
import { PRODUCTS, REGIONS, STREETS } from '@/db/seed/catalog';
import { personName } from '@/db/seed/names';
import { createRandom } from '@/db/seed/random';
import { rebuildRollups } from '@/lib/analytics/rollup';
import { encrypt, maskPhone, phoneHash } from '@/lib/crypto';
import { words } from '@/lib/feedback/text';

export const TIERS = {
  S: { orders: 100_000 },
  M: { orders: 1_000_000 },
  L: { orders: 10_000_000 },
} as const;
export type Tier = keyof typeof TIERS;

const COMMENTS = [
  '客服很耐心，退款也很快',
  '物流太慢了，等了一周',
  '质量不错，包装也很好',
  '换货寄来的还是有瑕疵',
  'Great products and fast delivery',
  'Refund took too long',
  '价格实惠，会推荐给朋友',
  '快递员态度很差',
  'Support was helpful',
  '',
];

const step = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
  const t0 = performance.now();
  const r = await fn();
  console.log(`  ${label.padEnd(28)} ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s`);
  return r;
};

/**
 * Runs a bulk insert into `tables` with their secondary indexes dropped, then builds them again:
 * one sorted build per index instead of millions of random insertions into indexes far larger than
 * the buffer cache (at L, 10M orders took over 25 minutes that way). Indexes behind constraints
 * (primary keys) stay.
 */
async function withoutIndexes<T>(tx: Tx, tables: string[], fn: () => Promise<T>): Promise<T> {
  const defs = rowsOf<{ name: string; def: string }>(
    await tx.execute(sql`
      select i.indexname as name, i.indexdef as def from pg_indexes i
      join pg_class c on c.relname = i.indexname and c.relkind = 'i'
      where i.schemaname = current_schema() and i.tablename in ${tables}
        and not exists (select 1 from pg_constraint k where k.conindid = c.oid)`),
  );
  for (const d of defs) await tx.execute(sql`drop index ${sql.identifier(d.name)}`);
  const result = await fn();
  for (const d of defs) await tx.execute(sql.raw(d.def));
  return result;
}

async function writeCustomers(db: Db, n: number): Promise<void> {
  const random = createRandom(9001);
  for (let i = 0; i < n; i += 5000) {
    const rows = [];
    for (let k = i; k < Math.min(n, i + 5000); k++) {
      const phone = `1${random.pick(['3', '5', '7', '8', '9'])}${String(random.int(0, 999_999_999)).padStart(9, '0')}`;
      rows.push({
        name: personName(random, k).name,
        phoneEnc: encrypt(phone),
        phoneHash: phoneHash(phone),
        phoneMasked: maskPhone(phone),
        region: random.pick(REGIONS),
        addressEnc: encrypt(`${random.pick(STREETS)}${random.int(1, 999)}号`),
      });
    }
    await db.execute(sql`insert into customers (name, phone_enc, phone_hash, phone_masked, region, address_enc)
      select * from jsonb_to_recordset(${JSON.stringify(rows.map((r) => ({ n: r.name, e: r.phoneEnc, h: r.phoneHash, m: r.phoneMasked, r: r.region, a: r.addressEnc })))}::jsonb)
      as x(n text, e text, h text, m text, r text, a text)`);
  }
}

export async function generate(db: Db, tier: Tier): Promise<void> {
  const N = TIERS[tier].orders;
  const tz = process.env.SHOP_TIMEZONE ?? 'Asia/Shanghai';
  console.log(`tier ${tier}: ${N.toLocaleString('en')} orders`);
  await step('accounts, teams, catalogue', async () => {
    await seedDatabase(db, { ...SEED_SIZES.small, orders: 0 });
    await db
      .insert(products)
      .values(PRODUCTS.map((p) => ({ ...p, returnable: p.returnable ?? true, warrantyDays: p.warrantyDays ?? 365 })))
      .onConflictDoNothing();
  });
  const customerCount = Math.round(N / 3);
  // Customers commit on their own: a run cut short resumes with the ones already written.
  const haveCustomers = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from customers where phone_hash is not null`),
  )[0]!.n;
  await step(`${customerCount.toLocaleString('en')} customers`, () =>
    writeCustomers(db, Math.max(0, customerCount - haveCustomers)),
  );

  const base = rowsOf<{ o: number; c: number; s: number; cs: number }>(
    await db.execute(sql`select coalesce(max(id), 0)::int as o, (select coalesce(max(id), 0) from cases)::int as c,
      (select nextval('order_no_seq'))::int as s, (select nextval('case_no_seq'))::int as cs from orders`),
  )[0]!;

  await db.transaction(async (tx) => {
    // Bulk load: no triggers (rollups are rebuilt after) and no per-row FK checks.
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`set local maintenance_work_mem = '1GB'`);
    await tx.execute(sql`select setseed(0.42)`);
    await step('plan orders and lines', async () => {
      await tx.execute(sql`create temp table gen_p on commit drop as
        select row_number() over (order by sku) - 1 as idx, id, sku, name, price_cents from products where active`);
      await tx.execute(sql`create temp table gen_c on commit drop as
        select row_number() over (order by id) - 1 as idx, id, name, phone_enc, phone_hash, phone_masked, region, address_enc
        from customers where phone_hash is not null`);
      // Age in days: more orders recently, and peaks around 6-18 and 11-11 of the past year.
      await tx.execute(sql`create temp table gen_o on commit drop as
        select g, age, status,
          case when r < .30 then 'tmall' when r < .55 then 'jd' when r < .75 then 'own_site' when r < .90 then 'douyin' when r < .97 then 'pinduoduo' else 'offline' end as channel
        from (
          select g, random() as r,
            case when random() < .06 then greatest(0.1, extract(epoch from now() - make_date(extract(year from now())::int - (case when now() < make_date(extract(year from now())::int, 11, 12) then 1 else 0 end), 11, 11)) / 86400 + random() * 3)
                 when random() < .04 then greatest(0.1, extract(epoch from now() - make_date(extract(year from now())::int - (case when now() < make_date(extract(year from now())::int, 6, 19) then 1 else 0 end), 6, 18)) / 86400 + random() * 3)
                 else 365 * power(random(), 1.5) end as age,
            null::text as status
          from generate_series(1, ${N}) g
        ) x`);
      await tx.execute(sql`update gen_o set status = case
          when random() < .03 then case when age < 2 then 'pending_payment' else 'closed' end
          when random() < .03 then 'cancelled'
          when age < 1 then (array['pending_payment','paid','paid','paid','shipped'])[1 + floor(random() * 5)::int]
          when age < 4 then (array['paid','shipped','shipped','delivered'])[1 + floor(random() * 4)::int]
          when age < 15 then (array['shipped','delivered','delivered','completed'])[1 + floor(random() * 4)::int]
          else 'completed' end`);
      const productCount = rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from gen_p`))[0]!.n;
      await tx.execute(sql`create temp table gen_l on commit drop as
        select g, j, p.idx as pidx, p.id as product_id, p.sku, p.name, p.price_cents, q as qty
        from generate_series(1, ${N}) g
        cross join lateral generate_series(1, 1 + (random() + 0 * g < .25)::int + (random() + 0 * g < .08)::int) j
        cross join lateral (select floor(${productCount} * power(random() + 0 * j, 2.2))::int as pi, 1 + (random() + 0 * j < .15)::int * floor(1 + random() * 3)::int as q) pick
        join gen_p p on p.idx = pick.pi`);
    });
    await step('orders', () =>
      withoutIndexes(tx, ['orders'], () =>
        tx.execute(sql`
        insert into orders (id, order_no, channel, external_id, customer_id, status, currency, items_total_cents, shipping_cents, discount_cents, total_cents,
          refunded_cents, placed_at, paid_at, shipped_at, delivered_at, completed_at, cancelled_at, carrier, tracking_no, recipient_name,
          recipient_phone_enc, recipient_phone_hash, recipient_phone_masked, shipping_region, shipping_address_enc, version, created_at, updated_at)
        overriding system value
        select ${base.o} + o.g, 'SO' || to_char(t.placed at time zone ${tz}, 'YYYYMMDD') || lpad((${base.s} + o.g)::text, 7, '0'),
          o.channel, null, c.id, o.status::order_status, 'CNY', l.items, l.ship, l.disc, l.items + l.ship - l.disc,
          0, t.placed,
          case when o.status not in ('pending_payment', 'closed') then t.placed + interval '10 minutes' end,
          case when o.status in ('shipped', 'delivered', 'completed') then t.placed + interval '20 hours' end,
          case when o.status in ('delivered', 'completed') then least(now(), t.placed + interval '3 days') end,
          case when o.status = 'completed' then least(now(), t.placed + interval '10 days') end,
          case when o.status = 'cancelled' then t.placed + interval '2 hours' end,
          case when o.status in ('shipped', 'delivered', 'completed') then (array['顺丰速运','中通快递','圆通速递','京东物流'])[1 + (o.g % 4)] end,
          case when o.status in ('shipped', 'delivered', 'completed') then 'SF' || lpad(o.g::text, 12, '0') end,
          c.name, c.phone_enc, c.phone_hash, c.phone_masked, c.region, c.address_enc, 1, t.placed, t.placed
        from gen_o o
        cross join lateral (select now() - make_interval(secs => o.age * 86400) as placed) t
        join gen_c c on c.idx = (o.g::bigint * 7919) % ${customerCount}
        join (select g, sum(price_cents * qty) as items, case when sum(price_cents * qty) >= 9900 then 0 else 1000 end as ship,
                     case when g % 10 < 3 then least(sum(price_cents * qty), (array[500, 1000, 2000])[1 + g % 3]) else 0 end as disc
              from gen_l group by g) l on l.g = o.g`),
      ),
    );
    await step('order lines', () =>
      withoutIndexes(tx, ['order_items'], () =>
        tx.execute(sql`
          insert into order_items (order_id, product_id, sku, name, quantity, unit_price_cents, line_total_cents)
          select ${base.o} + g, product_id, sku, name, sum(qty), price_cents, sum(qty) * price_cents from gen_l group by g, product_id, sku, name, price_cents`),
      ),
    );
    // Fresh tables have no statistics yet: without them the planner picks sequential scans below.
    await tx.execute(sql`analyze orders`);
    await tx.execute(sql`analyze order_items`);
    const caseCount = Math.round(N * 0.3);
    await step(`${caseCount.toLocaleString('en')} cases`, () =>
      withoutIndexes(tx, ['cases', 'case_items', 'case_events'], async () => {
        await tx.execute(sql`create temp table gen_s on commit drop as
        select row_number() over () as g, id as order_id, customer_id, delivered_at, total_cents,
          (array['return_refund','return_refund','return_refund','return_refund','return_refund','return_refund','return_refund','refund_only','refund_only','refund_only','refund_only',
                 'exchange','exchange','exchange','repair','repair','reissue','complaint','complaint','inquiry'])[1 + floor(random() * 20)::int] as type
        from (select id, customer_id, delivered_at, total_cents from orders where delivered_at is not null and id > ${base.o} order by random() limit ${caseCount}) x`);
        await tx.execute(sql`
        insert into cases (id, case_no, order_id, customer_id, type, reason, description, status, priority, channel, assignee_id, team_id, policy_code,
          currency, refund_cents, first_response_due_at, decision_due_at, resolution_due_at, first_responded_at, decided_at, completed_at, closed_at,
          order_channel, main_product_id, main_category, version, created_at, updated_at)
        overriding system value
        select ${base.c} + s.g, 'AS-' || to_char(t.created at time zone ${tz}, 'YYYYMMDD') || '-' || lpad((${base.cs} + s.g)::text, 7, '0'), s.order_id, s.customer_id,
          s.type::case_type,
          case s.type when 'complaint' then 'other' when 'inquiry' then 'other' when 'repair' then 'quality_issue'
            else (array['no_reason','no_reason','quality_issue','damaged_in_transit','wrong_item','not_as_described','missing_item'])[1 + floor(random() * 7)::int] end,
          (array['尺码不合适','质量有问题','快递太慢','收到破损','发错颜色了','Arrived broken','Changed my mind'])[1 + (s.g % 7)::int],
          st.status::case_status,
          (array['urgent','high','normal','normal','normal','low'])[1 + floor(random() * 6)::int]::case_priority,
          (array['portal','portal','portal','desk'])[1 + (s.g % 4)::int]::case_channel,
          case when st.status in ('submitted', 'open') and random() < .6 then null else ag.ids[1 + (s.g % array_length(ag.ids, 1))::int] end,
          tm.ids[1 + (s.g % array_length(tm.ids, 1))::int],
          case when s.type in ('complaint','inquiry') then 'always_open' else 'quality_exchange_until' end,
          'CNY',
          case when st.status in ('refunded','closed') and s.type in ('refund_only','return_refund') then least(s.total_cents, 5000 + (s.g % 50000)) else 0 end,
          t.created + interval '8 hours',
          case when s.type not in ('complaint','inquiry') then t.created + interval '24 hours' end,
          t.created + interval '72 hours',
          case when st.status not in ('submitted','open') or random() < .5 then t.created + make_interval(mins => (5 + random() * 900)::int) end,
          case when st.status not in ('submitted','open') and s.type not in ('complaint','inquiry') then t.created + make_interval(mins => (30 + random() * 2500)::int) end,
          case when st.status in ('refunded','delivered','repaired_shipped','resolved','closed') then least(now(), t.created + make_interval(mins => (600 + random() * 6000)::int)) end,
          case when st.status = 'closed' then least(now(), t.created + make_interval(mins => (6000 + random() * 20000)::int)) end,
          -- The report columns the triggers would keep (they are off here): the order's channel,
          -- and for cases about goods the first line's product (the one case item inserted below).
          (select o.channel from orders o where o.id = s.order_id), mp.product_id, coalesce(mp.category, ''),
          1, t.created, t.created
        from gen_s s
        left join lateral (
          select oi.product_id, p.category from order_items oi left join products p on p.id = oi.product_id
          where oi.order_id = s.order_id and s.type not in ('complaint', 'inquiry') order by oi.id limit 1
        ) mp on true
        cross join (select array_agg(id order by id) as ids from users where role in ('agent', 'supervisor')) ag
        cross join (select array_agg(id order by name) as ids from teams) tm
        cross join lateral (select least(now() - interval '1 hour', s.delivered_at + make_interval(hours => (2 + random() * 238)::int)) as created) t
        cross join lateral (select case when now() - t.created > interval '20 days' and random() < .92 then 'closed'
          else (case s.type
            when 'refund_only' then array['submitted','approved','refunding','refunded','closed']
            when 'return_refund' then array['submitted','approved','awaiting_return','received','inspected','refunding','refunded','closed']
            when 'exchange' then array['submitted','approved','awaiting_return','received','shipping_replacement','replacement_shipped','delivered','closed']
            when 'repair' then array['submitted','approved','awaiting_return','repairing','repaired_shipped','closed']
            when 'reissue' then array['submitted','approved','shipping_replacement','replacement_shipped','delivered','closed']
            when 'complaint' then array['open','pending_customer','open','resolved','closed']
            else array['open','resolved','closed'] end)[1 + floor(power(random(), .7) * (case s.type when 'return_refund' then 8 when 'exchange' then 8 when 'refund_only' then 5 when 'complaint' then 5 when 'repair' then 6 when 'reissue' then 6 else 3 end))::int]
          end as status) st`);
        await tx.execute(sql`
        insert into case_items (case_id, order_item_id, quantity)
        select c.id, (select min(oi.id) from order_items oi where oi.order_id = c.order_id), 1
        from cases c where c.id > ${base.c} and c.type not in ('complaint', 'inquiry')`);
        await tx.execute(
          sql`insert into case_events (case_id, at, actor_label, kind, to_status) select id, created_at, 'customer', 'created', status from cases where id > ${base.c}`,
        );
      }),
    );
    await step('case messages', () =>
      withoutIndexes(tx, ['case_messages'], () =>
        tx.execute(sql`
        insert into case_messages (case_id, author_label, author_kind, body, internal, created_at)
        select c.id, case when j % 2 = 1 then '客户' else '客服' end, case when j % 2 = 1 then 'customer' else 'agent' end,
          (array['您好，请问什么时候处理？','已收到您的申请，我们会尽快处理。','请提供一下照片','照片已上传','退款已原路退回，请注意查收','谢谢'])[1 + ((c.id + j) % 6)::int],
          j % 5 = 4, c.created_at + make_interval(hours => j)
        from cases c cross join lateral generate_series(1, 1 + (c.id % 6)::int) j
        where c.id > ${base.c}`),
      ),
    );
    await step('surveys and feedback', () =>
      withoutIndexes(tx, ['surveys', 'feedback'], async () => {
        const pool = COMMENTS.map((c, i) => ({ i, c, w: [...new Set(words(c))] }));
        await tx.execute(sql`create temp table gen_w on commit drop as
        select i as idx, c, array(select jsonb_array_elements_text(w)) as w
        from jsonb_to_recordset(${JSON.stringify(pool)}::jsonb) as x(i int, c text, w jsonb)`);
        // CSAT on two thirds of finished cases, NPS on a share of delivered orders, plus free feedback: 20 % of orders in all.
        await tx.execute(sql`
        insert into surveys (kind, customer_id, order_id, case_id, agent_id, offered_at, expires_at, answered_at)
        select 'csat', customer_id, order_id, id, assignee_id, completed_at, completed_at + interval '14 days',
          case when id % 3 <> 0 then least(now(), completed_at + interval '5 hours') end
        from cases where id > ${base.c} and completed_at is not null`);
        const csat = rowsOf<{ n: number }>(
          await tx.execute(
            sql`select count(*)::int as n from surveys where kind = 'csat' and answered_at is not null and case_id > ${base.c}`,
          ),
        )[0]!.n;
        const npsTarget = Math.max(0, Math.round(N * 0.2) - csat - Math.round(N * 0.01));
        await tx.execute(sql`
        insert into surveys (kind, customer_id, order_id, offered_at, expires_at, answered_at)
        select 'nps', customer_id, id, delivered_at + interval '7 days', delivered_at + interval '21 days',
          case when row_number() over () <= ${npsTarget} then least(now(), delivered_at + interval '8 days') end
        from (select customer_id, id, delivered_at from orders where id > ${base.o} and delivered_at < now() - interval '7 days' order by id % 7, id limit ${Math.round(npsTarget * 1.6)}) o`);
        await tx.execute(sql`
        insert into feedback (kind, customer_id, survey_id, order_id, case_id, agent_id, product_id, score, comment, words, status, created_at, updated_at)
        select s.kind::text::feedback_kind, s.customer_id, s.id, s.order_id, s.case_id, s.agent_id,
          (select oi.product_id from order_items oi where oi.order_id = s.order_id order by oi.line_total_cents desc limit 1),
          case when s.kind = 'csat' then (array[5,5,5,5,4,4,4,3,2,1])[1 + floor(random() * 10)::int] else (array[10,10,9,9,9,8,8,7,6,5,3,0])[1 + floor(random() * 12)::int] end,
          w.c, w.w, (array['new','reviewed','actioned','actioned'])[1 + floor(random() * 4)::int]::feedback_status, s.answered_at, s.answered_at
        from surveys s join gen_w w on w.idx = abs(hashtext(s.id::text)) % ${COMMENTS.length}
        where s.answered_at is not null and (s.case_id > ${base.c} or s.order_id > ${base.o})`);
        await tx.execute(sql`
        insert into feedback (kind, customer_id, order_id, comment, words, status, created_at, updated_at)
        select (array['suggestion','complaint','praise','other'])[1 + (g % 4)]::feedback_kind, o.customer_id, o.id, w.c, w.w, 'new', o.placed_at + interval '5 days', o.placed_at + interval '5 days'
        from generate_series(1, ${Math.round(N * 0.01)}) g
        join orders o on o.id = ${base.o} + 1 + (g::bigint * 97) % ${N}
        join gen_w w on w.idx = g % ${COMMENTS.length - 1}`);
      }),
    );
    await tx.execute(sql`select setval('order_no_seq', ${base.s + N + 1})`);
    await tx.execute(sql`select setval('case_no_seq', ${base.cs + caseCount + 1})`);
    await tx.execute(sql`select setval(pg_get_serial_sequence('orders', 'id'), (select max(id) from orders))`);
    await tx.execute(sql`select setval(pg_get_serial_sequence('cases', 'id'), (select max(id) from cases))`);
  });
  // VACUUM also sets the visibility map, so index-only scans skip the heap as they would in production.
  await step('vacuum analyze', () => db.execute(sql`vacuum analyze`));
  await step('rollups', () => rebuildRollups());
  const counts = rowsOf<Record<string, number>>(
    await db.execute(sql`select (select count(*) from orders)::int as orders, (select count(*) from order_items)::int as items, (select count(*) from customers)::int as customers,
      (select count(*) from cases)::int as cases, (select count(*) from case_messages)::int as messages, (select count(*) from feedback)::int as feedback`),
  )[0]!;
  console.log('  totals:', counts);
}

async function main() {
  const i = process.argv.indexOf('--tier');
  const tier = (i > 0 ? process.argv[i + 1] : 'S')?.toUpperCase() as Tier;
  if (!(tier in TIERS)) throw new Error(`--tier must be S, M or L (got ${tier})`);
  const { db } = await connectAndMigrate();
  const t0 = performance.now();
  await generate(db, tier);
  console.log(`done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  await closeDb();
}

if (process.argv[1]?.endsWith('generate.ts')) {
  main().catch(async (err) => {
    console.error(err);
    await closeDb().catch(() => {});
    process.exit(1);
  });
}
