import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  exchangeInfoDocument,
  FILTERABLE_STATUSES,
  type ListedSymbol,
  type SymbolStatus,
} from './exchange-info.js';
import { type Fault, parseFault } from './faults.js';
import { IpLimits, type IpVerdict } from './ip-limits.js';

export interface FakeBinanceOptions {
  /** Port on 127.0.0.1. @default 0 (a free port chosen by the OS) */
  readonly port?: number;
  /** Interface to bind. @default '127.0.0.1' (loopback only: the fake must never be reachable from outside) */
  readonly host?: string;
  /** Prices per symbol, as the decimal strings Binance sends; every one is listed as TRADING. @default DEFAULT_PRICES */
  readonly prices?: Readonly<Record<string, string>>;
  /** The IP's REQUEST_WEIGHT per minute, above which calls get 429. @default 6000 (Binance's limit) */
  readonly weightLimitPerMinute?: number;
  /** Calls made during a 429's Retry-After before the IP is banned with 418. @default 5 (Binance does not say) */
  readonly banAfterViolations?: number;
  /** The clock that places calls in their minute (tests pass their own). @default Date.now */
  readonly now?: () => number;
  /** Faults scripted before the first call can arrive, as `script(fault, times, endpoint)` would. */
  readonly faults?: readonly ScriptedAtStart[];
}

export interface ScriptedAtStart {
  readonly fault: Fault;
  readonly times?: number;
  readonly endpoint?: Endpoint;
}

/** The two API endpoints the fake serves; faults are scripted for one of them. */
export type Endpoint = 'ticker' | 'exchangeInfo';

export interface FakeBinanceStats {
  readonly tickerCalls: number;
  readonly exchangeInfoCalls: number;
  /** The weight used in the current clock minute (what `X-MBX-USED-WEIGHT-1M` says). */
  readonly usedWeight: number;
  /** 429 answers, scripted ones included. */
  readonly rateLimitedAnswers: number;
  /** 418 answers, scripted ones included. */
  readonly bannedAnswers: number;
  /** API calls received after the first 429 or 418 was sent: a client that backs off makes none before Retry-After. */
  readonly callsAfterFirstRateLimit: number;
  /** Oversized bodies whose client closed the connection before the whole body was sent. */
  readonly bodiesCutOff: number;
}

export interface FakeBinance {
  /** Base URL to use as `BINANCE_BASE_URL`, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  readonly port: number;
  /** Ticker calls received so far (faulted ones included), for one symbol or in total. */
  calls(symbol?: string): number;
  stats(): FakeBinanceStats;
  /**
   * Makes the next `times` calls to `endpoint` misbehave (default: every call until `clearFaults()`), after the
   * IP's weight limit has let them through.
   */
  script(fault: Fault, times?: number, endpoint?: Endpoint): void;
  clearFaults(): void;
  /** Lists the symbol as TRADING (if it was not listed) with this price. */
  setPrice(symbol: string, price: string): void;
  /** The symbol's status in exchangeInfo; its ticker still answers, as Binance's does for a halted symbol. */
  setStatus(symbol: string, status: SymbolStatus): void;
  /** Removes the symbol: gone from exchangeInfo, and its ticker answers -1121 Invalid symbol. */
  delist(symbol: string): void;
  /** Adds weight to the current minute, as other hosts behind the same NAT address would. */
  spendWeight(weight: number): void;
  close(): Promise<void>;
}

export const DEFAULT_PRICES: Readonly<Record<string, string>> = {
  BTCUSDT: '43123.45000000',
  ETHUSDT: '2291.07000000',
  BNBUSDT: '312.40000000',
};

export const TICKER_PRICE_PATH = '/api/v3/ticker/price';
export const EXCHANGE_INFO_PATH = '/api/v3/exchangeInfo';
/** Control endpoints, so a fake started from the command line can be scripted with curl. */
export const CONTROL_PATH = '/__fake';

/** Binance weighs /api/v3/ticker/price at 2 with a symbol and 4 without one. Source: https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#symbol-price-ticker */
const WEIGHT_ONE_SYMBOL = 2;
const WEIGHT_ALL_SYMBOLS = 4;
/** Source: https://developers.binance.com/docs/binance-spot-api-docs/rest-api/general-endpoints#exchange-information */
const WEIGHT_EXCHANGE_INFO = 20;
const BINANCE_WEIGHT_LIMIT_PER_MINUTE = 6_000;
const DEFAULT_BAN_AFTER_VIOLATIONS = 5;
const OVERSIZED_CHUNK_BYTES = 64 * 1024;
/** Binance's documented legal range for `symbol` (error -1100). */
const LEGAL_SYMBOL = /^[A-Z0-9\-_.]{1,20}$/;
const CONTROL_BODY_LIMIT_BYTES = 64 * 1024;

interface ScriptedFault {
  readonly fault: Fault;
  remaining: number;
}

