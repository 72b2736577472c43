/** What one upstream lookup came to. Failures carry a detail meant for the client and the logs. */
export type TickerResult =
  | { readonly kind: 'price'; readonly price: string; readonly upstreamStatus: number }
  | { readonly kind: 'unknown-symbol'; readonly upstreamStatus: number }
  | UpstreamFailure;

export type UpstreamFailureKind =
  | 'timeout'
  | 'unreachable'
  | 'server-error'
  | 'unexpected-status'
  | 'malformed'
  | 'rate-limited'
  | 'geo-blocked';

export interface UpstreamFailure {
  readonly kind: UpstreamFailureKind;
  readonly detail: string;
  readonly upstreamStatus?: number;
  /** For rate-limited: seconds before the next upstream call is allowed. */
  readonly retryAfterSeconds?: number;
  /** True when another attempt may succeed and cannot do harm (the request is an idempotent GET). */
  readonly retryable: boolean;
}

/** Binance's price is a decimal string; it is passed through untouched, never parsed to a float. */
const DECIMAL = /^\d+(?:\.\d+)?$/;

/**
 * When a 429/418 comes without a usable Retry-After, wait a full minute: Binance's request-weight window.
 * Source: https://developers.binance.com/docs/binance-spot-api-docs/rest-api/limits
 */
export const FALLBACK_RETRY_AFTER_SECONDS = 60;

/** Binance's error code for a symbol it does not list. Source: https://developers.binance.com/docs/binance-spot-api-docs/errors */
const INVALID_SYMBOL_CODE = -1121;

/** Classifies a complete upstream answer. `body` is the raw text: parsing happens here, once. */
export function classifyResponse(
  symbol: string,
  status: number,
  retryAfterHeader: string | undefined,
  body: string,
  now: number,
): TickerResult {
  if (status === 200) {
    const parsed = parseJson(body);
    if (
      isRecord(parsed) &&
      parsed.symbol === symbol &&
      typeof parsed.price === 'string' &&
      DECIMAL.test(parsed.price)
    ) {
      return { kind: 'price', price: parsed.price, upstreamStatus: status };
    }
    return {
      kind: 'malformed',
      detail: `Binance answered 200 with a body that is not a price for ${symbol}: ${clip(body)}`,
      upstreamStatus: status,
      retryable: false,
    };
  }
  if (status === 429 || status === 418) {
    const retryAfterSeconds = parseRetryAfter(retryAfterHeader, now) ?? FALLBACK_RETRY_AFTER_SECONDS;
    const why = status === 418 ? 'banned this IP address' : 'rate-limited this IP address';
    return {
      kind: 'rate-limited',
      detail: `Binance ${why} (HTTP ${status}); the service makes no upstream call for ${retryAfterSeconds} s. Retry after that.`,
      upstreamStatus: status,
      retryAfterSeconds,
      retryable: false,
    };
  }
  if (status === 451) {
    return {
      kind: 'geo-blocked',
      detail:
        'Binance refuses requests from this location (HTTP 451, geo-block). Run the service in a region Binance serves, e.g. eu-central-1.',
      upstreamStatus: status,
      retryable: false,
    };
  }
  if (status === 400) {
    const parsed = parseJson(body);
    if (isRecord(parsed) && parsed.code === INVALID_SYMBOL_CODE)
      return { kind: 'unknown-symbol', upstreamStatus: status };
  }
  if (status >= 500) {
    return {
      kind: 'server-error',
      detail: `Binance answered HTTP ${status}. Try again shortly.`,
      upstreamStatus: status,
      retryable: true,
    };
  }
  return {
    kind: 'unexpected-status',
    detail: `Binance answered HTTP ${status}: ${clip(body)}`,
    upstreamStatus: status,
    retryable: false,
  };
}

/** Retry-After is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | undefined, now: number): number | undefined {
  if (header === undefined) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clip(text: string): string {
  return JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}…` : text);
}
