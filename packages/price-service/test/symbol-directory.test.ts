import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MIN_REFRESH_SPACING_MS, SymbolDirectory } from '../src/symbol-directory.js';
import type { SymbolListResult } from '../src/upstream/symbol-list-result.js';
import { UpstreamBudget } from '../src/upstream-budget.js';

const listed = (...symbols: string[]): SymbolListResult => ({
  kind: 'symbols',
  symbols,
  weightLimitPerMinute: 6_000,
  upstreamStatus: 200,
});
const failed: SymbolListResult = {
  kind: 'server-error',
  detail: 'Binance answered HTTP 500.',
  retryable: true,
};

describe('SymbolDirectory (fake clock)', () => {
  let directory: SymbolDirectory | undefined;
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.UTC(2026, 11, 4, 12, 0, 0) });
  });
  afterEach(() => {
    directory?.stop();
    vi.useRealTimers();
  });

  function start(
    answers: SymbolListResult[],
    budget = new UpstreamBudget({ weightPerMinute: 800, clientSharePercent: 25 }),
  ) {
    const fetches: number[] = [];
    directory = new SymbolDirectory({
      fetchSymbols: async () => {
        fetches.push(Date.now());
        return answers.shift() ?? listed('BTCUSDT');
      },
      budget,
      refreshMs: 300_000,
      readyTimeoutMs: 10_000,
    });
    directory.start();
    return { directory, fetches };
  }

  it('refreshes on schedule and keeps the last good list when a refresh fails, retrying a minute later', async () => {
    const { directory, fetches } = start([listed('BTCUSDT', 'ETHUSDT'), failed, listed('BTCUSDT')]);
    await vi.advanceTimersByTimeAsync(0);
    expect(directory.check('ETHUSDT')).toBe('listed');
    await vi.advanceTimersByTimeAsync(300_000);
    expect(directory.check('ETHUSDT')).toBe('listed');
    await vi.advanceTimersByTimeAsync(MIN_REFRESH_SPACING_MS);
    expect(directory.check('ETHUSDT')).toBe('unlisted');
    expect(fetches.map((at) => (at - (fetches[0] ?? 0)) / 1000)).toEqual([0, 300, 360]);
  });

  it('retries the first fetch after 1, 2, 4 … seconds, and is ready only once it loads or the timeout passes', async () => {
    const { directory, fetches } = start([failed, failed, failed, listed('BTCUSDT')]);
    await vi.advanceTimersByTimeAsync(0);
    expect(directory.readiness()).toMatchObject({ ready: false });
    expect(directory.check('ANYUSDT')).toBe('unverified');
    await vi.advanceTimersByTimeAsync(7_000);
    expect(fetches.map((at) => (at - (fetches[0] ?? 0)) / 1000)).toEqual([0, 1, 3, 7]);
    expect(directory.readiness()).toMatchObject({ ready: true, symbolList: 'loaded', symbols: 1 });
  });

  it('fetches again a minute after the last fetch when a listed symbol turns out delisted, once for several', async () => {
    const { directory, fetches } = start([listed('BTCUSDT', 'ETHUSDT', 'BNBUSDT'), listed('BNBUSDT')]);
    await vi.advanceTimersByTimeAsync(20_000);
    directory.delisted('BTCUSDT');
    directory.delisted('ETHUSDT');
    expect(directory.check('BTCUSDT')).toBe('unlisted');
    await vi.advanceTimersByTimeAsync(39_999);
    expect(fetches).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetches).toHaveLength(2);
    expect(directory.readiness()).toMatchObject({ symbols: 1 });
  });

  it('puts off a fetch while Binance asks for a back-off', async () => {
    const budget = new UpstreamBudget({ weightPerMinute: 800, clientSharePercent: 25 });
    budget.coolDown(30);
    const { directory, fetches } = start([listed('BTCUSDT')], budget);
    await vi.advanceTimersByTimeAsync(29_000);
    expect(fetches).toEqual([]);
    expect(directory.readiness()).toMatchObject({ ready: true, symbolList: 'unverified' });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(fetches).toHaveLength(1);
  });
});
