/**
 * Variables in canned replies: `{{order_no}}` and the like, filled from the case when an agent
 * inserts the reply. Pure and client-safe: the composer fills on insert; the reply verbs check
 * that nothing unfilled goes out and that a saved reply names only variables that exist.
 */
export const REPLY_VARIABLES = [
  'customer_name',
  'order_no',
  'case_no',
  'carrier',
  'tracking_no',
  'return_tracking_no',
  'refund_amount',
  'agent_name',
  'today',
  'return_until',
] as const;
export type ReplyVariable = (typeof REPLY_VARIABLES)[number];
/** Values for one case, already formatted in the customer's language; absent when the case has none. */
export type ReplyValues = Partial<Record<ReplyVariable, string>>;

const TOKEN = /\{\{\s*([A-Za-z_]+)\s*\}\}/g;
const KNOWN: ReadonlySet<string> = new Set(REPLY_VARIABLES);

export function isReplyVariable(name: string): name is ReplyVariable {
  return KNOWN.has(name);
}

/** The variable names a text uses, in order of first use. */
export function variablesIn(text: string): string[] {
  return [...new Set([...text.matchAll(TOKEN)].map((m) => m[1]!))];
}

/** Names in a text that are not variables (a typo such as `{{order_number}}`). */
export function unknownVariables(text: string): string[] {
  return variablesIn(text).filter((v) => !isReplyVariable(v));
}

/**
 * Fills the variables that have a value; the others stay as `{{name}}` so the agent sees what to
 * complete, and `missing` names them.
 */
export function fillReply(text: string, values: ReplyValues): { text: string; missing: ReplyVariable[] } {
  const missing = new Set<ReplyVariable>();
  const filled = text.replace(TOKEN, (token, name: string) => {
    if (!isReplyVariable(name)) return token;
    const value = values[name]?.trim();
    if (value) return value;
    missing.add(name);
    return `{{${name}}}`;
  });
  return { text: filled, missing: [...missing] };
}

/** True when a message still holds a variable token: it must not reach the customer like that. */
export function hasUnfilledVariables(text: string): boolean {
  return variablesIn(text).length > 0;
}
