import { getDb, type Tx } from './client';

/** Runs `fn` in one transaction: the change and its audit event commit together or not at all. */
export async function transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const db = await getDb();
  return db.transaction(fn);
}
