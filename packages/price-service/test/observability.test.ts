import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { get, type RunningService, startService } from './support/in-process.js';

let service: RunningService;
beforeEach(async () => {
  service = await startService();
});
afterEach(async () => {
  await service.close();
});

const requestLines = () => service.logs.filter((line) => line.msg === 'request');

describe('request logs', () => {
  it('writes one JSON line per request with the caller’s request id, trace id, status, upstream status and cache outcome', async () => {
    const traceId = 'Root=1-67891233-abcdef012345678912345678';
    const response = await get(`${service.url}/price?symbol=BTCUSDT`, {
      headers: { 'x-request-id': 'req-42', 'x-amzn-trace-id': traceId },
    });
    expect(response.headers.get('x-request-id')).toBe('req-42');
    await get(`${service.url}/price?symbol=BTCUSDT`, { headers: { 'x-request-id': 'req-43' } });
    expect(requestLines()).toEqual([
      expect.objectContaining({
        level: 30,
        service: 'price-service',
        requestId: 'req-42',
        traceId,
        method: 'GET',
        route: '/price',
        status: 200,
        upstreamStatus: 200,
        cache: 'miss',
        latencyMs: expect.any(Number),
      }),
      expect.objectContaining({ requestId: 'req-43', status: 200, cache: 'hit' }),
    ]);
    expect(requestLines()[1]).not.toHaveProperty('upstreamStatus');
  });

  it('measures latency from the request’s arrival to its answer, upstream wait included, in the line and the histogram', async () => {
    service.binance.script({ kind: 'delay', ms: 80 }, 1);
    await get(`${service.url}/price?symbol=BTCUSDT`);
    const [line] = requestLines();
    expect(line?.latencyMs).toBeGreaterThanOrEqual(80);
    expect(line?.latencyMs).toBeLessThan(2_000);
    const metrics = (await get(`${service.url}/metrics`)).text.split('\n');
    expect(metrics).toContain(
      'price_service_http_request_duration_seconds_bucket{route="/price",le="0.05"} 0',
    );
    expect(metrics).toContain('price_service_http_request_duration_seconds_count{route="/price"} 1');
    const sum = metrics.find((metric) =>
      metric.startsWith('price_service_http_request_duration_seconds_sum{route="/price"} '),
    );
    expect(Number(sum?.split(' ')[1])).toBeGreaterThanOrEqual(0.08);
  });

  it('replaces an unsafe x-request-id (spaces, too long, or a quote or backslash that could forge the log line) with a generated id', async () => {
    const ids: (string | null)[] = [];
    for (const unsafe of [`a b ${'x'.repeat(200)}`, 'req","status":500', 'req\\u0022']) {
      const response = await get(`${service.url}/healthz`, { headers: { 'x-request-id': unsafe } });
      ids.push(response.headers.get('x-request-id'));
    }
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(requestLines()).toEqual(
      ids.map((id) => expect.objectContaining({ requestId: id, route: '/healthz', status: 200 })),
    );
  });

  it('gives every answer, whichever route or handler makes it, its request id, a request line and a count', async () => {
    const answers = [
      ['GET', '/price?symbol=BTCUSDT', '/price', 200],
      ['HEAD', '/price?symbol=BTCUSDT', '/price', 200],
      ['GET', '/price?symbol=btc', '/price', 400],
      ['GET', '/healthz', '/healthz', 200],
      ['GET', '/readyz', '/readyz', 200],
      ['GET', '/metrics', '/metrics', 200],
      ['GET', '/nope', 'unmatched', 404],
    ] as const;
    for (const [index, [method, path, , status]] of answers.entries()) {
      const response = await get(`${service.url}${path}`, {
        method,
        headers: { 'x-request-id': `every-${index}` },
      });
      expect([response.status, response.headers.get('x-request-id')]).toEqual([status, `every-${index}`]);
    }
    expect(requestLines()).toEqual(
      answers.map(([method, , route, status], index) =>
        expect.objectContaining({ requestId: `every-${index}`, method, route, status }),
      ),
    );
    const metrics = (await get(`${service.url}/metrics`)).text.split('\n');
    for (const [method, , route, status] of answers) {
      expect(
        metrics.filter((line) =>
          line.startsWith(
            `price_service_http_requests_total{method="${method}",route="${route}",status="${status}"} `,
          ),
        ),
      ).toHaveLength(1);
    }
  });

  it('writes request lines at debug but not at warn, as for any info line', async () => {
    for (const [logLevel, lines] of [
      ['debug', 1],
      ['warn', 0],
    ] as const) {
      const quiet = await startService({ logLevel });
      await get(`${quiet.url}/healthz`);
      await quiet.close();
      expect(quiet.logs.filter((line) => line.msg === 'request')).toHaveLength(lines);
    }
  });

  it('puts the request id into problem bodies', async () => {
    const { body } = await get(`${service.url}/price`, { headers: { 'x-request-id': 'req-problem' } });
    expect(body).toMatchObject({ requestId: 'req-problem' });
  });
});

