import 'server-only';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Tx } from '@/db/client';
import { channels, customerExternalIds, customerNotes, customers } from '@/db/schema';
import { transaction } from '@/db/tx';
import type { Ctx } from '@/lib/context';
import { customerPhoneColumns, encryptNullable, phoneHashes } from '@/lib/crypto';
import { ValidationError } from '@/lib/errors';
import { cell, type CsvGroup, type CsvRecord } from '@/lib/imports/csv-reader';
import type { ImportInput } from '@/lib/imports/registry';
import { problemsOf, runCsvImport, type ImportSink, type ImportSpec } from '@/lib/imports/run';
import type { ImportProgress, ImportResult } from '@/lib/imports/types';
import { phoneField } from '@/lib/orders/schemas';
import { parseInput } from '@/lib/validation';
import { MAX_NOTE_LENGTH, tagsField } from './schemas';

/** The customer CSV format (docs/customers-csv.md). One row per customer. */
export const CUSTOMER_COLUMNS = [
  'name',
  'phone',
  'email',
  'channel',
  'external_id',
  'region',
  'address',
  'tags',
  'notes',
] as const;
export const REQUIRED_CUSTOMER_COLUMNS = ['name'] as const;
type Column = (typeof CUSTOMER_COLUMNS)[number];

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'too_long')
    .optional()
    .transform((v) => v || undefined);

const CustomerCsvRow = z
  .object({
    name: z.string().trim().min(1, 'required').max(100, 'too_long'),
    phone: phoneField.optional(),
    email: z
      .email('invalid_email')
      .max(254, 'too_long')
      .optional()
      .transform((v) => v?.toLowerCase()),
    channel: text(40),
    externalId: text(64),
    region: text(100),
    address: text(300),
    tags: tagsField,
    notes: text(MAX_NOTE_LENGTH),
  })
  .superRefine((v, ctx) => {
    // A buyer id means nothing without its channel, and a channel alone identifies no one.
    if (v.channel && !v.externalId) ctx.addIssue({ code: 'custom', path: ['externalId'], message: 'required' });
    if (!v.channel && v.externalId) ctx.addIssue({ code: 'custom', path: ['channel'], message: 'required' });
  });
type RowData = z.output<typeof CustomerCsvRow>;

const COLUMN_OF: Record<string, Column> = {
  name: 'name',
  phone: 'phone',
  email: 'email',
  channel: 'channel',
  externalId: 'external_id',
  region: 'region',
  address: 'address',
  tags: 'tags',
  notes: 'notes',
};
const columnOf = (path: string) => ({ column: COLUMN_OF[path.split('.')[0]!] ?? '' });

function inputOf(r: CsvRecord<Column>) {
  return {
    name: r.name ?? '',
    phone: cell(r.phone),
    email: cell(r.email),
    channel: cell(r.channel),
    externalId: cell(r.external_id),
    region: cell(r.region),
    address: cell(r.address),
    tags: (r.tags ?? '').split(/[|;]/),
    notes: cell(r.notes),
  };
}

type Known = typeof customers.$inferSelect;
const extKey = (channel: string, externalId: string) => `${channel}\u0000${externalId}`;

/**
 * What one batch knows about existing customers: looked up once per key for the whole batch (by
 * phone hash, by e-mail, by channel + buyer id, and their notes), then kept current as rows of
 * the batch create or update customers, so a later row of the same file finds an earlier one.
 */
class BatchIndex {
  byId = new Map<string, Known>();
  byHash = new Map<string, string>();
  byEmail = new Map<string, string>();
  byExt = new Map<string, string>();
  notes = new Set<string>();

  add(c: Known) {
    this.byId.set(c.id, c);
    if (c.phoneHash && !this.byHash.has(c.phoneHash)) this.byHash.set(c.phoneHash, c.id);
    if (c.email && !this.byEmail.has(c.email)) this.byEmail.set(c.email, c.id);
  }

  match(d: RowData): Known | undefined {
    const id =
      (d.phone
        ? phoneHashes(d.phone)
            .map((h) => this.byHash.get(h))
            .find(Boolean)
        : undefined) ??
      (d.email ? this.byEmail.get(d.email) : undefined) ??
      (d.channel && d.externalId ? this.byExt.get(extKey(d.channel, d.externalId)) : undefined);
    return id ? this.byId.get(id) : undefined;
  }
}

