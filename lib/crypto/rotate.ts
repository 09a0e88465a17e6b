import { eq, sql, type SQL } from 'drizzle-orm';
import type { Db, Queryable } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { instanceMeta } from '@/db/schema';
import { decryptWithKeys, deriveDataKeys, encryptWithKeys, phoneHashWithKeys, type DataKeys } from './index';
import { keyFingerprint } from './fingerprint';
import {
  beginRotation,
  DataKeyError,
  formatFingerprint,
  ROTATION_META_KEY,
  storedFingerprint,
  storedRotation,
  storeFingerprint,
  saveRotation,
  type RotationState,
} from './key-check';

/**
 * Key rotation (`npm run keys:rotate`, docs/keys.md): every value encrypted or keyed with the
 * previous data key is rewritten under the current one, in batches by primary-key keyset, each
 * batch in one transaction together with the progress record (instance_meta
 * `data_key_rotation`), so a run stopped anywhere (Ctrl+C, kill -9, a lost connection) resumes
 * where it stopped and never re-encrypts a value twice: a value is always decrypted first, and
 * rows already under the new key (`v2:<new kid>:`) are not selected at all.
 *
 * While it runs the app keeps serving (PostgreSQL): it reads both keys, finds phones by either
 * key's hash and writes with the new key only. A batch's update is guarded by the values it read,
 * so a row the app changed meanwhile is left alone (the app wrote it with the new key); a final
 * check pass finds anything still under the old key (say, written by an instance that still ran
 * with the old configuration) and goes round again before the new fingerprint is stored.
 */

type Column = { enc: string; hash?: string };
type Table = { name: 'customers' | 'orders'; idCast: 'uuid' | 'bigint'; columns: Column[] };

/** Every column holding a value encrypted or keyed with the data key (db/schema/orders.ts). */
export const ENCRYPTED_TABLES: readonly Table[] = [
  { name: 'customers', idCast: 'uuid', columns: [{ enc: 'phone_enc', hash: 'phone_hash' }, { enc: 'address_enc' }] },
  {
    name: 'orders',
    idCast: 'bigint',
    columns: [{ enc: 'recipient_phone_enc', hash: 'recipient_phone_hash' }, { enc: 'shipping_address_enc' }],
  },
];

/** Serialises batches of concurrent runs: each re-reads the cursor after taking it. */
const ROTATION_LOCK = 0x6166_6b72; // "afkr"
const MAX_PASSES = 5;

export type RotateOptions = {
  /** The new data key (DATA_ENCRYPTION_KEY) and the one the data is encrypted with now. */
  current: Buffer;
  previous: Buffer;
  batchSize?: number;
  /** Stop after this many batches (tests: an interrupted run). */
  maxBatches?: number;
  /** Asked between batches: Ctrl+C lets the batch in flight commit, then stops. */
  shouldStop?: () => boolean;
  onBatch?: (p: { table: string; rows: number; rewritten: number; pass: number; total: number }) => void;
};

export type RotateResult = {
  status: 'finished' | 'stopped' | 'nothing_to_do';
  /** Rows rewritten by this run, and by all runs of this rotation. */
  rewritten: number;
  total: number;
  batches: number;
  from: string;
  to: string;
};

const ident = (name: string) => sql.raw(`"${name}"`);

/** Rows with a value not yet under the new key. */
function pendingWhere(t: Table, kid: string): SQL {
  const like = `v2:${kid}:%`;
  return sql.join(
    t.columns.map((c) => sql`(${ident(c.enc)} is not null and ${ident(c.enc)} not like ${like})`),
    sql` or `,
  );
}

/** How many rows still hold a value not under the key with id `kid` (for progress reports). */
export async function pendingRowCount(db: Queryable, kid: string): Promise<number> {
  let n = 0;
  for (const t of ENCRYPTED_TABLES) {
    const [row] = rowsOf<{ n: string | number }>(
      await db.execute(sql`select count(*) as n from ${ident(t.name)} where ${pendingWhere(t, kid)}`),
    );
    n += Number(row?.n ?? 0);
  }
  return n;
}