const RATE_LIMITED_MSG =
  'Too much request weight used; current limit is %LIMIT% request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.';

/** Starts the fake on loopback. Resolves once it is listening. */
export async function startFakeBinance(options: FakeBinanceOptions = {}): Promise<FakeBinance> {
  const prices = new Map(Object.entries(options.prices ?? DEFAULT_PRICES));
  const statuses = new Map<string, SymbolStatus>();
  const callsBySymbol = new Map<string, number>();
  const weightLimit = options.weightLimitPerMinute ?? BINANCE_WEIGHT_LIMIT_PER_MINUTE;
  const now = options.now ?? Date.now;
  const limits = new IpLimits({
    weightLimitPerMinute: weightLimit,
    banAfterViolations: options.banAfterViolations ?? DEFAULT_BAN_AFTER_VIOLATIONS,
    now,
  });
  const stats = {
    tickerCalls: 0,
    exchangeInfoCalls: 0,
    rateLimitedAnswers: 0,
    bannedAnswers: 0,
    callsAfterFirstRateLimit: 0,
    bodiesCutOff: 0,
  };
  let rateLimitSent = false;
  const faults: Record<Endpoint, ScriptedFault[]> = { ticker: [], exchangeInfo: [] };
  const timers = new Set<NodeJS.Timeout>();

  const script = (fault: Fault, times = Number.POSITIVE_INFINITY, endpoint: Endpoint = 'ticker'): void => {
    faults[endpoint].push({ fault, remaining: times });
  };

  const nextFault = (endpoint: Endpoint): Fault | undefined => {
    const queue = faults[endpoint];
    const head = queue[0];
    if (head === undefined) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) queue.shift();
    return head.fault;
  };

  const listed = (): ListedSymbol[] =>
    [...prices.keys()].map((symbol) => ({ symbol, status: statuses.get(symbol) ?? 'TRADING' }));

  const answerTicker = (url: URL, res: ServerResponse): void => {
    const symbol = url.searchParams.get('symbol');
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

  const answerExchangeInfo = (url: URL, res: ServerResponse): void => {
    const status = url.searchParams.get('symbolStatus');
    if (status !== null && !(FILTERABLE_STATUSES as readonly string[]).includes(status)) {
      sendJson(res, 400, { code: -1122, msg: 'Invalid symbolStatus.' });
      return;
    }
    const query = {
      ...(status === null ? {} : { symbolStatus: status as SymbolStatus }),
      showPermissionSets: url.searchParams.get('showPermissionSets') !== 'false',
    };
    sendJson(res, 200, exchangeInfoDocument(listed(), query, weightLimit, now()));
  };

  const answerLimited = (verdict: Exclude<IpVerdict, { kind: 'allowed' }>, res: ServerResponse): void => {
    res.setHeader('Retry-After', String(verdict.retryAfterSeconds));
    if (verdict.kind === 'rate-limited') {
      stats.rateLimitedAnswers += 1;
      sendJson(res, 429, { code: -1003, msg: RATE_LIMITED_MSG.replace('%LIMIT%', String(weightLimit)) });
    } else {
      stats.bannedAnswers += 1;
      sendJson(res, 418, {
        code: -1003,
        msg: `Way too much request weight used; IP banned until ${now() + verdict.retryAfterSeconds * 1000}. Please use WebSocket Streams for live updates to avoid bans.`,
      });
    }
    rateLimitSent = true;
  };

  const sendOversized = (fault: Extract<Fault, { kind: 'oversized' }>, res: ServerResponse): void => {
    const head = '{"padding":"';
    const tail = '"}';
    const padding = Math.max(0, fault.bytes - head.length - tail.length);
    res.writeHead(200, {
      'content-type': 'application/json;charset=UTF-8',
      ...(fault.contentLength ? { 'content-length': head.length + padding + tail.length } : {}),
    });
    res.write(head);
    const chunk = ' '.repeat(OVERSIZED_CHUNK_BYTES);
    let left = padding;
    const pump = (): void => {
      while (left > 0) {
        const size = Math.min(left, OVERSIZED_CHUNK_BYTES);
        left -= size;
        if (!res.write(size === OVERSIZED_CHUNK_BYTES ? chunk : chunk.slice(0, size))) {
          res.once('drain', pump);
          return;
        }
      }
      res.end(tail);
    };
    res.once('close', () => {
      if (!res.writableFinished) stats.bodiesCutOff += 1;
    });
    pump();
  };

  const misbehave = (fault: Fault, answer: () => void, req: IncomingMessage, res: ServerResponse): void => {
    switch (fault.kind) {
      case 'delay': {
        const timer = setTimeout(() => {
          timers.delete(timer);
          answer();
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
        limits.backOffRequested(fault.retryAfterSeconds);
        answerLimited(
          {
            kind: 'rate-limited',
            usedWeight: limits.usedWeight(),
            retryAfterSeconds: fault.retryAfterSeconds,
          },
          res,
        );
        return;
      case 'ip-banned':
        answerLimited(
          { kind: 'banned', usedWeight: limits.usedWeight(), retryAfterSeconds: fault.retryAfterSeconds },
          res,
        );
        return;
      case 'geo-blocked':
        sendJson(res, 451, {
          code: 0,
          msg: "Service unavailable from a restricted location according to 'b. Eligibility' in https://www.binance.com/en/terms. Please contact customer service if you believe you received this message in error.",
        });
        return;
      case 'oversized':
        sendOversized(fault, res);
        return;
    }
  };

  const control = async (url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const route = `${req.method} ${url.pathname.slice(CONTROL_PATH.length)}`;
    if (route === 'GET /calls') {
      sendJson(res, 200, { calls: stats.tickerCalls, bySymbol: Object.fromEntries(callsBySymbol) });
    } else if (route === 'GET /stats') {
      sendJson(res, 200, { ...stats, usedWeight: limits.usedWeight() });
    } else if (route === 'POST /faults') {
      const body = await readJson(req);
      const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
      const parsed = parseFault(record.fault ?? body);
      const { times, endpoint = 'ticker' } = record;
      if (!parsed.ok) sendJson(res, 400, { error: parsed.error });
      else if (times !== undefined && !(typeof times === 'number' && Number.isInteger(times) && times > 0)) {
        sendJson(res, 400, {
          error: `"times" must be a positive integer, received ${JSON.stringify(times)}`,
        });
      } else if (endpoint !== 'ticker' && endpoint !== 'exchangeInfo') {
        sendJson(res, 400, {
          error: `"endpoint" must be "ticker" or "exchangeInfo", received ${JSON.stringify(endpoint)}`,
        });
      } else {
        script(parsed.fault, times, endpoint);
        res.writeHead(204).end();
      }
    } else if (route === 'DELETE /faults') {
      faults.ticker.length = 0;
      faults.exchangeInfo.length = 0;
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
        error: `no control route ${route}; use GET /calls, GET /stats, POST|DELETE /faults, PUT /prices`,
      });
    }
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake-binance');
    if (url.pathname.startsWith(`${CONTROL_PATH}/`)) {
      control(url, req, res).catch((error: unknown) => sendJson(res, 400, { error: String(error) }));
      return;
    }
    const endpoint = req.method !== 'GET' ? undefined : ENDPOINTS.get(url.pathname);
    if (endpoint === undefined) {
      sendJson(res, 404, {
        code: -1,
        msg: `The fake serves only GET ${[...ENDPOINTS.keys()].join(' and ')}.`,
      });
      return;
    }
    if (rateLimitSent) stats.callsAfterFirstRateLimit += 1;
    let weight = WEIGHT_EXCHANGE_INFO;
    if (endpoint === 'ticker') {
      stats.tickerCalls += 1;
      const symbol = url.searchParams.get('symbol');
      callsBySymbol.set(symbol ?? '', (callsBySymbol.get(symbol ?? '') ?? 0) + 1);
      weight = symbol === null ? WEIGHT_ALL_SYMBOLS : WEIGHT_ONE_SYMBOL;
    } else {
      stats.exchangeInfoCalls += 1;
    }
    const verdict = limits.admit(weight);
    // Every answer carries the weight used, as Binance's do; a delayed answer shows the count at its arrival.
    res.setHeader('X-MBX-USED-WEIGHT-1M', String(verdict.usedWeight));
    if (verdict.kind !== 'allowed') {
      answerLimited(verdict, res);
      return;
    }
    const answer = () => (endpoint === 'ticker' ? answerTicker(url, res) : answerExchangeInfo(url, res));
    const fault = nextFault(endpoint);
    if (fault === undefined) answer();
    else misbehave(fault, answer, req, res);
  });

  for (const { fault, times, endpoint } of options.faults ?? []) script(fault, times, endpoint);
  server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  await once(server, 'listening');
  const { address, port } = server.address() as AddressInfo;

  return {
    url: `http://${address}:${port}`,
    port,
    calls: (symbol) => (symbol === undefined ? stats.tickerCalls : (callsBySymbol.get(symbol) ?? 0)),
    stats: () => ({ ...stats, usedWeight: limits.usedWeight() }),
    script,
    clearFaults: () => {
      faults.ticker.length = 0;
      faults.exchangeInfo.length = 0;
    },
    setPrice: (symbol, price) => {
      prices.set(symbol, price);
    },
    setStatus: (symbol, status) => {
      statuses.set(symbol, status);
    },
    delist: (symbol) => {
      prices.delete(symbol);
      statuses.delete(symbol);
    },
    spendWeight: (weight) => {
      limits.spend(weight);
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

const ENDPOINTS: ReadonlyMap<string, Endpoint> = new Map([
  [TICKER_PRICE_PATH, 'ticker'],
  [EXCHANGE_INFO_PATH, 'exchangeInfo'],
]);

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
