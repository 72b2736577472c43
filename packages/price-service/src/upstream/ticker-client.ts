import { setTimeout as sleep } from 'node:timers/promises';
import { type Dispatcher, EnvHttpProxyAgent } from 'undici';
import type { ProxyConfig } from '../config.js';
import { classifyResponse, type TickerResult, type UpstreamFailure } from './ticker-result.js';

export interface TickerClientOptions {
  readonly baseUrl: string;
  readonly connectTimeoutMs: number;
  /** Budget for the whole lookup, the retry included. */
  readonly timeoutMs: number;
  readonly proxy: ProxyConfig;
  /** Called after every upstream attempt (for metrics). */
  readonly onAttempt?: (result: TickerResult) => void;
}

export interface TickerClient {
  /** Never rejects: every outcome, failures included, is a TickerResult. */
  fetchPrice(symbol: string): Promise<TickerResult>;
  close(): Promise<void>;
}

export const TICKER_PRICE_PATH = '/api/v3/ticker/price';

/** Full jitter over this window before the single retry, so tasks that failed together do not retry together. */
const RETRY_JITTER_MS = 100;
/** No retry when less than this would be left of the budget: it could only end in a timeout. */
const MIN_RETRY_BUDGET_MS = 100;
/** Coalescing keeps upstream concurrency at one per symbol in flight; this bounds the pool all the same. */
const MAX_CONNECTIONS = 32;

export function createTickerClient(options: TickerClientOptions): TickerClient {
  // One keep-alive pool per origin; the proxy variables are passed explicitly ('' = none) so that undici
  // does not read a second, unvalidated copy of them from process.env.
  const dispatcher = new EnvHttpProxyAgent({
    httpsProxy: options.proxy.httpsProxy,
    httpProxy: options.proxy.httpProxy,
    noProxy: options.proxy.noProxy,
    connections: MAX_CONNECTIONS,
    connect: { timeout: options.connectTimeoutMs },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });

  const attempt = async (symbol: string, deadline: AbortSignal): Promise<TickerResult> => {
    try {
      const response = await dispatcher.request({
        origin: options.baseUrl,
        path: `${TICKER_PRICE_PATH}?symbol=${encodeURIComponent(symbol)}`,
        method: 'GET',
        headers: { accept: 'application/json', 'user-agent': 'moat-price-service' },
        signal: deadline,
      });
      const body = await response.body.text();
      return classifyResponse(
        symbol,
        response.statusCode,
        header(response.headers, 'retry-after'),
        body,
        Date.now(),
      );
    } catch (error) {
      return classifyTransportError(error, deadline, options);
    }
  };

  return {
    async fetchPrice(symbol) {
      const started = performance.now();
      const deadline = AbortSignal.timeout(options.timeoutMs);
      const first = await attempt(symbol, deadline);
      options.onAttempt?.(first);
      if (!('retryable' in first) || !first.retryable) return first;
      const backoffMs = Math.random() * RETRY_JITTER_MS;
      const leftMs = options.timeoutMs - (performance.now() - started);
      if (leftMs - backoffMs < MIN_RETRY_BUDGET_MS) return first;
      await sleep(backoffMs);
      const second = await attempt(symbol, deadline);
      options.onAttempt?.(second);
      return second;
    },
    close: () => dispatcher.close(),
  };
}

function header(headers: Dispatcher.ResponseData['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
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
  options: TickerClientOptions,
): UpstreamFailure {
  const code = errorCode(error);
  if (deadline.aborted || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return {
      kind: 'timeout',
      detail: `Binance did not answer within ${options.timeoutMs} ms (UPSTREAM_TIMEOUT_MS). Try again shortly.`,
      retryable: false,
    };
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT') {
    // Nothing was sent, so a second attempt is safe if the budget allows one.
    return {
      kind: 'timeout',
      detail: `No connection to Binance within ${options.connectTimeoutMs} ms (UPSTREAM_CONNECT_TIMEOUT_MS). Try again shortly.`,
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
