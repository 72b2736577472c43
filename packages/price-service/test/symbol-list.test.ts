import { afterEach, describe, expect, it } from 'vitest';
import { get, type RunningService, startService } from './support/in-process.js';

let service: RunningService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

const price = (running: RunningService, symbol: string) => get(`${running.url}/price?symbol=${symbol}`);

describe('the list of symbols Binance trades', () => {
  it('keeps /readyz at 503 not-ready until exchangeInfo has loaded, then 200 with the list it loaded', async () => {
    service = await startService({
      waitUntilReady: false,
      binance: {
        prices: { BTCUSDT: '1.00' },
        faults: [{ fault: { kind: 'delay', ms: 400 }, times: 1, endpoint: 'exchangeInfo' }],
      },
    });
    const before = await get(`${service.url}/readyz`);
    expect(before.status).toBe(503);
    expect(before.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(before.body).toMatchObject({
      type: 'https://moat.dev/problems/not-ready',
      detail:
        'Loading the list of symbols Binance trades (exchangeInfo); the service is ready once it loads, or after SYMBOLS_READY_TIMEOUT_MS (10000 ms) without it.',
    });
    await expect.poll(async () => (await get(`${service?.url}/readyz`)).status, { timeout: 3_000 }).toBe(200);
    expect((await get(`${service.url}/readyz`)).body).toEqual({
      status: 'ready',
      symbolList: 'loaded',
      symbols: 1,
      loadedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('becomes ready without a list after SYMBOLS_READY_TIMEOUT_MS, says so, and lets Binance check symbols meanwhile', async () => {
    service = await startService({
      waitUntilReady: false,
      symbolsReadyTimeoutMs: 200,
      binance: { faults: [{ fault: { kind: 'server-error', status: 503 }, endpoint: 'exchangeInfo' }] },
    });
    expect((await get(`${service.url}/readyz`)).status).toBe(503);
    await expect.poll(async () => (await get(`${service?.url}/readyz`)).status, { timeout: 3_000 }).toBe(200);
    expect((await get(`${service.url}/readyz`)).body).toEqual({
      status: 'ready',
      symbolList: 'unverified',
      detail:
        'The list of symbols Binance trades (exchangeInfo) did not load within SYMBOLS_READY_TIMEOUT_MS (200 ms); until it does, Binance itself says which symbols it lists. Last attempt: Binance answered HTTP 503. Try again shortly.',
    });
    expect((await price(service, 'NOPEUSDT')).status).toBe(404);
    expect((await price(service, 'BTCUSDT')).status).toBe(200);
    expect(service.binance.calls('NOPEUSDT')).toBe(1);
  });

  it('serves the last good list when a refresh fails, and picks up a new listing at the next good refresh', async () => {
    service = await startService({ symbolsRefreshMs: 150 });
    service.binance.script({ kind: 'server-error', status: 500 }, 1, 'exchangeInfo');
    service.binance.setPrice('NEWUSDT', '1.50000000');
    // The failed refresh keeps the list; the next attempt comes a minute later (the spacing between retries).
    await expect.poll(() => service?.binance.stats().exchangeInfoCalls, { timeout: 2_000 }).toBe(2);
    expect((await price(service, 'BTCUSDT')).status).toBe(200);
    expect((await price(service, 'NEWUSDT')).status).toBe(404);
    expect((await get(`${service.url}/readyz`)).body).toMatchObject({ symbolList: 'loaded', symbols: 3 });
    expect((await get(`${service.url}/metrics`)).text).toContain(
      'price_service_symbol_list_fetches_total{outcome="server-error"} 1',
    );
    expect(service.logs).toContainEqual(
      expect.objectContaining({
        level: 40,
        msg: 'symbol list not loaded; the last good list stays in use',
        outcome: 'server-error',
      }),
    );
  });

  it('drops a listed symbol Binance answers -1121 for, and answers it 404 without a call from then on', async () => {
    service = await startService();
    service.binance.delist('BTCUSDT');
    const first = await price(service, 'BTCUSDT');
    expect(first.status).toBe(404);
    expect(first.body).toMatchObject({
      detail:
        'Binance does not list the symbol "BTCUSDT" (-1121 Invalid symbol). Check the pair, e.g. BTCUSDT (base asset then quote asset).',
    });
    expect((await get(`${service.url}/readyz`)).body).toMatchObject({ symbols: 2 });
    expect((await price(service, 'BTCUSDT')).status).toBe(404);
    // The list was fetched at start, less than a minute ago: the new fetch waits for the minute.
    expect(service.binance.stats()).toMatchObject({ tickerCalls: 1, exchangeInfoCalls: 1 });
  });
});
