/**
 * Cached Intl formatters (#17). Building an Intl.DateTimeFormat or NumberFormat costs tens of
 * microseconds (it resolves locale data); formatting with one costs about one. Pages format
 * hundreds of dates and amounts per render, and the SLA clock takes a time zone's wall-clock parts
 * for every business-hour boundary, so each (locale, options) pair is built once per process.
 * The options objects are always small literals: their JSON is the cache key.
 */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();
const listFormats = new Map<string, Intl.ListFormat>();

function cached<F, O>(cache: Map<string, F>, make: (locale: string, options: O) => F, locale: string, options: O): F {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = make(locale, options);
    // A bound on what odd inputs (a stray locale) could pile up; real pages use a few dozen.
    if (cache.size > 500) cache.clear();
    cache.set(key, format);
  }
  return format;
}

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
  return cached(dateTimeFormats, (l, o) => new Intl.DateTimeFormat(l, o), locale, options);
}

export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return cached(numberFormats, (l, o) => new Intl.NumberFormat(l, o), locale, options);
}

export function listFormat(locale: string, options: Intl.ListFormatOptions = {}): Intl.ListFormat {
  return cached(listFormats, (l, o) => new Intl.ListFormat(l, o), locale, options);
}
