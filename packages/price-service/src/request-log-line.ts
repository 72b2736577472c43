/**
 * What the one log line per request carries (SPEC: request id, route, status, latency, upstream status, cache).
 * requestId, method, route and cache are tokens the service made or checked (an id of hex digits or one matching
 * request-id.ts's SAFE_REQUEST_ID, an HTTP method Node's parser accepted, a registered route, a cache outcome):
 * no quotes, backslashes or control characters, so they are written without escaping. traceId is the
 * caller's text and is always escaped.
 */
export interface RequestLogFields {
  readonly requestId: string;
  readonly method: string;
  readonly route: string;
  readonly status: number;
  /** From the request's arrival to its answer; the line shows it rounded to hundredths of a millisecond. */
  readonly latencyMs: number;
  readonly upstreamStatus: number | undefined;
  readonly cache: string | undefined;
  readonly traceId: string | undefined;
  /** Why the request was answered before it reached a route: the HTTP parser's code, or what was missing. */
  readonly rejection?: string | undefined;
}

let isoTimeMs = Number.NaN;
let isoTimeText = '';

/**
 * The time as ISO 8601 UTC, e.g. 2026-11-27T05:07:41.123Z. Under load many lines share a millisecond, so
 * the text is made once per millisecond: formatting a Date is a third of the cost of a whole request line.
 */
export function isoTime(): string {
  const now = Date.now();
  if (now !== isoTimeMs) {
    isoTimeMs = now;
    isoTimeText = new Date(now).toISOString();
  }
  return isoTimeText;
}

/**
 * The request line as pino would write it at info level (same fields, same order, level 30, msg "request"),
 * built as one template instead of pino's walk over an object. It is the only line written on every request,
 * so it skips pino; the rare lines (startup, errors, drain) still go through pino. Fields that are undefined
 * are left out, as JSON.stringify and pino do.
 */
export function requestLogLine(fields: RequestLogFields): string {
  let line = `{"level":30,"time":"${isoTime()}","service":"price-service","requestId":"${fields.requestId}","method":"${fields.method}","route":"${fields.route}","status":${fields.status},"latencyMs":${hundredths(fields.latencyMs)}`;
  if (fields.upstreamStatus !== undefined) line += `,"upstreamStatus":${fields.upstreamStatus}`;
  if (fields.cache !== undefined) line += `,"cache":"${fields.cache}"`;
  if (fields.traceId !== undefined) line += `,"traceId":${JSON.stringify(fields.traceId)}`;
  if (fields.rejection !== undefined) line += `,"rejection":${JSON.stringify(fields.rejection)}`;
  return `${line},"msg":"request"}\n`;
}

/**
 * A non-negative `value` rounded to hundredths, written as JavaScript writes the rounded number (0.42, 1.5,
 * 3), from integers: a double's shortest decimal form costs about three times as much, on every request line.
 */
export function hundredths(value: number): string {
  const scaled = Math.round(value * 100);
  const whole = Math.trunc(scaled / 100);
  const fraction = scaled - whole * 100;
  if (fraction === 0) return `${whole}`;
  if (fraction % 10 === 0) return `${whole}.${fraction / 10}`;
  return `${whole}.${fraction < 10 ? '0' : ''}${fraction}`;
}
