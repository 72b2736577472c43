import { describe, expect, it } from 'vitest';
import { checkInvariants, invariants } from '../../src/analyses/invariants/index.js';
import { hubModel } from './support/hub-model.js';

describe('checkInvariants', () => {
  it('finds nothing in the guide’s final network built by hand', () => {
    expect(checkInvariants(hubModel())).toEqual([]);
  });

  it('lists every rule once, in id order, with a title, a rationale and a fix', () => {
    const ids = invariants.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const rule of invariants) {
      expect(rule.id).toMatch(/^NET\d{3}$/);
      expect(rule.title.length).toBeGreaterThan(10);
      expect(rule.rationale.length).toBeGreaterThan(40);
      expect(rule.fix.length).toBeGreaterThan(20);
    }
  });
});
