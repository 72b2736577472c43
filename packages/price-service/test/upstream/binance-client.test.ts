import { type FakeBinance, startFakeBinance } from '@moat/fake-binance';
import { afterEach, describe, expect, it } from 'vitest';
import { type BinanceClient, createBinanceClient, MAX_IN_FLIGHT } from '../../src/upstream/binance-client.js';
import type { TickerResult } from '../../src/upstream/ticker-result.js';

let binance: FakeBinance | undefined;
let client: BinanceClient | undefined;
afterEach(async () => {
  await client?.close();
  await binance?.close();
  client = undefined;
  binance = undefined;
});

function clientFor(fake: FakeBinance, maxBodyBytes = 1_024): BinanceClient {
  return createBinanceClient({
    baseUrl: fake.url,
    connectTimeoutMs: 500,
    timeoutMs: 2_000,
    proxy: { httpsProxy: '', httpProxy: '', noProxy: '' },
    maxBodyBytes,
    exchangeInfoMaxBytes: 65_536,
  });
}

describe('createBinanceClient over 127.0.0.1', () => {
  it.each([
    ['chunked', false],
    ['with its Content-Length', true],
  ])(
    'cuts off a body over the cap (%s) and answers it as malformed, without reading the rest',
    async (_how, contentLength) => {
      binance = await startFakeBinance({
        faults: [{ fault: { kind: 'oversized', bytes: 64 * 1024 * 1024, contentLength }, times: 1 }],
      });
      client = clientFor(binance);
      expect(await client.fetchPrice('BTCUSDT')).toEqual({
        kind: 'malformed',
        detail:
          'Binance answered HTTP 200 with a body over 1024 bytes (UPSTREAM_MAX_BODY_BYTES); the service stopped reading it.',
        upstreamStatus: 200,
        retryable: false,
      });
      await expect.poll(() => binance?.stats().bodiesCutOff).toBe(1);
      expect((await client.fetchPrice('BTCUSDT')).kind).toBe('price');
    },
  );

  it('caps an exchangeInfo body at its own, larger limit', async () => {
    const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`C${i}USDT`, '1.00']));
    binance = await startFakeBinance({ prices: many });
    client = clientFor(binance);
    expect(await client.fetchSymbols()).toMatchObject({
      kind: 'malformed',
      detail:
        'Binance answered HTTP 200 with a body over 65536 bytes (EXCHANGE_INFO_MAX_BYTES); the service stopped reading it.',
    });
  });

  it('sends none of the lookups waiting for a connection once Binance has answered 429', async () => {
    const symbols = Array.from({ length: MAX_IN_FLIGHT * 2 }, (_, i) => `S${i}USDT`);
    binance = await startFakeBinance({
      prices: Object.fromEntries(symbols.map((symbol) => [symbol, '1.00'])),
      faults: [
        { fault: { kind: 'rate-limited', retryAfterSeconds: 30 }, times: 1 },
        { fault: { kind: 'delay', ms: 300 } },
      ],
    });
    client = clientFor(binance);
    const results: TickerResult[] = await Promise.all(
      symbols.map((symbol) => client?.fetchPrice(symbol) as Promise<TickerResult>),
    );
    // At most the requests already on their way when the 429 came; the others waited in the gate and stayed there.
    expect(binance.calls()).toBeLessThanOrEqual(MAX_IN_FLIGHT);
    const heldBack = results.filter(
      (result) => result.kind === 'rate-limited' && result.upstreamStatus === undefined,
    );
    expect(heldBack.length).toBe(symbols.length - binance.calls());
    expect(heldBack[0]).toEqual({
      kind: 'rate-limited',
      detail: expect.stringMatching(
        /^Binance asked this service's IP address to back off; no upstream call is made for another (29|30) s\. Retry after that\.$/,
      ),
      retryAfterSeconds: expect.any(Number),
      retryable: false,
    });
  });
});