/**
 * The batch's existing customers, locked. Candidates are found by each key without locking, then
 * locked in id order in one statement (as mergeCustomers does), so an import and a merge touching
 * the same customers cannot deadlock.
 */
async function loadBatch(tx: Tx, rows: RowData[]): Promise<BatchIndex> {
  const index = new BatchIndex();
  const hashes = [...new Set(rows.flatMap((d) => (d.phone ? phoneHashes(d.phone) : [])))];
  const emails = [...new Set(rows.flatMap((d) => (d.email ? [d.email] : [])))];
  const pairs = rows.filter((d) => d.channel && d.externalId).map((d) => sql`(${d.channel}, ${d.externalId})`);
  const [byHash, byEmail, byExt] = await Promise.all([
    hashes.length ? tx.select({ id: customers.id }).from(customers).where(inArray(customers.phoneHash, hashes)) : [],
    emails.length ? tx.select({ id: customers.id }).from(customers).where(inArray(customers.email, emails)) : [],
    pairs.length
      ? tx
          .select({
            channel: customerExternalIds.channel,
            externalId: customerExternalIds.externalId,
            customerId: customerExternalIds.customerId,
          })
          .from(customerExternalIds)
          .where(
            sql`(${customerExternalIds.channel}, ${customerExternalIds.externalId}) in (${sql.join(pairs, sql`, `)})`,
          )
      : [],
  ]);
  const ids = [
    ...new Set([...byHash.map((r) => r.id), ...byEmail.map((r) => r.id), ...byExt.map((r) => r.customerId)]),
  ];
  if (!ids.length) return index;
  // Oldest first, so that when two records share a phone or e-mail the older one is the match.
  const locked = await tx
    .select()
    .from(customers)
    .where(inArray(customers.id, ids))
    .orderBy(asc(customers.id))
    .for('update');
  for (const c of [...locked].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id)))
    index.add(c);
  for (const e of byExt)
    if (index.byId.has(e.customerId)) index.byExt.set(extKey(e.channel, e.externalId), e.customerId);
  const bodies = [...new Set(rows.flatMap((d) => (d.notes ? [d.notes] : [])))];
  if (bodies.length) {
    const existing = await tx
      .select({ customerId: customerNotes.customerId, body: customerNotes.body })
      .from(customerNotes)
      .where(and(inArray(customerNotes.customerId, ids), inArray(customerNotes.body, bodies)));
    for (const n of existing) index.notes.add(`${n.customerId}\u0000${n.body}`);
  }
  return index;
}

/** Fields a matched customer lacks and the row has; a match never overwrites what staff already know. */
function fillPatch(c: Known, d: RowData) {
  const patch: Partial<Known> = {};
  if (!c.phoneEnc && d.phone)
    Object.assign(patch, {
      ...customerPhoneColumns(d.phone),
    });
  if (!c.email && d.email) patch.email = d.email;
  if (!c.region && d.region) patch.region = d.region;
  if (!c.addressEnc && d.address) patch.addressEnc = encryptNullable(d.address);
  const newTags = d.tags.filter((t) => !c.tags.includes(t));
  if (newTags.length) patch.tags = [...c.tags, ...newTags];
  return patch;
}

/**
 * Imports customers from CSV (kind `customers`, import:customer:any). Each row is matched to an
 * existing customer by phone (keyed hash), then e-mail, then channel + buyer id. A match gets what
 * it lacks — empty contact fields, the buyer id, new tags, the note if it is not on the profile
 * yet — and counts as updated, or skipped when it lacked nothing (so a second run of the same file
 * skips every row). No match creates a customer, personal data encrypted as for orders
 * (lib/orders/customer-match.ts). Lookups are one query per key per batch, never one per row.
 */
export async function* importCustomersCsv({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: ImportInput;
}): AsyncGenerator<ImportProgress, ImportResult> {
  const spec: ImportSpec<Column> = {
    kind: 'customers',
    permission: 'import:customer:any',
    columns: CUSTOMER_COLUMNS,
    required: REQUIRED_CUSTOMER_COLUMNS,
    batchSize: 200,
    handle: (batch, sink) => handleBatch(ctx, batch, sink),
  };
  return yield* runCsvImport(ctx, spec, input);
}

