import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Fault, parseFault } from './faults.js';

export interface FakeBinanceOptions {
  /** Port on 127.0.0.1. @default 0 (a free port chosen by the OS) */
  readonly port?: number;
  /** Interface to bind. @default '127.0.0.1' (loopback only: the fake must never be reachable from outside) */
  readonly host?: string;
  /** Prices per symbol, as the decimal strings Binance sends. @default DEFAULT_PRICES */
  readonly prices?: Readonly<Record<string, string>>;
}

export interface FakeBinance {
  /** Base URL to use as `BINANCE_BASE_URL`, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  readonly port: number;
  /** Ticker calls received so far (faulted ones included), for one symbol or in total. */
  calls(symbol?: string): number;
  /** Makes the next `times` ticker calls misbehave (default: every call until `clearFaults()`). */
  script(fault: Fault, times?: number): void;
  clearFaults(): void;
  setPrice(symbol: string, price: string): void;
  close(): Promise<void>;
}

export const DEFAULT_PRICES: Readonly<Record<string, string>> = {
  BTCUSDT: '43123.45000000',
  ETHUSDT: '2291.07000000',
  BNBUSDT: '312.40000000',
};

export const TICKER_PRICE_PATH = '/api/v3/ticker/price';
/** Control endpoints, so a fake started from the command line can be scripted with curl. */
export const CONTROL_PATH = '/__fake';

/** Binance weighs /api/v3/ticker/price at 2 with a symbol and 4 without one. Source: https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#symbol-price-ticker */
const WEIGHT_ONE_SYMBOL = 2;
const WEIGHT_ALL_SYMBOLS = 4;
/** Binance's documented legal range for `symbol` (error -1100). */
const LEGAL_SYMBOL = /^[A-Z0-9\-_.]{1,20}$/;
const CONTROL_BODY_LIMIT_BYTES = 64 * 1024;

interface ScriptedFault {
  readonly fault: Fault;
  remaining: number;
}

