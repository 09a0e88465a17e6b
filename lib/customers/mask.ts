/** Display helpers with no secrets: safe for client components and CSV building. */

/**
 * wang.li@example.com → w***@example.com: enough for an agent to confirm an address with the
 * customer, not to write to it. Anything without an @ is masked whole.
 */
export function maskEmail(email: string | null | undefined): string | null {
  if (!email) return null;
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}
