import { describe, expect, it } from 'vitest';
import { classifySymbolList } from '../../src/upstream/symbol-list-result.js';

const NOW = Date.parse('2026-12-04T12:00:00Z');

describe('classifySymbolList', () => {
  it('keeps only symbols whose status is TRADING and that the service accepts, with the REQUEST_WEIGHT limit', () => {
    const body = JSON.stringify({
      timezone: 'UTC',
      rateLimits: [
        { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61_000 },
        { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6_000 },
      ],
      symbols: [
        { symbol: 'BTCUSDT', status: 'TRADING' },
        { symbol: 'LUNAUSDT', status: 'BREAK' },
        { symbol: 'OLDUSDT', status: 'HALT' },
        { symbol: 'ETH_USDT', status: 'TRADING' },
        { symbol: 'BNBUSDT', status: 'TRADING' },
        'junk',
      ],
    });
    expect(classifySymbolList(200, undefined, body, NOW)).toEqual({
      kind: 'symbols',
      symbols: ['BTCUSDT', 'BNBUSDT'],
      weightLimitPerMinute: 6_000,
      upstreamStatus: 200,
    });
  });

  it('refuses a list without a single trading symbol, which would answer 404 to everything', () => {
    expect(classifySymbolList(200, undefined, '{"symbols":[]}', NOW)).toMatchObject({
      kind: 'malformed',
      detail: 'Binance answered exchangeInfo with no trading symbol: "{\\"symbols\\":[]}"',
    });
    expect(classifySymbolList(200, undefined, '<html>', NOW)).toMatchObject({ kind: 'malformed' });
  });

  it('reads a 429 with its Retry-After and a 5xx as Binance failures', () => {
    expect(classifySymbolList(429, '42', '', NOW)).toMatchObject({
      kind: 'rate-limited',
      retryAfterSeconds: 42,
    });
    expect(classifySymbolList(503, undefined, '', NOW)).toMatchObject({
      kind: 'server-error',
      retryable: true,
    });
    expect(classifySymbolList(403, undefined, 'WAF', NOW)).toMatchObject({ kind: 'unexpected-status' });
  });
});
