/** How an upstream call (ticker or exchangeInfo) failed, with a detail meant for the client and the logs. */
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
  /** The status Binance answered with; absent when no answer came (or no call was made). */
  readonly upstreamStatus?: number;
  /** For rate-limited: seconds before the next upstream call is allowed. */
  readonly retryAfterSeconds?: number;
  /** True when another attempt may succeed and cannot do harm (the request is an idempotent GET). */
  readonly retryable: boolean;
}

/**
 * When a 429/418 comes without a usable Retry-After, wait a full minute: Binance's request-weight window.
 * Source: https://developers.binance.com/docs/binance-spot-api-docs/rest-api/limits
 */
export const FALLBACK_RETRY_AFTER_SECONDS = 60;

/**
 * The answers Binance gives any endpoint when something is wrong: 429/418 (rate limit, IP ban), 451
 * (geo-block), 5xx. Undefined for a status the endpoint's own classifier must read (200, 400).
 * Source: https://developers.binance.com/docs/binance-spot-api-docs/rest-api/general-api-information
 */
export function classifyFailureStatus(
  status: number,
  retryAfterHeader: string | undefined,
  now: number,
): UpstreamFailure | undefined {
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
  if (status >= 500) {
    return {
      kind: 'server-error',
      detail: `Binance answered HTTP ${status}. Try again shortly.`,
      upstreamStatus: status,
      retryable: true,
    };
  }
  return undefined;
}

export function unexpectedStatus(status: number, body: string): UpstreamFailure {
  return {
    kind: 'unexpected-status',
    detail: `Binance answered HTTP ${status}: ${clip(body)}`,
    upstreamStatus: status,
    retryable: false,
  };
}

/** A body longer than the configured cap: cut off unread, so a runaway answer cannot fill the memory. */
export function oversizedBody(status: number, maxBytes: number, variable: string): UpstreamFailure {
  return {
    kind: 'malformed',
    detail: `Binance answered HTTP ${status} with a body over ${maxBytes} bytes (${variable}); the service stopped reading it.`,
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

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function clip(text: string): string {
  return JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}…` : text);
}
