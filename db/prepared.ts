import type { Db } from './client';

/**
 * Statements of fixed shape prepared once per database handle: drizzle builds their SQL a single
 * time and the driver (postgres.js) sends them as named statements, so PostgreSQL parses and plans
 * each once per connection instead of on every call. For the hot reads only (order search, order
 * and case detail, queues) — an ad-hoc query gains nothing from it. A key names each shape (say,
 * the access kind and search mode); parameters are `sql.placeholder(name)`, filled at
 * `execute({ name: value })`.
 */
export class PreparedStatements<T> {
  private readonly byDb = new WeakMap<Db, Map<string, T>>();

  constructor(private readonly build: (db: Db, key: string) => T) {}

  get(db: Db, key: string): T {
    let shapes = this.byDb.get(db);
    if (!shapes) {
      shapes = new Map();
      this.byDb.set(db, shapes);
    }
    let statement = shapes.get(key);
    if (!statement) {
      statement = this.build(db, key);
      shapes.set(key, statement);
    }
    return statement;
  }
}
