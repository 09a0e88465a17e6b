/**
 * 价保 price protection (#18 item 7): the customer bought at one price and sees the item cheaper
 * within the category's window; the shop refunds the difference. No goods move. Pure, so the
 * request form, the verb and the tests agree on the arithmetic.
 */

/** What the customer paid per unit: the line total (after line discounts) over the quantity. */
export function paidUnitCents(line: { lineTotalCents: number; quantity: number }): number {
  return Math.round(Number(line.lineTotalCents) / line.quantity);
}

/**
 * The difference to refund for the claimed lines: (paid − claimed lower price) × quantity, summed.
 * A claim at or above what was paid contributes nothing (the request form refuses it anyway).
 */
export function priceDifferenceCents(
  lines: { paidUnitCents: number; claimedUnitCents: number | null; quantity: number }[],
): number {
  return lines.reduce(
    (sum, l) =>
      sum + (l.claimedUnitCents === null ? 0 : Math.max(0, l.paidUnitCents - l.claimedUnitCents) * l.quantity),
    0,
  );
}

/** Why a claimed price cannot be used, or null: it is required and must be lower than what was paid. */
export function claimedPriceProblem(claimedUnitCents: number | undefined, paid: number): string | null {
  if (claimedUnitCents === undefined) return 'claimed_price_required';
  if (claimedUnitCents >= paid) return 'claimed_price_not_lower';
  return null;
}