/** Starts the fake on loopback. Resolves once it is listening. */
export async function startFakeBinance(options: FakeBinanceOptions = {}): Promise<FakeBinance> {
  const prices = new Map(Object.entries(options.prices ?? DEFAULT_PRICES));
  const callsBySymbol = new Map<string, number>();
  let totalCalls = 0;
  const faults: ScriptedFault[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const weight = usedWeightCounter();

  const script = (fault: Fault, times = Number.POSITIVE_INFINITY): void => {
    faults.push({ fault, remaining: times });
  };

  const nextFault = (): Fault | undefined => {
    const head = faults[0];
    if (head === undefined) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) faults.shift();
    return head.fault;
  };

  const answerTicker = (url: URL, res: ServerResponse): void => {
    const symbol = url.searchParams.get('symbol');
    const usedWeight = weight.add(symbol === null ? WEIGHT_ALL_SYMBOLS : WEIGHT_ONE_SYMBOL);
    res.setHeader('X-MBX-USED-WEIGHT-1M', String(usedWeight));
    if (symbol === null) {
      sendJson(
        res,
        200,
        [...prices].map(([s, price]) => ({ symbol: s, price })),
      );
    } else if (!LEGAL_SYMBOL.test(symbol)) {
      sendJson(res, 400, {
        code: -1100,
        msg: "Illegal characters found in parameter 'symbol'; legal range is '^[A-Z0-9-_.]{1,20}$'.",
      });
    } else {
      const price = prices.get(symbol);
      if (price === undefined) sendJson(res, 400, { code: -1121, msg: 'Invalid symbol.' });
      else sendJson(res, 200, { symbol, price });
    }
  };

  const misbehave = (fault: Fault, url: URL, req: IncomingMessage, res: ServerResponse): void => {
    switch (fault.kind) {
      case 'delay': {
        const timer = setTimeout(() => {
          timers.delete(timer);
          answerTicker(url, res);
        }, fault.ms);
        timers.add(timer);
        return;
      }
      case 'reset':
        req.socket.resetAndDestroy();
        return;
      case 'server-error':
        sendJson(res, fault.status, {
          code: -1000,
          msg: 'An unknown error occurred while processing the request.',
        });
        return;
      case 'malformed-json':
        res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' });
        res.end('{"symbol":"BTCUSDT","price":');
        return;
      case 'rate-limited':
        res.setHeader('Retry-After', String(fault.retryAfterSeconds));
        sendJson(res, 429, {
          code: -1003,
          msg: 'Too many requests; current limit of IP(127.0.0.1) is 6000 requests per minute. Please use the websocket for live updates to avoid polling the API.',
        });
        return;
      case 'ip-banned':
        res.setHeader('Retry-After', String(fault.retryAfterSeconds));
        sendJson(res, 418, {
          code: -1003,
          msg: `Way too much request weight used; IP banned until ${Date.now() + fault.retryAfterSeconds * 1000}. Please use the websocket for live updates to avoid bans.`,
        });
        return;
      case 'geo-blocked':
        sendJson(res, 451, {
          code: 0,
          msg: "Service unavailable from a restricted location according to 'b. Eligibility' in https://www.binance.com/en/terms. Please contact customer service if you believe you received this message in error.",
        });
        return;
    }
  };

  const control = async (url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const route = `${req.method} ${url.pathname.slice(CONTROL_PATH.length)}`;
    if (route === 'GET /calls') {
      sendJson(res, 200, { calls: totalCalls, bySymbol: Object.fromEntries(callsBySymbol) });
    } else if (route === 'POST /faults') {
      const body = await readJson(req);
      const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
      const parsed = parseFault(record.fault ?? body);
      const times = record.times;
      if (!parsed.ok) sendJson(res, 400, { error: parsed.error });
      else if (times !== undefined && !(typeof times === 'number' && Number.isInteger(times) && times > 0)) {
        sendJson(res, 400, {
          error: `"times" must be a positive integer, received ${JSON.stringify(times)}`,
        });
      } else {
        script(parsed.fault, times);
        res.writeHead(204).end();
      }
    } else if (route === 'DELETE /faults') {
      faults.length = 0;
      res.writeHead(204).end();
    } else if (route === 'PUT /prices') {
      const body = await readJson(req);
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        sendJson(res, 400, {
          error: 'send a JSON object of symbol → price string, e.g. {"BTCUSDT":"43123.45000000"}',
        });
        return;
      }
      for (const [symbol, price] of Object.entries(body)) prices.set(symbol, String(price));
      res.writeHead(204).end();
    } else {
      sendJson(res, 404, {
        error: `no control route ${route}; use GET /calls, POST|DELETE /faults, PUT /prices`,
      });
    }
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake-binance');
    if (url.pathname.startsWith(`${CONTROL_PATH}/`)) {
      control(url, req, res).catch((error: unknown) => sendJson(res, 400, { error: String(error) }));
      return;
    }
    if (req.method !== 'GET' || url.pathname !== TICKER_PRICE_PATH) {
      sendJson(res, 404, { code: -1, msg: `The fake serves only GET ${TICKER_PRICE_PATH}.` });
      return;
    }
    totalCalls += 1;
    const symbol = url.searchParams.get('symbol') ?? '';
    callsBySymbol.set(symbol, (callsBySymbol.get(symbol) ?? 0) + 1);
    const fault = nextFault();
    if (fault === undefined) answerTicker(url, res);
    else misbehave(fault, url, req, res);
  });

  server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  await once(server, 'listening');
  const { address, port } = server.address() as AddressInfo;

  return {
    url: `http://${address}:${port}`,
    port,
    calls: (symbol) => (symbol === undefined ? totalCalls : (callsBySymbol.get(symbol) ?? 0)),
    script,
    clearFaults: () => {
      faults.length = 0;
    },
    setPrice: (symbol, price) => {
      prices.set(symbol, price);
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json;charset=UTF-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > CONTROL_BODY_LIMIT_BYTES)
      throw new Error(`body larger than ${CONTROL_BODY_LIMIT_BYTES} bytes`);
  }
  return JSON.parse(text) as unknown;
}

/** Binance's X-MBX-USED-WEIGHT-1M: the weight used by this IP in the current clock minute. */
function usedWeightCounter(): { add(weight: number): number } {
  let minute = -1;
  let used = 0;
  return {
    add(weight) {
      const now = Math.floor(Date.now() / 60_000);
      if (now !== minute) {
        minute = now;
        used = 0;
      }
      used += weight;
      return used;
    },
  };
}
