import { describe, expect, it } from 'vitest';
import { diffChanges } from './diff';

describe('diffChanges', () => {
  it('keeps only the fields that changed, with before and after', () => {
    expect(diffChanges({ role: 'agent', name: 'A', active: true }, { role: 'admin', name: 'A', active: true })).toEqual(
      {
        role: { before: 'agent', after: 'admin' },
      },
    );
  });

  it('records a create without before and a delete without after', () => {
    expect(diffChanges(null, { name: 'T' })).toEqual({ name: { after: 'T' } });
    expect(diffChanges({ name: 'T' }, undefined)).toEqual({ name: { before: 'T' } });
  });

  it('compares dates by instant and objects by value', () => {
    const a = new Date('2026-11-24T00:00:00Z');
    expect(diffChanges({ at: a, tags: ['x'] }, { at: new Date(a.getTime()), tags: ['x'] })).toEqual({});
    expect(diffChanges({ at: a }, { at: new Date('2026-11-25T00:00:00Z') })).toEqual({
      at: { before: '2026-11-24T00:00:00.000Z', after: '2026-11-25T00:00:00.000Z' },
    });
  });

  it('never copies secret values into the trail', () => {
    expect(diffChanges({ passwordHash: '$argon2id$old' }, { passwordHash: '$argon2id$new' })).toEqual({
      passwordHash: { before: '[redacted]', after: '[redacted]' },
    });
  });
});