async function anyPending(db: Queryable, kid: string): Promise<boolean> {
  for (const t of ENCRYPTED_TABLES) {
    const rows = rowsOf(
      await db.execute(sql`select 1 as x from ${ident(t.name)} where ${pendingWhere(t, kid)} limit 1`),
    );
    if (rows.length) return true;
  }
  return false;
}

/** One batch of one table, in the caller's transaction. Returns rows seen and rewritten. */
async function rotateBatch(
  tx: Queryable,
  t: Table,
  cursor: string | number | null,
  batchSize: number,
  keys: { next: DataKeys; read: DataKeys[] },
) {
  const cols = t.columns.flatMap((c) => (c.hash ? [c.enc, c.hash] : [c.enc]));
  const after = cursor === null ? sql`true` : sql`id > ${String(cursor)}::${sql.raw(t.idCast)}`;
  const rows = rowsOf<Record<string, string | null>>(
    await tx.execute(
      sql`select id::text as id, ${sql.join(cols.map(ident), sql`, `)} from ${ident(t.name)}
          where ${after} and (${pendingWhere(t, keys.next.kid)}) order by id limit ${batchSize}`,
    ),
  );
  if (!rows.length) return { seen: 0, rewritten: 0, last: null as string | null };

  const tuples = rows.map((r) => {
    const parts: SQL[] = [sql`${r.id}::${sql.raw(t.idCast)}`];
    for (const c of t.columns) {
      const old = r[c.enc] ?? null;
      let next = old;
      let hash = c.hash ? (r[c.hash] ?? null) : null;
      if (old !== null && !old.startsWith(`v2:${keys.next.kid}:`)) {
        let plain: string;
        try {
          plain = decryptWithKeys(old, keys.read);
        } catch {
          throw new DataKeyError(
            `${t.name} ${r.id}: ${c.enc} is encrypted with neither the new nor the previous data key. Nothing was changed in this batch; ` +
              'find out which key wrote it before going on (docs/keys.md).',
          );
        }
        next = encryptWithKeys(plain, keys.next);
        if (c.hash) hash = phoneHashWithKeys(plain, keys.next);
      }
      parts.push(sql`${old}::text`, sql`${next}::text`);
      if (c.hash) parts.push(sql`${hash}::text`);
    }
    return sql`(${sql.join(parts, sql`, `)})`;
  });
  const vcols = ['id', ...t.columns.flatMap((c, i) => (c.hash ? [`o${i}`, `n${i}`, `h${i}`] : [`o${i}`, `n${i}`]))];
  const sets = t.columns.flatMap((c, i) => [
    sql`${ident(c.enc)} = v.${sql.raw(`n${i}`)}`,
    ...(c.hash ? [sql`${ident(c.hash)} = v.${sql.raw(`h${i}`)}`] : []),
  ]);
  // Guarded by the values read: a row the app rewrote meanwhile (with the new key) is not overwritten.
  const guard = t.columns.map((c, i) => sql`t.${ident(c.enc)} is not distinct from v.${sql.raw(`o${i}`)}`);
  const updated = rowsOf(
    await tx.execute(sql`
      update ${ident(t.name)} as t set ${sql.join(sets, sql`, `)}
      from (values ${sql.join(tuples, sql`, `)}) as v(${sql.raw(vcols.join(', '))})
      where t.id = v.id and ${sql.join(guard, sql` and `)}
      returning t.id`),
  );
  return { seen: rows.length, rewritten: updated.length, last: rows[rows.length - 1]!.id! };
}

