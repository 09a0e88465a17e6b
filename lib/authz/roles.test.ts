import { describe, expect, it } from 'vitest';
import { permissionsOf, rolesWith } from './permissions';

describe('rolesWith', () => {
  it('answers "who holds this permission" from the role table, not from role names in code', () => {
    expect(rolesWith('update:case:any').sort()).toEqual(['agent', 'supervisor']);
    expect(rolesWith('supervise:case:any')).toEqual(['supervisor']);
    expect(rolesWith('access:portal:own')).toEqual(['customer']);
    for (const role of rolesWith('read:audit:any')) expect(permissionsOf(role).has('read:audit:any')).toBe(true);
  });
});
