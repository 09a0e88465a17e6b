import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors';
import { dayField, fieldsWithNul, instantField, isSaneDay, parseInput } from './validation';

describe('parseInput', () => {
  const schema = z.object({ name: z.string().min(1, 'required').max(3, 'too_long'), n: z.coerce.number().int() });

  it('returns parsed data', () => {
    expect(parseInput(schema, { name: 'ab', n: '4' })).toEqual({ name: 'ab', n: 4 });
  });

  it('collects message codes per field; missing fields are "required"', () => {
    try {
      parseInput(schema, { name: 'abcd' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).fieldErrors).toEqual({ name: ['too_long'], n: ['required'] });
    }
    expect(() => parseInput(schema, null)).toThrow(ValidationError);
  });
});

describe('parseInput with a wrong type', () => {
  it('reports a present value of the wrong type as "invalid"', () => {
    const schema = z.object({ n: z.number() });
    expect(() => parseInput(schema, { n: 'x' })).toThrow(ValidationError);
    try {
      parseInput(schema, { n: 'x' });
    } catch (err) {
      expect((err as ValidationError).fieldErrors).toEqual({ n: ['invalid'] });
    }
  });
});

describe('NUL bytes', () => {
  const schema = z.object({ name: z.string(), items: z.array(z.object({ sku: z.string() })) });

  it('refuses NUL in any string, naming the field, before the schema runs', () => {
    try {
      parseInput(schema, { name: 'a\u0000b', items: [{ sku: 'ok' }, { sku: 'x\u0000' }] });
      expect.unreachable();
    } catch (err) {
      expect((err as ValidationError).fieldErrors).toEqual({
        name: ['invalid_characters'],
        'items.1.sku': ['invalid_characters'],
      });
    }
  });

  it('finds NUL in a bare string and in object keys', () => {
    expect(fieldsWithNul('\u0000')).toEqual(['_form']);
    expect(fieldsWithNul({ 'a\u0000': 1 })).toEqual(['_form']);
    expect(fieldsWithNul({ a: 'fine', b: 2, c: null, d: new Date() })).toEqual([]);
  });
});

describe('dates in a sane range', () => {
  it('accepts real days from year 1000 to 2999 only', () => {
    expect(isSaneDay('2026-12-01')).toBe(true);
    expect(isSaneDay('1850-05-01')).toBe(true);
    for (const bad of [
      '0000-01-01',
      '2026-02-30',
      '2026-13-01',
      '0999-12-31',
      '3000-01-01',
      '+275760-09-13',
      '2026-1-1',
      '',
    ]) {
      expect(isSaneDay(bad), bad).toBe(false);
    }
    expect(() => parseInput(z.object({ d: dayField() }), { d: '0000-01-01' })).toThrow(ValidationError);
  });

  it('refuses instants of year 0000 and +275760 with invalid_date', () => {
    const schema = z.object({ at: instantField() });
    expect(parseInput(schema, { at: '2026-05-01T08:00:00+08:00' }).at.toISOString()).toBe('2026-05-01T00:00:00.000Z');
    for (const bad of [
      '0000-01-01T00:00:00Z',
      '+275760-09-13T00:00:00Z',
      '1969-12-31T00:00:00Z',
      '2101-01-01T00:00:00Z',
      'yesterday',
    ]) {
      try {
        parseInput(schema, { at: bad });
        expect.unreachable();
      } catch (err) {
        expect((err as ValidationError).fieldErrors).toEqual({ at: ['invalid_date'] });
      }
    }
  });
});
