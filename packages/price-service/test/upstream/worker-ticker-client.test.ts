import { type FakeBinance, startFakeBinance } from '@moat/fake-binance';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TickerClient, TickerClientOptions } from '../../src/upstream/ticker-client.js';
import type { TickerResult } from '../../src/upstream/ticker-result.js';
import { createWorkerTickerClient } from '../../src/upstream/worker-ticker-client.js';

// The compiled worker: the tests' global setup builds dist/ before any test runs.
const COMPILED_WORKER = new URL('../../dist/upstream/ticker-worker.js', import.meta.url);
const FAILING_WORKER = new URL('../support/failing-worker.mjs', import.meta.url);

describe('createWorkerTickerClient (the undici client in a worker thread, over 127.0.0.1)', () => {
  let binance: FakeBinance;
  let client: TickerClient | undefined;
  const options = (onAttempt?: (result: TickerResult) => void): TickerClientOptions => ({
    baseUrl: binance.url,
    connectTimeoutMs: 500,
    timeoutMs: 2_000,
    proxy: { httpsProxy: '', httpProxy: '', noProxy: '' },
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
    client = createWorkerTickerClient(options(), COMPILED_WORKER);
    expect(await client.fetchPrice('BTCUSDT')).toEqual({
      kind: 'price',
      price: '43123.45000000',
      upstreamStatus: 200,
    });
    expect(binance.calls('BTCUSDT')).toBe(1);
  });

  it('reports every upstream attempt, the retry included, before the lookup resolves', async () => {
    const attempts: string[] = [];
    binance.script({ kind: 'server-error', status: 500 }, 1);
    client = createWorkerTickerClient(
      options((result) => attempts.push(result.kind)),
      COMPILED_WORKER,
    );
    const result = await client.fetchPrice('ETHUSDT');
    expect(result.kind).toBe('price');
    expect(attempts).toEqual(['server-error', 'price']);
    expect(binance.calls('ETHUSDT')).toBe(2);
  });

  it('ends a lookup as unreachable when the worker dies, reports its error apart, and starts a new worker', async () => {
    const workerErrors: string[] = [];
    client = createWorkerTickerClient(
      { ...options(), onWorkerError: (error) => workerErrors.push(error.message) },
      FAILING_WORKER,
    );
    const expected = {
      kind: 'unreachable',
      detail: "The service's upstream worker stopped before Binance answered. Try again.",
      retryable: false,
    };
    expect(await client.fetchPrice('BTCUSDT')).toEqual(expected);
    expect(await client.fetchPrice('BTCUSDT')).toEqual(expected);
    expect(workerErrors).toEqual(['bug in the worker', 'bug in the worker']);
    expect(binance.calls()).toBe(0);
  });

  it('makes no upstream call once closed', async () => {
    client = createWorkerTickerClient(options(), COMPILED_WORKER);
    await client.close();
    expect(await client.fetchPrice('BTCUSDT')).toEqual({
      kind: 'unreachable',
      detail: 'The service is shutting down and makes no more upstream calls.',
      retryable: false,
    });
    expect(binance.calls()).toBe(0);
  });
});
