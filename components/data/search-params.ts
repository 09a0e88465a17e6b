/** Reads the string values of Next.js searchParams, ignoring repeated keys. */
export function pickParams<K extends string>(
  sp: Record<string, string | string[] | undefined>,
  keys: readonly K[],
): Record<K, string | undefined> {
  return Object.fromEntries(keys.map((k) => [k, typeof sp[k] === 'string' ? (sp[k] as string) : undefined])) as Record<
    K,
    string | undefined
  >;
}

/** Only the filters that are set, e.g. to save them as a view or carry them into a link. */
export function setParams(
  params: Record<string, string | undefined>,
  omit: string[] = ['cursor'],
): Record<string, string> {
  return Object.fromEntries(Object.entries(params).filter(([k, v]) => v && !omit.includes(k))) as Record<
    string,
    string
  >;
}
