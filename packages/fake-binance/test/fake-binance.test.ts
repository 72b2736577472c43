import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeBinance, type FakeBinanceOptions, startFakeBinance } from '../src/index.js';

let fake: FakeBinance;
beforeEach(async () => {
  fake = await startFakeBinance({ prices: { BTCUSDT: '43123.45000000' } });
});
afterEach(async () => {
  await fake.close();
});

const ticker = (query: string): Promise<Response> => fetch(`${fake.url}/api/v3/ticker/price?${query}`);
const exchangeInfo = (query = ''): Promise<Response> => fetch(`${fake.url}/api/v3/exchangeInfo?${query}`);

interface ExchangeInfoBody {
  timezone: string;
  serverTime: number;
  rateLimits: { rateLimitType: string; interval: string; intervalNum: number; limit: number }[];
  exchangeFilters: unknown[];
  symbols: {
    symbol: string;
    status: string;
    baseAsset: string;
    quoteAsset: string;
    permissionSets: unknown[];
  }[];
}

/** A fake whose clock the test sets, so no call crosses a minute boundary by accident. */
async function fakeAt(time: { now: number }, options: FakeBinanceOptions): Promise<FakeBinance> {
  await fake.close();
  fake = await startFakeBinance({ ...options, now: () => time.now });
  return fake;
}

describe('startFakeBinance', () => {
  it('listens on a free loopback port', () => {
    expect(fake.url).toBe(`http://127.0.0.1:${fake.port}`);
    expect(fake.port).toBeGreaterThan(0);
  });

  it('answers a known symbol with the price as the exact decimal string and the used weight', async () => {
    const first = await ticker('symbol=BTCUSDT');
    expect(first.status).toBe(200);
    expect(await first.text()).toBe('{"symbol":"BTCUSDT","price":"43123.45000000"}');
    expect(first.headers.get('x-mbx-used-weight-1m')).toBe('2');
    const second = await ticker('symbol=BTCUSDT');
    expect(second.headers.get('x-mbx-used-weight-1m')).toBe('4');
  });

  it('rejects an unknown symbol with 400 and code -1121 as Binance does', async () => {
    const response = await ticker('symbol=NOPEUSDT');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ code: -1121, msg: 'Invalid symbol.' });
  });

  it('rejects a symbol outside the legal range with code -1100', async () => {
    const response = await ticker('symbol=btc%20usdt');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: number }).code).toBe(-1100);
  });

  it('serves the price set at run time', async () => {
    fake.setPrice('BTCUSDT', '0.00000001');
    expect(await (await ticker('symbol=BTCUSDT')).json()).toEqual({ symbol: 'BTCUSDT', price: '0.00000001' });
  });

  it('counts calls in total and per symbol, faulted ones included', async () => {
    fake.script({ kind: 'server-error', status: 500 }, 1);
    await ticker('symbol=BTCUSDT');
    await ticker('symbol=BTCUSDT');
    await ticker('symbol=ETHUSDT');
    expect(fake.calls()).toBe(3);
    expect(fake.calls('BTCUSDT')).toBe(2);
    expect(fake.calls('ETHUSDT')).toBe(1);
  });
});

