/** postgres.js returns rows as an array, PGlite as `{ rows }`: one accessor for both. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
