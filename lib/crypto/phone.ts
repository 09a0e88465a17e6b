/** Phone helpers with no secrets: safe for client components and validation schemas. */

/** Digits only, without a +86 / 0086 country prefix: the same phone always hashes the same way. */
export function normalizePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length === 13 && digits.startsWith('86')) return digits.slice(2);
  if (digits.length === 15 && digits.startsWith('0086')) return digits.slice(4);
  return digits;
}

/** 13812345678 → 138****5678: enough for an agent to confirm with the customer, not to call them. */
export function maskPhone(phone: string): string {
  const d = normalizePhone(phone);
  if (d.length <= 4) return '*'.repeat(d.length);
  if (d.length < 8) return `${'*'.repeat(d.length - 4)}${d.slice(-4)}`;
  return `${d.slice(0, 3)}****${d.slice(-4)}`;
}
