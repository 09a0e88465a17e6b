/**
 * Number formats shared by charts, KPI cards and tables. Pure and locale-driven, so server pages
 * and client charts print the same figure the same way.
 */

import { numberFormat } from '@/lib/intl';

/**
 * A format that can cross from a server component to a client chart (functions cannot):
 * `integer` 1,234 · `decimal` 1,234.5 · `percent` a 0–100 value as 86.5% · `signed` +32 / −5 ·
 * or any Intl.NumberFormat options.
 */
export type NumberFormatSpec = 'integer' | 'decimal' | 'percent' | 'signed' | Intl.NumberFormatOptions;

export type ValueFormatter = (value: number) => string;

function options(spec: NumberFormatSpec): Intl.NumberFormatOptions {
  switch (spec) {
    case 'integer':
      return { maximumFractionDigits: 0 };
    case 'decimal':
      return { maximumFractionDigits: 1 };
    case 'percent':
      return { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 };
    case 'signed':
      return { signDisplay: 'exceptZero', maximumFractionDigits: 0 };
    default:
      return spec;
  }
}

export function numberFormatter(spec: NumberFormatSpec, locale: string): ValueFormatter {
  const f = numberFormat(locale, options(spec));
  // Our percentages are 0–100 (as the metrics compute them); Intl's percent style expects 0–1.
  return spec === 'percent' ? (v) => f.format(v / 100) : (v) => f.format(v);
}

/** 86.5% from 86.54; "—" when there is no figure. */
export function formatPercent(value: number | null | undefined, locale: string): string {
  return value === null || value === undefined ? '—' : numberFormatter('percent', locale)(value);
}

/** +32, 0, −5 (NPS and other signed scores); "—" when there is no figure. */
export function formatSigned(value: number | null | undefined, locale: string, fractionDigits = 0): string {
  if (value === null || value === undefined) return '—';
  return numberFormat(locale, {
    signDisplay: 'exceptZero',
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value);
}

export function formatCount(value: number, locale: string): string {
  return numberFormatter('integer', locale)(value);
}

/** The chart's formatter: an explicit function wins, then a spec, then numbers with at most one decimal. */
export function resolveFormatter(
  locale: string,
  valueFormatter?: ValueFormatter,
  format?: NumberFormatSpec,
): ValueFormatter {
  return valueFormatter ?? numberFormatter(format ?? 'decimal', locale);
}
