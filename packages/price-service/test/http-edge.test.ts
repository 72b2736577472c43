import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { get, type RunningService, startService } from './support/in-process.js';
import { rawRequest } from './support/raw-http.js';

let service: RunningService;
beforeEach(async () => {
  service = await startService();
});
afterEach(async () => {
  await service.close();
});

/** Splits a raw HTTP/1.1 stream into its answers: status, headers (lower-case names) and body. */
function answers(text: string): { status: number; headers: Record<string, string>; body: string }[] {
  const parsed = [];
  let rest = text;
  while (rest.startsWith('HTTP/1.1 ')) {
    const headEnd = rest.indexOf('\r\n\r\n');
    const [statusLine = '', ...lines] = rest.slice(0, headEnd).split('\r\n');
    const headers = Object.fromEntries(
      lines.map((line) => [
        line.slice(0, line.indexOf(':')).toLowerCase(),
        line.slice(line.indexOf(':') + 1).trim(),
      ]),
    );
    const length = Number(headers['content-length']);
    parsed.push({
      status: Number(statusLine.split(' ')[1]),
      headers,
      body: rest.slice(headEnd + 4, headEnd + 4 + length),
    });
    rest = rest.slice(headEnd + 4 + length);
  }
  return parsed;
}

async function metricLines(): Promise<string[]> {
  return (await get(`${service.url}/metrics`)).text.split('\n');
}

describe('answers Node or Fastify give before a route runs', () => {
  it.each([
    [
      'an HTTP/1.1 request without Host',
      'GET /price?symbol=BTCUSDT HTTP/1.1\r\nX-Request-Id: edge-1\r\n\r\n',
      400,
      'invalid-request',
      'The request has no Host header, which HTTP/1.1 requires; send one, e.g. Host: prices.example.com.',
      'GET',
    ],
    [
      'an Expect the service cannot meet',
      'GET /price?symbol=BTCUSDT HTTP/1.1\r\nHost: x\r\nX-Request-Id: edge-1\r\nExpect: teapot\r\n\r\n',
      417,
      'expectation-failed',
      'The service cannot meet "Expect: teapot"; it supports only 100-continue. Send the request without it.',
      'GET',
    ],
    [
      'CONNECT',
      'CONNECT api.binance.com:443 HTTP/1.1\r\nHost: api.binance.com:443\r\nX-Request-Id: edge-1\r\n\r\n',
      404,
      'not-found',
      'No route for CONNECT "api.binance.com:443": the service is not a proxy; use GET /price?symbol=BTCUSDT.',
      'CONNECT',
    ],
  ])(
    'answers %s with a %i problem, its request id, and counts it',
    async (_what, request, status, type, detail, method) => {
      const { text } = await rawRequest(service.url, request);
      const [answer] = answers(text);
      expect(answer?.status).toBe(status);
      expect(answer?.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(answer?.headers['x-request-id']).toBe('edge-1');
      expect(JSON.parse(answer?.body ?? '')).toEqual({
        type: `https://moat.dev/problems/${type}`,
        title: expect.any(String),
        status,
        detail,
        requestId: 'edge-1',
      });
      expect(await metricLines()).toContain(
        `price_service_http_requests_total{method="${method}",route="rejected",status="${status}"} 1`,
      );
      expect(service.logs).toContainEqual(
        expect.objectContaining({ msg: 'request', requestId: 'edge-1', route: 'rejected', status }),
      );
    },
  );

  it('answers a path with broken percent-encoding with a 400 problem and its request id, counted', async () => {
    const response = await get(`${service.url}/pri%ZZce`, { headers: { 'x-request-id': 'bad-url' } });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(response.headers.get('x-request-id')).toBe('bad-url');
    expect(response.body).toMatchObject({
      type: 'https://moat.dev/problems/invalid-request',
      detail:
        "'/pri%ZZce' is not a valid url component: the path has broken percent-encoding; encode reserved characters as %XX, e.g. /price?symbol=BTCUSDT.",
      requestId: 'bad-url',
    });
    expect(await metricLines()).toContain(
      'price_service_http_requests_total{method="GET",route="unmatched",status="400"} 1',
    );
  });

  it('answers a body over the limit with 413, not 400, with its request id, counted', async () => {
    const tooLarge = await get(`${service.url}/price`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'too-large' },
      body: JSON.stringify({ padding: 'x'.repeat(2_000) }),
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(tooLarge.headers.get('x-request-id')).toBe('too-large');
    expect(tooLarge.body).toMatchObject({
      type: 'https://moat.dev/problems/body-too-large',
      detail:
        'The request body is over the 1024 bytes the service reads; its routes take no body, e.g. GET /price?symbol=BTCUSDT.',
      requestId: 'too-large',
    });
    const lines = await metricLines();
    expect(lines).toContain(
      'price_service_http_requests_total{method="POST",route="unmatched",status="413"} 1',
    );
  });
});

describe('a malformed request in a pipeline', () => {
  it('is answered only after the valid requests before it, each with its own answer, in order', async () => {
    service.binance.script({ kind: 'delay', ms: 150 }, 1);
    const { text } = await rawRequest(
      service.url,
      [
        'GET /price?symbol=ETHUSDT HTTP/1.1\r\nHost: x\r\nX-Request-Id: first\r\n\r\n',
        'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Request-Id: second\r\n\r\n',
        'GET /price?symbol=BTC\x01USDT HTTP/1.1\r\nHost: x\r\n\r\n',
      ].join(''),
    );
    const [first, second, third, ...more] = answers(text);
    expect([first?.status, first?.headers['x-request-id']]).toEqual([200, 'first']);
    expect(JSON.parse(first?.body ?? '')).toMatchObject({ symbol: 'ETHUSDT', price: '2291.07000000' });
    expect([second?.status, second?.headers['x-request-id'], second?.body]).toEqual([
      200,
      'second',
      '{"status":"ok"}',
    ]);
    expect(third?.status).toBe(400);
    expect(JSON.parse(third?.body ?? '')).toMatchObject({
      type: 'https://moat.dev/problems/invalid-request',
      detail: expect.stringContaining('(HPE_INVALID_URL)'),
    });
    expect(more).toEqual([]);
  });

  it('closes the connection after the problem, so nothing after the broken request is read', async () => {
    const { port } = new URL(service.url);
    const socket = connect(Number(port), '127.0.0.1');
    socket.write('GET /bad\x01 HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    let text = '';
    for await (const chunk of socket) text += String(chunk);
    expect(answers(text).map((answer) => answer.status)).toEqual([400]);
  });
});