export async function rotateDataKey(db: Db, opts: RotateOptions): Promise<RotateResult> {
  const batchSize = opts.batchSize ?? 500;
  const to = keyFingerprint(opts.current);
  const from = keyFingerprint(opts.previous);
  const next = deriveDataKeys(opts.current);
  const prev = deriveDataKeys(opts.previous);
  if (from === to)
    throw new DataKeyError(
      'The new and the previous data key are the same key: configure a new key as DATA_ENCRYPTION_KEY.',
    );
  if (next.kid === prev.kid)
    throw new DataKeyError('The two keys share a key id (a 1 in 4 billion chance): generate another new key.');
  const keys = { next, read: [next, prev] };

  const stored = await storedFingerprint(db);
  const pending = await storedRotation(db);
  if (stored === to && !pending) return { status: 'nothing_to_do', rewritten: 0, total: 0, batches: 0, from, to };
  if (stored !== from) {
    throw new DataKeyError(
      stored
        ? `This database is encrypted with the data key ${formatFingerprint(stored)}, which is neither the new key (${formatFingerprint(to)}) nor the previous one (${formatFingerprint(from)}).`
        : 'This database has no data key fingerprint yet: start the app once (or run npm run db:migrate) with its current key, then rotate.',
    );
  }
  await beginRotation(db, from, to);

  let batches = 0;
  let rewritten = 0;
  for (;;) {
    if ((opts.maxBatches !== undefined && batches >= opts.maxBatches) || opts.shouldStop?.()) {
      const s = (await storedRotation(db))!;
      return { status: 'stopped', rewritten, total: s.rewritten, batches, from, to };
    }
    const step = await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${ROTATION_LOCK})`);
      const state = await storedRotation(tx);
      if (!state) return { kind: 'finished' as const, total: 0 }; // another run finished it meanwhile
      if (state.to !== to || state.from !== from)
        throw new DataKeyError(`The recorded rotation (to ${formatFingerprint(state.to)}) changed under this run.`);
      const table = ENCRYPTED_TABLES.find((t) => state.cursor[t.name] !== 'done');
      if (!table) {
        // A pass over every table is complete: finish only if nothing under the old key is left.
        if (await anyPending(tx, next.kid)) {
          if (state.pass >= MAX_PASSES) {
            throw new DataKeyError(
              `Values under the previous key keep appearing after ${MAX_PASSES} passes: an app instance still runs with the old configuration. ` +
                'Restart every instance with the new DATA_ENCRYPTION_KEY and DATA_ENCRYPTION_KEY_PREVIOUS, then run npm run keys:rotate again.',
            );
          }
          await saveRotation(tx, { ...state, pass: state.pass + 1, cursor: { customers: null, orders: null } });
          return { kind: 'pass' as const, total: state.rewritten };
        }
        await storeFingerprint(tx, to);
        await tx.delete(instanceMeta).where(eq(instanceMeta.key, ROTATION_META_KEY));
        return { kind: 'finished' as const, total: state.rewritten };
      }
      const r = await rotateBatch(tx, table, state.cursor[table.name] ?? null, batchSize, keys);
      const done = r.seen < batchSize;
      const updated: RotationState = {
        ...state,
        cursor: { ...state.cursor, [table.name]: done ? 'done' : r.last },
        rewritten: state.rewritten + r.rewritten,
      };
      await saveRotation(tx, updated);
      return {
        kind: 'batch' as const,
        table: table.name,
        seen: r.seen,
        rewritten: r.rewritten,
        pass: state.pass,
        total: updated.rewritten,
      };
    });
    if (step.kind === 'finished') return { status: 'finished', rewritten, total: step.total, batches, from, to };
    if (step.kind === 'batch') {
      if (step.seen > 0) {
        batches++;
        rewritten += step.rewritten;
        opts.onBatch?.({
          table: step.table,
          rows: step.seen,
          rewritten: step.rewritten,
          pass: step.pass,
          total: step.total,
        });
      }
    }
  }
}

/**
 * When the last survey link that may carry the previous key's signature expires: links stay
 * valid while DATA_ENCRYPTION_KEY_PREVIOUS is configured (lib/feedback/token.ts).
 */
export async function lastOldSurveyLinkExpiry(db: Queryable): Promise<Date | null> {
  const [row] = rowsOf<{ until: string | Date | null }>(
    await db.execute(
      sql`select max(expires_at) as until from surveys where answered_at is null and expires_at > now()`,
    ),
  );
  return row?.until ? new Date(row.until) : null;
}
