/** The request's "now", read once per render so that every deadline on a page compares to the same instant. */
export function requestNow(): number {
  return Date.now();
}
