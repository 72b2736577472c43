import { afterEach, describe, expect, it } from 'vitest';
import { get, type ProblemBody, type RunningService, startService } from './support/in-process.js';

let service: RunningService;
afterEach(async () => {
  await service.close();
});

const priceUrl = (symbol = 'BTCUSDT') => `${service.url}/price?symbol=${symbol}`;

async function expectProblem(
  url: string,
  status: number,
  type: string,
): Promise<ProblemBody & { retryAfter: string | null }> {
  const response = await get(url);
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
  const body = response.body as ProblemBody;
  expect(body.type).toBe(`https://moat.dev/problems/${type}`);
  expect(body.status).toBe(status);
  return { ...body, retryAfter: response.headers.get('retry-after') };
}

describe('when Binance misbehaves', () => {
  it('answers 504 when Binance is slower than the upstream timeout, without a retry', async () => {
    service = await startService({ upstreamTimeoutMs: 300 });
    service.binance.script({ kind: 'delay', ms: 2_000 });
    const started = performance.now();
    const body = await expectProblem(priceUrl(), 504, 'upstream-timeout');
    expect(body.detail).toBe(
      'Binance did not answer within 300 ms (UPSTREAM_TIMEOUT_MS). Try again shortly.',
    );
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(service.binance.calls()).toBe(1);
  });

  it('answers 502 upstream-unreachable when the connection is reset, after one retry', async () => {
    service = await startService();
    service.binance.script({ kind: 'reset' });
    const body = await expectProblem(priceUrl(), 502, 'upstream-unreachable');
    expect(body.detail).toMatch(
      /^The connection to Binance failed \((ECONNRESET|UND_ERR_SOCKET)\)\. Try again shortly\.$/,
    );
    expect(service.binance.calls()).toBe(2);
  });

  it('retries a 500 once, then answers 502 upstream-error', async () => {
    service = await startService();
    service.binance.script({ kind: 'server-error', status: 500 });
    const body = await expectProblem(priceUrl(), 502, 'upstream-error');
    expect(body.detail).toBe('Binance answered HTTP 500. Try again shortly.');
    expect(service.binance.calls()).toBe(2);
  });

  it('answers 200 when the retry after a 500 succeeds', async () => {
    service = await startService();
    service.binance.script({ kind: 'server-error', status: 500 }, 1);
    const response = await get(priceUrl());
    expect(response.status).toBe(200);
    expect(service.binance.calls()).toBe(2);
  });

  it('answers 502 upstream-malformed-response to a body that is not JSON, without a retry', async () => {
    service = await startService();
    service.binance.script({ kind: 'malformed-json' });
    const body = await expectProblem(priceUrl(), 502, 'upstream-malformed-response');
    expect(body.detail).toBe(
      'Binance answered 200 with a body that is not a price for BTCUSDT: "{\\"symbol\\":\\"BTCUSDT\\",\\"price\\":"',
    );
    expect(service.binance.calls()).toBe(1);
  });

  it('answers 502 naming the geo-block when Binance answers 451', async () => {
    service = await startService();
    service.binance.script({ kind: 'geo-blocked' });
    const body = await expectProblem(priceUrl(), 502, 'upstream-geo-blocked');
    expect(body.detail).toBe(
      'Binance refuses requests from this location (HTTP 451, geo-block). Run the service in a region Binance serves, e.g. eu-central-1.',
    );
    expect(service.binance.calls()).toBe(1);
  });

  it.each([
    ['rate-limited', 429, 'rate-limited this IP address'],
    ['ip-banned', 418, 'banned this IP address'],
  ] as const)(
    'answers %s (%i) with 503 and Retry-After, and calls Binance for no symbol until it passes',
    async (kind, status, why) => {
      service = await startService();
      service.binance.script({ kind, retryAfterSeconds: 1 }, 1);
      const first = await expectProblem(priceUrl(), 503, 'upstream-rate-limited');
      expect(first.retryAfter).toBe('1');
      expect(first.detail).toBe(
        `Binance ${why} (HTTP ${status}); the service makes no upstream call for 1 s. Retry after that.`,
      );

      const during = await Promise.all(
        [priceUrl('BTCUSDT'), priceUrl('ETHUSDT'), priceUrl('BNBUSDT')].map((url) => get(url)),
      );
      expect(during.map((r) => [r.status, r.headers.get('retry-after')])).toEqual([
        [503, '1'],
        [503, '1'],
        [503, '1'],
      ]);
      expect(service.binance.calls()).toBe(1);

      await new Promise((resolve) => setTimeout(resolve, 1_050));
      expect((await get(priceUrl('ETHUSDT'))).status).toBe(200);
      expect(service.binance.calls()).toBe(2);
    },
  );
});

describe('protecting the upstream budget', () => {
  it('answers 200 concurrent requests for one symbol with exactly one upstream call', async () => {
    service = await startService();
    // The delay keeps the first call in flight while the other 199 arrive.
    service.binance.script({ kind: 'delay', ms: 200 }, 1);
    const responses = await Promise.all(Array.from({ length: 200 }, () => get(priceUrl())));
    expect(new Set(responses.map((r) => r.status))).toEqual(new Set([200]));
    expect(new Set(responses.map((r) => (r.body as { price: string }).price))).toEqual(
      new Set(['43123.45000000']),
    );
    expect(service.binance.calls()).toBe(1);
  });

  it('serves from the cache within the TTL and calls Binance again after it', async () => {
    service = await startService({ cacheTtlMs: 150 });
    expect((await get(priceUrl())).body).toMatchObject({ cached: false });
    service.binance.setPrice('BTCUSDT', '50000.00000000');
    expect((await get(priceUrl())).body).toMatchObject({ cached: true, price: '43123.45000000' });
    expect(service.binance.calls()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await get(priceUrl())).body).toMatchObject({ cached: false, price: '50000.00000000' });
    expect(service.binance.calls()).toBe(2);
  });

  it('does not cache failures: the next request after a 502 calls Binance again', async () => {
    service = await startService();
    service.binance.script({ kind: 'malformed-json' }, 1);
    expect((await get(priceUrl())).status).toBe(502);
    expect((await get(priceUrl())).status).toBe(200);
    expect(service.binance.calls()).toBe(2);
  });
});
