/**
 * What the fake does instead of answering normally. Each variant mirrors a failure the price service
 * must survive in production; the Binance bodies and headers follow
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/limits and the error payload shape
 * of https://developers.binance.com/docs/binance-spot-api-docs/errors.
 */
export type Fault =
  /** Answer normally, but only after `ms` milliseconds (an upstream slower than the caller's timeout). */
  | { readonly kind: 'delay'; readonly ms: number }
  /** Abort the TCP connection with an RST before any byte of the response. */
  | { readonly kind: 'reset' }
  /** A 5xx from Binance's side. */
  | { readonly kind: 'server-error'; readonly status: number }
  /** A 200 whose body is not JSON. */
  | { readonly kind: 'malformed-json' }
  /** 429: the IP's request weight is exhausted; `Retry-After` says when to come back. */
  | { readonly kind: 'rate-limited'; readonly retryAfterSeconds: number }
  /** 418: the IP is banned for ignoring 429s; `Retry-After` says when the ban ends. */
  | { readonly kind: 'ip-banned'; readonly retryAfterSeconds: number }
  /** 451: Binance refuses requests from restricted locations (the US among them). */
  | { readonly kind: 'geo-blocked' }
  /**
   * A 200 whose body is `bytes` long (a JSON object padded with spaces), sent in chunks as fast as the client
   * reads; with `contentLength` the length is announced in `Content-Length`, else the body is chunked.
   */
  | { readonly kind: 'oversized'; readonly bytes: number; readonly contentLength: boolean };

export type FaultKind = Fault['kind'];

const FAULT_KINDS: readonly FaultKind[] = [
  'delay',
  'reset',
  'server-error',
  'malformed-json',
  'rate-limited',
  'ip-banned',
  'geo-blocked',
  'oversized',
];

/** Turns untrusted JSON (the control endpoint's body) into a Fault, or explains what is wrong with it. */
export function parseFault(input: unknown): { ok: true; fault: Fault } | { ok: false; error: string } {
  if (typeof input !== 'object' || input === null) {
    return {
      ok: false,
      error: `a fault must be a JSON object with a "kind", received ${JSON.stringify(input)}`,
    };
  }
  const record = input as Record<string, unknown>;
  const kind = record.kind;
  const nonNegativeInteger = (field: string): number | string => {
    const value = record[field];
    return typeof value === 'number' && Number.isInteger(value) && value >= 0
      ? value
      : `fault "${String(kind)}" needs "${field}" as a non-negative integer, received ${JSON.stringify(value)}`;
  };
  switch (kind) {
    case 'reset':
    case 'malformed-json':
    case 'geo-blocked':
      return { ok: true, fault: { kind } };
    case 'delay': {
      const ms = nonNegativeInteger('ms');
      return typeof ms === 'string' ? { ok: false, error: ms } : { ok: true, fault: { kind, ms } };
    }
    case 'rate-limited':
    case 'ip-banned': {
      const retryAfterSeconds = nonNegativeInteger('retryAfterSeconds');
      return typeof retryAfterSeconds === 'string'
        ? { ok: false, error: retryAfterSeconds }
        : { ok: true, fault: { kind, retryAfterSeconds } };
    }
    case 'oversized': {
      const bytes = nonNegativeInteger('bytes');
      const contentLength = record.contentLength ?? false;
      if (typeof bytes === 'string') return { ok: false, error: bytes };
      if (typeof contentLength !== 'boolean') {
        return {
          ok: false,
          error: `fault "oversized" takes "contentLength" as true or false, received ${JSON.stringify(contentLength)}`,
        };
      }
      return { ok: true, fault: { kind, bytes, contentLength } };
    }
    case 'server-error': {
      const status = record.status ?? 500;
      return typeof status === 'number' && Number.isInteger(status) && status >= 500 && status <= 599
        ? { ok: true, fault: { kind, status } }
        : {
            ok: false,
            error: `fault "server-error" needs "status" between 500 and 599, received ${JSON.stringify(status)}`,
          };
    }
    default:
      return {
        ok: false,
        error: `unknown fault kind ${JSON.stringify(kind)}; use one of ${FAULT_KINDS.join(', ')}`,
      };
  }
}
