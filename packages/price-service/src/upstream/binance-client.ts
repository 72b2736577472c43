import { setTimeout as sleep } from 'node:timers/promises';
import { type Dispatcher, EnvHttpProxyAgent } from 'undici';
import type { ProxyConfig } from '../config.js';
import {
  EXCHANGE_INFO_PATH,
  EXCHANGE_INFO_TIMEOUT_MS,
  EXCHANGE_INFO_WEIGHT,
  TICKER_PRICE_PATH,
  TICKER_WEIGHT,
} from './binance-api.js';
import { DispatchGate } from './dispatch-gate.js';
import { classifySymbolList, type SymbolListResult } from './symbol-list-result.js';
import { classifyResponse, type TickerResult } from './ticker-result.js';
import { oversizedBody, type UpstreamFailure } from './upstream-failure.js';

export type Endpoint = 'ticker' | 'exchangeInfo';

/** One request that went out to Binance, reported as it ends (metrics, and the request thread's budget). */
export interface UpstreamAttempt {
  readonly endpoint: Endpoint;
  readonly outcome: TickerResult['kind'] | SymbolListResult['kind'];
  /** The request weight Binance counts for this call. */
  readonly weight: number;
  /** `X-MBX-USED-WEIGHT-1M` of the answer: this IP's weight in the current minute, every task's calls included. */
  readonly usedWeight?: number;
  /** For a 429 or 418: the seconds Binance asked for. */
  readonly retryAfterSeconds?: number;
  /** The second attempt of a lookup, which the request thread did not set weight aside for. */
  readonly retry: boolean;
}

export interface BinanceClientOptions {
  readonly baseUrl: string;
  readonly connectTimeoutMs: number;
  /** Budget for a whole price lookup, the retry included. */
  readonly timeoutMs: number;
  readonly proxy: ProxyConfig;
  /** A ticker body longer than this is cut off (UPSTREAM_MAX_BODY_BYTES). */
  readonly maxBodyBytes: number;
  /** An exchangeInfo body longer than this is cut off (EXCHANGE_INFO_MAX_BYTES). */
  readonly exchangeInfoMaxBytes: number;
  /** Called after every request that went out. */
  readonly onAttempt?: (attempt: UpstreamAttempt) => void;
}

export interface BinanceClient {
  /** Never rejects: every outcome, failures included, is a TickerResult. */
  fetchPrice(symbol: string): Promise<TickerResult>;
  /** The trading symbols from exchangeInfo; never rejects. */
  fetchSymbols(): Promise<SymbolListResult>;
  close(): Promise<void>;
}

/** Full jitter over this window before the single retry, so tasks that failed together do not retry together. */
const RETRY_JITTER_MS = 100;
/** No retry when less than this would be left of the budget: it could only end in a timeout. */
const MIN_RETRY_BUDGET_MS = 100;
/** Requests in flight at once; more wait in the dispatch gate, where a 429 or their deadline can stop them. */
export const MAX_IN_FLIGHT = 32;

interface RequestSpec<R> {
  readonly endpoint: Endpoint;
  readonly path: string;
  readonly weight: number;
  readonly maxBodyBytes: number;
  readonly maxBodyVariable: string;
  readonly timeoutMs: number;
  readonly timeoutVariable: string;
  readonly classify: (status: number, retryAfter: string | undefined, body: string, now: number) => R;
}

