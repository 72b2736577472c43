import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  get,
  type ProblemBody,
  type RunningService,
  type ServiceOptions,
  startService,
} from './support/in-process.js';
import { rawRequest } from './support/raw-http.js';

let service: RunningService;
beforeEach(async () => {
  service = await startService();
});
afterEach(async () => {
  await service.close();
});

async function restartWith(options: ServiceOptions): Promise<void> {
  await service.close();
  service = await startService(options);
}

const problem = (type: string) => `https://moat.dev/problems/${type}`;

describe('GET /price', () => {
  it('answers the price as the exact decimal string Binance sent, with its source and time', async () => {
    service.binance.setPrice('BTCUSDT', '43123.45000000');
    const before = Date.now();
    const { status, headers, text } = await get(`${service.url}/price?symbol=BTCUSDT`);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = JSON.parse(text) as Record<string, unknown>;
    expect(text).toContain('"price":"43123.45000000"');
    expect(body).toEqual({
      symbol: 'BTCUSDT',
      price: '43123.45000000',
      source: 'binance',
      fetchedAt: expect.any(String),
      cached: false,
    });
    expect(Date.parse(String(body.fetchedAt))).toBeGreaterThanOrEqual(before - 1);
  });

  it('answers a cache hit with the same quote and time, marked cached, as JSON', async () => {
    service.binance.setPrice('ETHUSDT', '2301.10000000');
    const miss = await get(`${service.url}/price?symbol=ETHUSDT`);
    const hits = [
      await get(`${service.url}/price?symbol=ETHUSDT`),
      await get(`${service.url}/price?symbol=ETHUSDT`),
    ];
    const first = JSON.parse(miss.text) as Record<string, unknown>;
    for (const hit of hits) {
      expect(hit.status).toBe(200);
      expect(hit.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(hit.text).toBe(
        `{"symbol":"ETHUSDT","price":"2301.10000000","source":"binance","fetchedAt":"${String(first.fetchedAt)}","cached":true}`,
      );
    }
    expect(service.binance.calls('ETHUSDT')).toBe(1);
  });

  it('keeps trailing zeros and precision a float would lose', async () => {
    await restartWith({
      binance: { prices: { SHIBUSDT: '0.00001234000000', BIGUSDT: '90071992547409931.12345678' } },
    });
    expect((await get(`${service.url}/price?symbol=SHIBUSDT`)).text).toContain('"price":"0.00001234000000"');
    expect((await get(`${service.url}/price?symbol=BIGUSDT`)).text).toContain(
      '"price":"90071992547409931.12345678"',
    );
  });

  it('answers a symbol Binance does not trade with 404 unknown-symbol and no upstream call', async () => {
    const { status, headers, body } = await get(`${service.url}/price?symbol=NOPEUSDT`);
    expect(status).toBe(404);
    expect(headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(body).toMatchObject({
      type: problem('unknown-symbol'),
      status: 404,
      detail:
        'Binance does not list the symbol "NOPEUSDT" among the symbols it trades (exchangeInfo). Check the pair, e.g. BTCUSDT (base asset then quote asset).',
    });
    expect(service.binance.stats()).toMatchObject({ tickerCalls: 0, exchangeInfoCalls: 1 });
  });

  it('answers 500 distinct made-up symbols with 404 without a single upstream call', async () => {
    const symbols = Array.from({ length: 500 }, (_, i) => `FAKE${i}USDT`);
    const statuses = await Promise.all(
      symbols.map(async (symbol) => (await get(`${service.url}/price?symbol=${symbol}`)).status),
    );
    expect(new Set(statuses)).toEqual(new Set([404]));
    expect(service.binance.stats()).toMatchObject({ tickerCalls: 0, exchangeInfoCalls: 1 });
  });
});

const tooLong = 'A'.repeat(8_000);
/** [what is wrong, path and query, the detail the client reads] */
const MALFORMED: readonly (readonly [string, string, string])[] = [
  ['no query', '/price', 'The symbol query parameter is missing or empty'],
  ['an empty symbol', '/price?symbol=', 'The symbol query parameter is missing or empty'],
  ['a symbol without a value', '/price?symbol', 'The symbol query parameter is missing or empty'],
  ['lower case', '/price?symbol=btcusdt', 'received "btcusdt"'],
  ['one character', '/price?symbol=B', 'received "B"'],
  ['21 characters', `/price?symbol=${'A'.repeat(21)}`, `received "${'A'.repeat(21)}"`],
  ['a space', '/price?symbol=BTC%20USDT', 'received "BTC USDT"'],
  ['a dash', '/price?symbol=BTC-USDT', 'received "BTC-USDT"'],
  ['unicode', '/price?symbol=%E2%82%BFUSDT', 'received "₿USDT"'],
  ['an emoji', '/price?symbol=%F0%9F%9A%80', 'received "🚀"'],
  ['SQL injection', '/price?symbol=BTCUSDT%27%20OR%201%3D1--', `received "BTCUSDT' OR 1=1--"`],
  [
    'script injection',
    '/price?symbol=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
    'received "<script>alert(1)</script>"',
  ],
  ['path traversal', '/price?symbol=..%2F..%2Fetc%2Fpasswd', 'received "../../etc/passwd"'],
  ['NoSQL operator', '/price?symbol=%7B%22%24ne%22%3Anull%7D', 'received "{\\"$ne\\":null}"'],
  [
    'an encoded second parameter',
    '/price?symbol=BTCUSDT%26symbol%3DETHUSDT',
    'received "BTCUSDT&symbol=ETHUSDT"',
  ],
  ['a NUL byte', '/price?symbol=BTC%00USDT', 'received "BTC\\u0000USDT"'],
  [
    'CRLF header injection',
    '/price?symbol=BTCUSDT%0D%0AX-Injected:%201',
    'received "BTCUSDT\\r\\nX-Injected: 1"',
  ],
  ['a tab', '/price?symbol=BTCUSDT%09', 'received "BTCUSDT\\t"'],
  ['broken percent-encoding', '/price?symbol=%ZZ', 'received "%ZZ"'],
  ['repeated symbol', '/price?symbol=BTCUSDT&symbol=ETHUSDT', 'The symbol query parameter is given 2 times'],
  [
    'the same symbol twice',
    '/price?symbol=BTCUSDT&symbol=BTCUSDT',
    'The symbol query parameter is given 2 times',
  ],
  ['array syntax', '/price?symbol[]=BTCUSDT', 'Unknown query parameter "symbol[]"'],
  ['indexed array syntax', '/price?symbol[0]=BTCUSDT', 'Unknown query parameter "symbol[0]"'],
  ['an unknown parameter', '/price?symbol=BTCUSDT&debug=1', 'Unknown query parameter "debug"'],
  ['an upper-case parameter name', '/price?SYMBOL=BTCUSDT', 'Unknown query parameter "SYMBOL"'],
  ['an empty parameter name', '/price?=BTCUSDT', 'Unknown query parameter ""'],
  [
    'a huge symbol',
    `/price?symbol=${tooLong}`,
    'The query string is 8007 characters long; the limit is 256.',
  ],
  [
    'a huge query',
    `/price?${'a=1&'.repeat(2_000)}`,
    'The query string is 8000 characters long; the limit is 256.',
  ],
];

describe('GET /price with a malformed query', () => {
  it.each(MALFORMED)('rejects %s with 400 invalid-request', async (_what, path, detail) => {
    const { status, headers, body } = await get(`${service.url}${path}`);
    expect(status).toBe(400);
    expect(headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    const { type, title, detail: actual } = body as ProblemBody;
    expect({ type, title }).toEqual({ type: problem('invalid-request'), title: 'The request is not valid' });
    expect(actual).toContain(detail);
    expect(service.binance.calls()).toBe(0);
  });

  it('rejects a raw control character in the request line with a 400 problem from the HTTP parser', async () => {
    const { status, text } = await rawRequest(
      service.url,
      'GET /price?symbol=BTC\x01USDT HTTP/1.1\r\nHost: x\r\n\r\n',
    );
    expect(status).toBe(400);
    expect(text).toContain('Content-Type: application/problem+json; charset=utf-8');
    expect(text).toContain('"type":"https://moat.dev/problems/invalid-request"');
    expect(text).toContain('The request is not valid HTTP (HPE_INVALID_URL)');
    expect(service.logs).toContainEqual({
      level: 30,
      time: expect.any(String),
      service: 'price-service',
      requestId: expect.stringMatching(/^[0-9a-f]{32}$/),
      method: 'UNKNOWN',
      route: 'rejected',
      status: 400,
      latencyMs: expect.any(Number),
      rejection: 'HPE_INVALID_URL',
      msg: 'request',
    });
  });

  it('rejects a request line beyond the 16 KiB header limit with a 431 problem', async () => {
    const { status, text } = await rawRequest(
      service.url,
      `GET /price?symbol=${'A'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    );
    expect(status).toBe(431);
    expect(text).toContain('"type":"https://moat.dev/problems/headers-too-large"');
    expect(text).toContain('The request line and headers exceed the 16 KiB limit');
  });

  it('rejects raw non-ASCII bytes in the request line with a 400 problem', async () => {
    const { status, text } = await rawRequest(
      service.url,
      'GET /price?symbol=BTC\xe2\x82\xbf HTTP/1.1\r\nHost: x\r\n\r\n',
    );
    expect(status).toBe(400);
    expect(text).toContain('"type":"https://moat.dev/problems/invalid-request"');
  });
});
