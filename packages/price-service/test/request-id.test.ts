import { describe, expect, it } from 'vitest';
import { newRequestId, requestIdFor } from '../src/request-id.js';

describe('request ids', () => {
  it('makes ids of 32 lower-case hex digits, all distinct across several batches of random bytes', () => {
    // 256 ids per batch: 1,000 ids cross three batch boundaries.
    const ids = Array.from({ length: 1_000 }, () => newRequestId());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps a plain caller id and replaces a missing, repeated, long or unsafe one with a new id', () => {
    expect(requestIdFor('req-42:a/b+c=d@e.f')).toBe('req-42:a/b+c=d@e.f');
    for (const unusable of [undefined, ['a', 'b'], '', 'x'.repeat(129), 'a b', 'req","status":500']) {
      expect(requestIdFor(unusable)).toMatch(/^[0-9a-f]{32}$/);
    }
  });
});