describe('scripted faults', () => {
  it('answers 429 and 418 with Retry-After and a -1003 body', async () => {
    fake.script({ kind: 'rate-limited', retryAfterSeconds: 7 }, 1);
    fake.script({ kind: 'ip-banned', retryAfterSeconds: 120 }, 1);
    const limited = await ticker('symbol=BTCUSDT');
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '7']);
    expect(((await limited.json()) as { code: number }).code).toBe(-1003);
    const banned = await ticker('symbol=BTCUSDT');
    expect([banned.status, banned.headers.get('retry-after')]).toEqual([418, '120']);
    expect(((await banned.json()) as { msg: string }).msg).toMatch(
      /^Way too much request weight used; IP banned until \d+/,
    );
  });

  it('answers 451 naming the restricted location', async () => {
    fake.script({ kind: 'geo-blocked' });
    const response = await ticker('symbol=BTCUSDT');
    expect(response.status).toBe(451);
    expect(((await response.json()) as { msg: string }).msg).toContain('restricted location');
  });

  it('answers a 5xx with the chosen status', async () => {
    fake.script({ kind: 'server-error', status: 503 });
    expect((await ticker('symbol=BTCUSDT')).status).toBe(503);
  });

  it('sends a 200 with a body that is not JSON', async () => {
    fake.script({ kind: 'malformed-json' });
    const response = await ticker('symbol=BTCUSDT');
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toThrow(SyntaxError);
  });

  it('resets the connection', async () => {
    fake.script({ kind: 'reset' });
    await expect(ticker('symbol=BTCUSDT')).rejects.toMatchObject({ cause: { code: 'ECONNRESET' } });
  });

  it('delays the normal answer', async () => {
    fake.script({ kind: 'delay', ms: 150 });
    const started = performance.now();
    const response = await ticker('symbol=BTCUSDT');
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('applies a fault for the given number of calls, then answers normally again', async () => {
    fake.script({ kind: 'server-error', status: 500 }, 2);
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await ticker('symbol=BTCUSDT')).status);
    expect(statuses).toEqual([500, 500, 200]);
  });

  it('keeps a fault without a count until it is cleared', async () => {
    fake.script({ kind: 'geo-blocked' });
    expect((await ticker('symbol=BTCUSDT')).status).toBe(451);
    expect((await ticker('symbol=BTCUSDT')).status).toBe(451);
    fake.clearFaults();
    expect((await ticker('symbol=BTCUSDT')).status).toBe(200);
  });
});

