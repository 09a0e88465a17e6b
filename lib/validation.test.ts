import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors';
import { parseInput } from './validation';

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