async function handleBatch(ctx: Ctx, batch: CsvGroup<Column>[], sink: ImportSink) {
  const actor = ctx.actor!; // runCsvImport has authorised the caller before the first batch
  // Rejections are reported in line order once the batch is done, whichever check found them.
  const rejected: { line: number; ref: string; problems: Parameters<ImportSink['reject']>[0] }[] = [];
  const codes = [...new Set(batch.flatMap((g) => (cell(g.rows[0]!.channel) ? [cell(g.rows[0]!.channel)!] : [])))];
  const db = await getDb();
  const known = new Set(
    codes.length
      ? (await db.select({ code: channels.code }).from(channels).where(inArray(channels.code, codes))).map(
          (c) => c.code,
        )
      : [],
  );
  const rows: { line: number; ref: string; d: RowData }[] = [];
  for (const g of batch) {
    const r = g.rows[0]!;
    const ref = cell(r.external_id) ?? cell(r.email) ?? cell(r.name) ?? '';
    try {
      const d = parseInput(CustomerCsvRow, inputOf(r));
      if (d.channel && !known.has(d.channel))
        rejected.push({ line: g.line, ref, problems: [{ line: g.line, field: 'channel', code: 'unknown_channel' }] });
      else rows.push({ line: g.line, ref, d });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      rejected.push({ line: g.line, ref, problems: problemsOf(err, g.line, columnOf) });
    }
  }
  if (rows.length) {
    await transaction(async (tx) => {
      const index = await loadBatch(
        tx,
        rows.map((v) => v.d),
      );
      for (const { line, ref, d } of rows) {
        const outcome = await writeRow(tx, index, d, actor);
        if (outcome === 'conflict')
          rejected.push({ line, ref, problems: [{ line, field: 'external_id', code: 'external_id_other_customer' }] });
        else sink[outcome]();
      }
    });
  }
  for (const r of rejected.sort((a, b) => a.line - b.line)) sink.reject(r.problems, r.ref);
}

/** One valid row against what the batch knows: create, fill in, or leave alone. */
async function writeRow(
  tx: Tx,
  index: BatchIndex,
  d: RowData,
  actor: { userId: string; name: string },
): Promise<'imported' | 'updated' | 'skipped' | 'conflict'> {
  const match = index.match(d);
  const ext = d.channel && d.externalId ? extKey(d.channel, d.externalId) : null;
  const extOwner = ext ? index.byExt.get(ext) : undefined;
  // The phone or e-mail says one customer, the buyer id another: probably duplicates to merge.
  if (match && extOwner && extOwner !== match.id) return 'conflict';
  let customer: Known;
  let changed = false;
  if (match) {
    const patch = fillPatch(match, d);
    customer = match;
    if (Object.keys(patch).length) {
      const [updated] = await tx
        .update(customers)
        .set({ ...patch, version: match.version + 1, updatedAt: new Date() })
        .where(eq(customers.id, match.id))
        .returning();
      customer = updated!;
      changed = true;
    }
  } else {
    const [created] = await tx
      .insert(customers)
      .values({
        name: d.name,
        email: d.email ?? null,
        ...customerPhoneColumns(d.phone),
        region: d.region ?? null,
        addressEnc: encryptNullable(d.address),
        tags: d.tags,
      })
      .returning();
    customer = created!;
  }
  index.add(customer);
  if (ext && !extOwner) {
    await tx
      .insert(customerExternalIds)
      .values({ channel: d.channel!, externalId: d.externalId!, customerId: customer.id });
    index.byExt.set(ext, customer.id);
    changed = true;
  }
  const noteKey = d.notes ? `${customer.id}\u0000${d.notes}` : null;
  if (noteKey && !index.notes.has(noteKey)) {
    await tx
      .insert(customerNotes)
      .values({ customerId: customer.id, authorId: actor.userId, authorLabel: actor.name, body: d.notes! });
    index.notes.add(noteKey);
    changed = true;
  }
  return !match ? 'imported' : changed ? 'updated' : 'skipped';
}