describe('health, readiness, metrics and unknown routes', () => {
  it('answers /healthz with 200 and /readyz with 200 naming the symbol list it loaded', async () => {
    expect(await get(`${service.url}/healthz`)).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await get(`${service.url}/readyz`)).toMatchObject({
      status: 200,
      body: { status: 'ready', symbolList: 'loaded', symbols: 3, loadedAt: expect.any(String) },
    });
  });

  it('counts requests, upstream calls and cache outcomes in Prometheus text format', async () => {
    await get(`${service.url}/price?symbol=BTCUSDT`);
    await get(`${service.url}/price?symbol=BTCUSDT`);
    await get(`${service.url}/price?symbol=NOPEUSDT`);
    const { status, headers, text } = await get(`${service.url}/metrics`);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const lines = text.split('\n');
    expect(lines).toContain('price_service_http_requests_total{method="GET",route="/price",status="200"} 2');
    expect(lines).toContain('price_service_http_requests_total{method="GET",route="/price",status="404"} 1');
    expect(lines).toContain('price_service_upstream_calls_total{outcome="price"} 1');
    expect(lines).toContain('price_service_price_lookups_total{cache="hit"} 1');
    expect(lines).toContain('price_service_price_lookups_total{cache="miss"} 1');
    expect(lines).toContain('price_service_price_lookups_total{cache="unlisted"} 1');
    expect(lines).toContain('price_service_http_request_duration_seconds_count{route="/price"} 3');
  });

  it('reports the symbol list, the weight spent, the budget left, the IP weight Binance reports and the refusals', async () => {
    await get(`${service.url}/price?symbol=BTCUSDT`);
    const lines = (await get(`${service.url}/metrics`)).text.split('\n');
    expect(lines).toContain('price_service_symbol_list_fetches_total{outcome="symbols"} 1');
    expect(lines).toContain('price_service_symbols_listed 3');
    expect(lines).toContain('price_service_upstream_weight_spent_total{endpoint="exchangeInfo"} 20');
    expect(lines).toContain('price_service_upstream_weight_spent_total{endpoint="ticker"} 2');
    expect(lines).toContain('price_service_upstream_ip_weight_used 22');
    // 133 in the bucket at start (800 a minute, a sixth of it), less 20 and 2, plus what refilled meanwhile.
    const available = Number(
      lines.find((line) => line.startsWith('price_service_upstream_budget_weight_available '))?.split(' ')[1],
    );
    expect(available).toBeGreaterThanOrEqual(111);
    expect(available).toBeLessThanOrEqual(133);
    for (const reason of ['cool-down', 'ip-weight', 'budget', 'client-share']) {
      expect(lines).toContain(`price_service_upstream_budget_refusals_total{reason="${reason}"} 0`);
    }
    expect(lines).toContain('# TYPE price_service_upstream_budget_weight_available gauge');
    expect(lines).toContain('# TYPE price_service_upstream_budget_refusals_total counter');
  });

  it('answers an unknown route with a 404 problem naming the route to use', async () => {
    const { status, body } = await get(`${service.url}/prices?symbol=BTCUSDT`);
    expect(status).toBe(404);
    expect(body).toMatchObject({
      type: 'https://moat.dev/problems/not-found',
      detail: 'No route for GET "/prices"; use GET /price?symbol=BTCUSDT.',
    });
  });

  it('answers POST /price with a 404 problem, never a 5xx', async () => {
    const { status, body } = await get(`${service.url}/price?symbol=BTCUSDT`, { method: 'POST', body: 'x' });
    expect(status).toBe(404);
    expect(body).toMatchObject({ type: 'https://moat.dev/problems/not-found' });
  });
});
