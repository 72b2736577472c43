import { type FakeBinance, startFakeBinance } from '@moat/fake-binance';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  BinanceClient,
  BinanceClientOptions,
  UpstreamAttempt,
} from '../../src/upstream/binance-client.js';
import { createWorkerBinanceClient } from '../../src/upstream/worker-binance-client.js';

// The compiled worker: the tests' global setup builds dist/ before any test runs.
const COMPILED_WORKER = new URL('../../dist/upstream/binance-worker.js', import.meta.url);
const FAILING_WORKER = new URL('../support/failing-worker.mjs', import.meta.url);
const SILENT_WORKER = new URL('../support/silent-worker.mjs', import.meta.url);

describe('createWorkerBinanceClient (the undici client in a worker thread, over 127.0.0.1)', () => {
  let binance: FakeBinance;
  let client: BinanceClient | undefined;
  const options = (
    onAttempt?: (attempt: UpstreamAttempt) => void,
    timeoutMs = 2_000,
  ): BinanceClientOptions => ({
    baseUrl: binance.url,
    connectTimeoutMs: 500,
    timeoutMs,
    proxy: { httpsProxy: '', httpProxy: '', noProxy: '' },
    maxBodyBytes: 65_536,
    exchangeInfoMaxBytes: 16_777_216,
    ...(onAttempt === undefined ? {} : { onAttempt }),
  });

  beforeEach(async () => {
    binance = await startFakeBinance();
  });

  afterEach(async () => {
    await client?.close();
    client = undefined;
    await binance.close();
  });

  it('answers with the price string exactly as the fake sent it', async () => {
    binance.setPrice('BTCUSDT', '43123.45000000');
    client = createWorkerBinanceClient(options(), COMPILED_WORKER);
    expect(await client.fetchPrice('BTCUSDT')).toEqual({
      kind: 'price',
      price: '43123.45000000',
      upstreamStatus: 200,
    });
    expect(binance.calls('BTCUSDT')).toBe(1);
  });

  it('fetches the trading symbols and the weight limit from exchangeInfo', async () => {
    binance.setStatus('BNBUSDT', 'HALT');
    client = createWorkerBinanceClient(options(), COMPILED_WORKER);
    expect(await client.fetchSymbols()).toEqual({
      kind: 'symbols',
      symbols: ['BTCUSDT', 'ETHUSDT'],
      weightLimitPerMinute: 6_000,
      upstreamStatus: 200,
    });
  });

  it('reports every upstream attempt with its weight and the used weight Binance sent, the retry marked, before the lookup resolves', async () => {
    const attempts: UpstreamAttempt[] = [];
    binance.script({ kind: 'server-error', status: 500 }, 1);
    client = createWorkerBinanceClient(
      options((attempt) => attempts.push(attempt)),
      COMPILED_WORKER,
    );
    const result = await client.fetchPrice('ETHUSDT');
    expect(result.kind).toBe('price');
    expect(attempts).toEqual([
      { endpoint: 'ticker', outcome: 'server-error', weight: 2, usedWeight: 2, retry: false },
      { endpoint: 'ticker', outcome: 'price', weight: 2, usedWeight: 4, retry: true },
    ]);
  });

  it('ends a lookup as a timeout on the request thread when the worker has not answered by the deadline', async () => {
    client = createWorkerBinanceClient(options(undefined, 300), SILENT_WORKER);
    const started = performance.now();
    expect(await client.fetchPrice('BTCUSDT')).toEqual({
      kind: 'timeout',
      detail: 'Binance did not answer within 300 ms (UPSTREAM_TIMEOUT_MS). Try again shortly.',
      retryable: false,
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(299);
  });

  it('ends a lookup as unreachable when the worker dies, reports its error apart, and starts a new worker', async () => {
    const workerErrors: string[] = [];
    client = createWorkerBinanceClient(
      { ...options(), onWorkerError: (error) => workerErrors.push(error.message) },
      FAILING_WORKER,
    );
    const expected = {
      kind: 'unreachable',
      detail: "The service's upstream worker stopped before Binance answered. Try again.",
      retryable: false,
    };
    expect(await client.fetchPrice('BTCUSDT')).toEqual(expected);
    expect(await client.fetchSymbols()).toEqual(expected);
    expect(workerErrors).toEqual(['bug in the worker', 'bug in the worker']);
    expect(binance.stats()).toMatchObject({ tickerCalls: 0, exchangeInfoCalls: 0 });
  });

  it('makes no upstream call once closed', async () => {
    client = createWorkerBinanceClient(options(), COMPILED_WORKER);
    await client.close();
    expect(await client.fetchPrice('BTCUSDT')).toEqual({
      kind: 'unreachable',
      detail: 'The service is shutting down and makes no more upstream calls.',
      retryable: false,
    });
    expect(binance.calls()).toBe(0);
  });
});
