/**
 * Times in CSV files as shops export them (orders, reviews). Client-safe: no server imports.
 */

import { dateTimeFormat } from '@/lib/intl';

/** Recorded instants must lie in this range (as lib/validation's instantField). */
const EARLIEST_MS = Date.parse('1970-01-01T00:00:00Z');
const LATEST_MS = Date.parse('2100-12-31T23:59:59.999Z');

const ISO =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** How far `tz`'s wall clock is ahead of UTC at the instant `utcMs`, in ms. */
function zoneOffsetMs(utcMs: number, tz: string): number {
  const parts = dateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value])) as Record<string, string>;
  const wall = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return wall - Math.floor(utcMs / 1000) * 1000;
}

/** The instant at which `tz`'s wall clock shows `wallMs` (a wall time written as if it were UTC). */
function wallToInstant(wallMs: number, tz: string): number {
  // Two passes settle the offset across a daylight-saving change.
  const first = wallMs - zoneOffsetMs(wallMs, tz);
  return wallMs - zoneOffsetMs(first, tz);
}

/**
 * A time from a CSV cell in ISO 8601: `2026-05-01`, `2026-05-01 14:30`, `2026-05-01T14:30:00`
 * (or with slashes, `2026/5/1 14:30`, as spreadsheets and Chinese platforms write it),
 * with or without seconds, fractions and an offset (`Z`, `+08:00`, `+0800`). Without an offset the
 * time is the shop's wall-clock time (what Chinese platforms export); a bare date is the start of
 * that shop day. Null for anything else, an impossible date (2026-02-30) or a time outside
 * 1970–2100.
 */
export function parseCsvTime(value: string, tz: string): Date | null {
  const m = ISO.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', offset] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC rolls 2026-02-30 over into March: such a date does not exist.
  if (new Date(wall).getUTCDate() !== day || new Date(wall).getUTCMonth() !== month - 1) return null;
  let at: number;
  if (!offset) {
    at = wallToInstant(wall, tz);
  } else if (offset.toUpperCase() === 'Z') {
    at = wall;
  } else {
    const sign = offset[0] === '-' ? -1 : 1;
    const digits = offset.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2, 4) || '0');
    if (oh > 14 || om > 59) return null;
    at = wall - sign * (oh * 60 + om) * 60_000;
  }
  if (at < EARLIEST_MS || at > LATEST_MS) return null;
  return new Date(at);
}
