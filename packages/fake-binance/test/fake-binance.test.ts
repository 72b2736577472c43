import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeBinance, startFakeBinance } from '../src/index.js';

let fake: FakeBinance;
beforeEach(async () => {
  fake = await startFakeBinance({ prices: { BTCUSDT: '43123.45000000' } });
});
afterEach(async () => {
  await fake.close();
});

const ticker = (query: string): Promise<Response> => fetch(`${fake.url}/api/v3/ticker/price?${query}`);

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

  it('rejects an unknown fault kind naming the kinds it knows', async () => {
    const response = await fetch(`${fake.url}/__fake/faults`, { method: 'POST', body: '{"kind":"explode"}' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error:
        'unknown fault kind "explode"; use one of delay, reset, server-error, malformed-json, rate-limited, ip-banned, geo-blocked',
    });
  });
});
