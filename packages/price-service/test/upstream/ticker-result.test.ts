import { describe, expect, it } from 'vitest';
import { classifyResponse } from '../../src/upstream/ticker-result.js';
import { parseRetryAfter } from '../../src/upstream/upstream-failure.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter(' 120 ', NOW)).toBe(120);
  });

  it('reads an HTTP-date as the seconds until then, rounded up', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', NOW - 500)).toBe(31);
  });

  it('rejects a value that is neither', () => {
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });
});

describe('classifyResponse', () => {
  it('backs off for a full minute when a 429 has no Retry-After', () => {
    expect(classifyResponse('BTCUSDT', 429, undefined, '', NOW)).toMatchObject({
      kind: 'rate-limited',
      retryAfterSeconds: 60,
      retryable: false,
    });
  });

  it('rejects a 200 for another symbol or with a numeric price as malformed', () => {
    expect(classifyResponse('BTCUSDT', 200, undefined, '{"symbol":"ETHUSDT","price":"1.0"}', NOW).kind).toBe(
      'malformed',
    );
    expect(classifyResponse('BTCUSDT', 200, undefined, '{"symbol":"BTCUSDT","price":1.5}', NOW).kind).toBe(
      'malformed',
    );
  });

  it('treats a 400 other than -1121 as an unexpected status, not an unknown symbol', () => {
    expect(
      classifyResponse('BTCUSDT', 400, undefined, '{"code":-1100,"msg":"Illegal characters"}', NOW),
    ).toMatchObject({ kind: 'unexpected-status', upstreamStatus: 400, retryable: false });
  });
});