describe('control endpoints', () => {
  it('scripts a fault, reports calls and sets prices over HTTP', async () => {
    const scripted = await fetch(`${fake.url}/__fake/faults`, {
      method: 'POST',
      body: JSON.stringify({ fault: { kind: 'server-error', status: 502 }, times: 1 }),
    });
    expect(scripted.status).toBe(204);
    expect((await ticker('symbol=BTCUSDT')).status).toBe(502);
    await fetch(`${fake.url}/__fake/prices`, { method: 'PUT', body: '{"ETHUSDT":"1.50000000"}' });
    expect(await (await ticker('symbol=ETHUSDT')).json()).toEqual({ symbol: 'ETHUSDT', price: '1.50000000' });
    expect(await (await fetch(`${fake.url}/__fake/calls`)).json()).toEqual({
      calls: 2,
      bySymbol: { BTCUSDT: 1, ETHUSDT: 1 },
    });
  });

  it('scripts a fault for exchangeInfo and reports the stats over HTTP', async () => {
    const scripted = await fetch(`${fake.url}/__fake/faults`, {
      method: 'POST',
      body: JSON.stringify({
        fault: { kind: 'rate-limited', retryAfterSeconds: 9 },
        times: 1,
        endpoint: 'exchangeInfo',
      }),
    });
    expect(scripted.status).toBe(204);
    expect([(await exchangeInfo()).status, (await ticker('symbol=BTCUSDT')).status]).toEqual([429, 200]);
    expect(await (await fetch(`${fake.url}/__fake/stats`)).json()).toEqual({
      tickerCalls: 1,
      exchangeInfoCalls: 1,
      usedWeight: 22,
      rateLimitedAnswers: 1,
      bannedAnswers: 0,
      callsAfterFirstRateLimit: 1,
      bodiesCutOff: 0,
    });
  });

  it('rejects a fault for an endpoint it does not serve', async () => {
    const response = await fetch(`${fake.url}/__fake/faults`, {
      method: 'POST',
      body: JSON.stringify({ fault: { kind: 'reset' }, endpoint: 'klines' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: '"endpoint" must be "ticker" or "exchangeInfo", received "klines"',
    });
  });

  it('rejects an unknown fault kind naming the kinds it knows', async () => {
    const response = await fetch(`${fake.url}/__fake/faults`, { method: 'POST', body: '{"kind":"explode"}' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error:
        'unknown fault kind "explode"; use one of delay, reset, server-error, malformed-json, rate-limited, ip-banned, geo-blocked, oversized',
    });
  });
});

describe('exchangeInfo', () => {
  it("lists every symbol with its status, assets and filters, and Binance's weight limit, as Binance shapes it", async () => {
    fake.setPrice('ETHBTC', '0.05310000');
    const response = await exchangeInfo();
    expect(response.status).toBe(200);
    expect(response.headers.get('x-mbx-used-weight-1m')).toBe('20');
    const body = (await response.json()) as ExchangeInfoBody;
    expect(body.timezone).toBe('UTC');
    expect(body.rateLimits[0]).toEqual({
      rateLimitType: 'REQUEST_WEIGHT',
      interval: 'MINUTE',
      intervalNum: 1,
      limit: 6000,
    });
    expect(body.exchangeFilters).toEqual([]);
    expect(
      body.symbols.map(({ symbol, status, baseAsset, quoteAsset }) => [
        symbol,
        status,
        baseAsset,
        quoteAsset,
      ]),
    ).toEqual([
      ['BTCUSDT', 'TRADING', 'BTC', 'USDT'],
      ['ETHBTC', 'TRADING', 'ETH', 'BTC'],
    ]);
    expect(body.symbols[0]?.permissionSets).toEqual([['SPOT']]);
  });

  it('filters by symbolStatus, empties permissionSets on showPermissionSets=false, and rejects an unknown status with -1122', async () => {
    fake.setPrice('LUNAUSDT', '0.10000000');
    fake.setStatus('LUNAUSDT', 'BREAK');
    const trading = (await (
      await exchangeInfo('symbolStatus=TRADING&showPermissionSets=false')
    ).json()) as ExchangeInfoBody;
    expect(trading.symbols.map((s) => [s.symbol, s.permissionSets])).toEqual([['BTCUSDT', []]]);
    const halted = (await (await exchangeInfo('symbolStatus=BREAK')).json()) as ExchangeInfoBody;
    expect(halted.symbols.map((s) => s.symbol)).toEqual(['LUNAUSDT']);
    const invalid = await exchangeInfo('symbolStatus=OPEN');
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({ code: -1122, msg: 'Invalid symbolStatus.' });
  });

  it('drops a delisted symbol from exchangeInfo and answers its ticker with -1121', async () => {
    fake.delist('BTCUSDT');
    expect(((await (await exchangeInfo()).json()) as ExchangeInfoBody).symbols).toEqual([]);
    expect(await (await ticker('symbol=BTCUSDT')).json()).toEqual({ code: -1121, msg: 'Invalid symbol.' });
  });

  it('applies faults scripted at start, before the first call can arrive', async () => {
    await fake.close();
    fake = await startFakeBinance({
      faults: [{ fault: { kind: 'server-error', status: 502 }, times: 1, endpoint: 'exchangeInfo' }],
    });
    expect([(await exchangeInfo()).status, (await exchangeInfo()).status]).toEqual([502, 200]);
  });

  it('applies faults scripted for exchangeInfo to exchangeInfo only', async () => {
    fake.script({ kind: 'server-error', status: 503 }, 1, 'exchangeInfo');
    expect((await ticker('symbol=BTCUSDT')).status).toBe(200);
    expect((await exchangeInfo()).status).toBe(503);
    expect((await exchangeInfo()).status).toBe(200);
    expect(fake.stats()).toMatchObject({ tickerCalls: 1, exchangeInfoCalls: 2 });
  });
});

describe('the IP weight limit', () => {
  it('answers 429 with the seconds left in the minute once the weight goes over the limit, then 418 to a client that keeps calling', async () => {
    const time = { now: Date.UTC(2026, 11, 4, 12, 0, 15) };
    await fakeAt(time, { weightLimitPerMinute: 10, banAfterViolations: 3 });
    const statuses: [number, string | null, string | null][] = [];
    for (let call = 0; call < 9; call += 1) {
      const response = await ticker('symbol=BTCUSDT');
      statuses.push([
        response.status,
        response.headers.get('x-mbx-used-weight-1m'),
        response.headers.get('retry-after'),
      ]);
      if (call === 5) {
        expect(await response.json()).toEqual({
          code: -1003,
          msg: 'Too much request weight used; current limit is 10 request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.',
        });
      }
    }
    expect(statuses).toEqual([
      [200, '2', null],
      [200, '4', null],
      [200, '6', null],
      [200, '8', null],
      [200, '10', null],
      [429, '12', '45'],
      [429, '14', '45'],
      [429, '16', '45'],
      [418, '18', '120'],
    ]);
    expect(fake.stats()).toMatchObject({
      rateLimitedAnswers: 3,
      bannedAnswers: 1,
      callsAfterFirstRateLimit: 3,
    });
  });

  it('starts the count again at the next clock minute, as Binance does', async () => {
    const time = { now: Date.UTC(2026, 11, 4, 12, 0, 59) };
    await fakeAt(time, { weightLimitPerMinute: 4 });
    await ticker('symbol=BTCUSDT');
    await ticker('symbol=BTCUSDT');
    time.now += 1_000;
    const response = await ticker('symbol=BTCUSDT');
    expect([response.status, response.headers.get('x-mbx-used-weight-1m')]).toEqual([200, '2']);
  });

  it('lets a client that waits out the Retry-After call again without a ban', async () => {
    const time = { now: Date.UTC(2026, 11, 4, 12, 0, 30) };
    await fakeAt(time, { weightLimitPerMinute: 2, banAfterViolations: 1 });
    expect((await ticker('symbol=BTCUSDT')).status).toBe(200);
    expect((await ticker('symbol=BTCUSDT')).status).toBe(429);
    time.now += 30_000;
    expect((await ticker('symbol=BTCUSDT')).status).toBe(200);
    expect(fake.stats()).toMatchObject({ bannedAnswers: 0, callsAfterFirstRateLimit: 1 });
  });

  it('counts weight spent by other hosts behind the same address', async () => {
    fake.spendWeight(5_990);
    const response = await exchangeInfo();
    expect([response.status, response.headers.get('x-mbx-used-weight-1m')]).toEqual([429, '6010']);
  });
});

describe('an oversized body', () => {
  it('sends the whole body to a client that reads it, chunked or with its length announced', async () => {
    fake.script({ kind: 'oversized', bytes: 200_000, contentLength: false }, 1);
    fake.script({ kind: 'oversized', bytes: 200_000, contentLength: true }, 1);
    const chunked = await ticker('symbol=BTCUSDT');
    expect(chunked.headers.get('content-length')).toBeNull();
    expect((await chunked.text()).length).toBe(200_000);
    const announced = await ticker('symbol=BTCUSDT');
    expect(announced.headers.get('content-length')).toBe('200000');
    expect(JSON.parse(await announced.text())).toEqual({ padding: expect.any(String) });
    expect(fake.stats().bodiesCutOff).toBe(0);
  });

  it('counts a body cut off when the client closes the connection early', async () => {
    fake.script({ kind: 'oversized', bytes: 64 * 1024 * 1024, contentLength: false });
    const socket = connect(fake.port, '127.0.0.1');
    socket.write('GET /api/v3/ticker/price?symbol=BTCUSDT HTTP/1.1\r\nHost: x\r\n\r\n');
    await new Promise((resolve) => socket.once('data', resolve));
    socket.destroy();
    await expect.poll(() => fake.stats().bodiesCutOff).toBe(1);
  });
});