export function createBinanceClient(options: BinanceClientOptions): BinanceClient {
  // One keep-alive pool per origin; the proxy variables are passed explicitly ('' = none) so that undici
  // does not read a second, unvalidated copy of them from process.env.
  const dispatcher = new EnvHttpProxyAgent({
    httpsProxy: options.proxy.httpsProxy,
    httpProxy: options.proxy.httpProxy,
    noProxy: options.proxy.noProxy,
    connections: MAX_IN_FLIGHT,
    connect: { timeout: options.connectTimeoutMs },
  });
  const gate = new DispatchGate(MAX_IN_FLIGHT);

  const attempt = async <R extends { readonly kind: string }>(
    spec: RequestSpec<R>,
    deadline: AbortSignal,
    retry: boolean,
  ): Promise<R | UpstreamFailure> => {
    const admission = await gate.admit(deadline);
    if (admission.kind === 'backing-off') return backingOff(admission.retryAfterSeconds);
    if (admission.kind === 'expired') return queuedTooLong(spec);
    let result: R | UpstreamFailure;
    let usedWeight: number | undefined;
    try {
      const response = await dispatcher.request({
        origin: options.baseUrl,
        path: spec.path,
        method: 'GET',
        headers: { accept: 'application/json', 'user-agent': 'moat-price-service' },
        signal: deadline,
      });
      usedWeight = parseUsedWeight(header(response.headers, 'x-mbx-used-weight-1m'));
      const body = await readCapped(response, spec.maxBodyBytes);
      result =
        body === undefined
          ? oversizedBody(response.statusCode, spec.maxBodyBytes, spec.maxBodyVariable)
          : spec.classify(response.statusCode, header(response.headers, 'retry-after'), body, Date.now());
    } catch (error) {
      result = classifyTransportError(error, deadline, spec, options.connectTimeoutMs);
    } finally {
      admission.release();
    }
    const retryAfterSeconds =
      result.kind === 'rate-limited' ? (result as UpstreamFailure).retryAfterSeconds : undefined;
    if (retryAfterSeconds !== undefined) gate.backOff(retryAfterSeconds);
    options.onAttempt?.({
      endpoint: spec.endpoint,
      outcome: result.kind as UpstreamAttempt['outcome'],
      weight: spec.weight,
      retry,
      ...(usedWeight === undefined ? {} : { usedWeight }),
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    });
    return result;
  };

  const exchangeInfo: RequestSpec<SymbolListResult> = {
    endpoint: 'exchangeInfo',
    path: EXCHANGE_INFO_PATH,
    weight: EXCHANGE_INFO_WEIGHT,
    maxBodyBytes: options.exchangeInfoMaxBytes,
    maxBodyVariable: 'EXCHANGE_INFO_MAX_BYTES',
    timeoutMs: EXCHANGE_INFO_TIMEOUT_MS,
    timeoutVariable: 'the exchangeInfo timeout',
    classify: classifySymbolList,
  };

  return {
    async fetchPrice(symbol) {
      const started = performance.now();
      const deadline = AbortSignal.timeout(options.timeoutMs);
      const ticker: RequestSpec<TickerResult> = {
        endpoint: 'ticker',
        path: `${TICKER_PRICE_PATH}?symbol=${encodeURIComponent(symbol)}`,
        weight: TICKER_WEIGHT,
        maxBodyBytes: options.maxBodyBytes,
        maxBodyVariable: 'UPSTREAM_MAX_BODY_BYTES',
        timeoutMs: options.timeoutMs,
        timeoutVariable: 'UPSTREAM_TIMEOUT_MS',
        classify: (status, retryAfter, body, now) => classifyResponse(symbol, status, retryAfter, body, now),
      };
      const first = await attempt(ticker, deadline, false);
      if (!('retryable' in first) || !first.retryable) return first;
      const backoffMs = Math.random() * RETRY_JITTER_MS;
      const leftMs = options.timeoutMs - (performance.now() - started);
      if (leftMs - backoffMs < MIN_RETRY_BUDGET_MS) return first;
      await sleep(backoffMs);
      return attempt(ticker, deadline, true);
    },
    fetchSymbols: () => attempt(exchangeInfo, AbortSignal.timeout(EXCHANGE_INFO_TIMEOUT_MS), false),
    close: () => dispatcher.close(),
  };
}

/**
 * The body as text, or undefined if it is longer than `maxBytes`: a Content-Length over the cap is refused
 * unread, and a body without one is read only up to the cap. Either way the stream is destroyed, which
 * closes the connection instead of reading the rest into memory.
 */
async function readCapped(response: Dispatcher.ResponseData, maxBytes: number): Promise<string | undefined> {
  const announced = Number(header(response.headers, 'content-length'));
  if (announced > maxBytes) {
    response.body.destroy();
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    // Leaving the loop destroys the stream.
    if (size > maxBytes) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

function header(headers: Dispatcher.ResponseData['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseUsedWeight(value: string | undefined): number | undefined {
  return value !== undefined && /^\d+$/.test(value.trim()) ? Number(value) : undefined;
}

function backingOff(retryAfterSeconds: number): UpstreamFailure {
  return {
    kind: 'rate-limited',
    detail: `Binance asked this service's IP address to back off; no upstream call is made for another ${retryAfterSeconds} s. Retry after that.`,
    retryAfterSeconds,
    retryable: false,
  };
}

function queuedTooLong(spec: RequestSpec<unknown>): UpstreamFailure {
  return {
    kind: 'timeout',
    detail: `No request to Binance could be sent within ${spec.timeoutMs} ms (${spec.timeoutVariable}): the service already had ${MAX_IN_FLIGHT} in flight. Try again shortly.`,
    retryable: false,
  };
}

const UNREACHABLE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

function classifyTransportError(
  error: unknown,
  deadline: AbortSignal,
  spec: RequestSpec<unknown>,
  connectTimeoutMs: number,
): UpstreamFailure {
  const code = errorCode(error);
  if (deadline.aborted || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return {
      kind: 'timeout',
      detail: `Binance did not answer within ${spec.timeoutMs} ms (${spec.timeoutVariable}). Try again shortly.`,
      retryable: false,
    };
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT') {
    // Nothing was sent, so a second attempt is safe if the budget allows one.
    return {
      kind: 'timeout',
      detail: `No connection to Binance within ${connectTimeoutMs} ms (UPSTREAM_CONNECT_TIMEOUT_MS). Try again shortly.`,
      retryable: true,
    };
  }
  if (code !== undefined && UNREACHABLE_CODES.has(code)) {
    return {
      kind: 'unreachable',
      detail: `The connection to Binance failed (${code}). Try again shortly.`,
      retryable: true,
    };
  }
  return {
    kind: 'unreachable',
    detail: `The request to Binance failed: ${error instanceof Error ? error.message : String(error)}`,
    retryable: false,
  };
}

function errorCode(error: unknown): string | undefined {
  for (let current: unknown = error; typeof current === 'object' && current !== null; ) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'string') return code;
    current = cause;
  }
  return undefined;
}
