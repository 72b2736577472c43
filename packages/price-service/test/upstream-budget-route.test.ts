import { afterEach, describe, expect, it } from 'vitest';
import { get, type ProblemBody, type RunningService, startService } from './support/in-process.js';

let service: RunningService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

const SYMBOLS = ['AAAUSDT', 'BBBUSDT', 'CCCUSDT', 'DDDUSDT', 'EEEUSDT', 'FFFUSDT', 'GGGUSDT'];
const prices = Object.fromEntries(SYMBOLS.map((symbol) => [symbol, '1.00000000']));

describe('the upstream budget, on the request path', () => {
  it('answers 503 with Retry-After before calling Binance once the process budget is spent', async () => {
    // 60 a minute: a bucket of 20, which the first exchangeInfo (weight 20) has spent.
    service = await startService({ upstreamWeightPerMinute: 60, binance: { prices } });
    const response = await get(`${service.url}/price?symbol=AAAUSDT`);
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(response.body).toMatchObject({
      type: 'https://moat.dev/problems/upstream-budget-exhausted',
      detail: expect.stringMatching(
        /^This service has spent its budget for calls to Binance \(UPSTREAM_WEIGHT_PER_MINUTE=60\); the next call is possible in \d s\. Cached prices are still served\.$/,
      ),
    });
    expect(service.binance.calls()).toBe(0);
    expect((await get(`${service.url}/metrics`)).text).toContain(
      'price_service_upstream_budget_refusals_total{reason="budget"} 1',
    );
  });

  it('answers 429 to a client address over its share while another address still gets prices (X-Forwarded-For from a trusted proxy)', async () => {
    // 600 a minute: a bucket of 100; 10 % of it is 10, five ticker calls per client.
    service = await startService({
      upstreamWeightPerMinute: 600,
      clientSharePercent: 10,
      trustedProxies: ['127.0.0.1'],
      binance: { prices },
    });
    const asClient = (address: string, symbol: string) =>
      get(`${service?.url}/price?symbol=${symbol}`, { headers: { 'x-forwarded-for': address } });
    const statuses = [];
    for (const symbol of SYMBOLS.slice(0, 6)) statuses.push((await asClient('203.0.113.7', symbol)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await asClient('203.0.113.7', 'GGGUSDT');
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((refused.body as ProblemBody).type).toBe('https://moat.dev/problems/too-many-requests');
    expect((await asClient('198.51.100.9', 'GGGUSDT')).status).toBe(200);
    // A cached price costs nothing: the first client still gets it.
    expect((await asClient('203.0.113.7', 'AAAUSDT')).status).toBe(200);
    expect(service.binance.calls()).toBe(6);
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY names the peer: every address then counts as the peer', async () => {
    service = await startService({
      upstreamWeightPerMinute: 600,
      clientSharePercent: 10,
      binance: { prices },
    });
    const statuses = [];
    for (const [index, symbol] of SYMBOLS.slice(0, 6).entries()) {
      const response = await get(`${service.url}/price?symbol=${symbol}`, {
        headers: { 'x-forwarded-for': `203.0.113.${index}` },
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('stops calling Binance, whatever the bucket holds, once X-MBX-USED-WEIGHT-1M reaches 80 % of the limit', async () => {
    service = await startService({ binance: { prices } });
    // Other tasks behind the same address have spent most of the minute.
    service.binance.spendWeight(4_780);
    expect((await get(`${service.url}/price?symbol=AAAUSDT`)).status).toBe(200);
    const stopped = await get(`${service.url}/price?symbol=BBBUSDT`);
    expect(stopped.status).toBe(503);
    expect(stopped.body).toMatchObject({
      type: 'https://moat.dev/problems/upstream-budget-exhausted',
      detail: expect.stringMatching(
        /^Binance reports 4802 of this IP address's 6000 request weight used this minute, shared by every task behind the NAT gateway; the service makes no upstream call until the minute ends, in \d+ s\./,
      ),
    });
    expect(service.binance.calls()).toBe(1);
    expect((await get(`${service.url}/metrics`)).text).toContain(
      'price_service_upstream_ip_weight_used 4802',
    );
  });
});
