/** What the one log line per request carries (SPEC: request id, route, status, latency, upstream status, cache). */
export interface RequestLogFields {
  readonly requestId: string;
  readonly method: string;
  readonly route: string;
  readonly status: number;
  readonly latencyMs: number;
  readonly upstreamStatus: number | undefined;
  readonly cache: string | undefined;
  readonly traceId: string | undefined;
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
  let line = `{"level":30,"time":"${isoTime()}","service":"price-service","requestId":${JSON.stringify(fields.requestId)},"method":${JSON.stringify(fields.method)},"route":${JSON.stringify(fields.route)},"status":${fields.status},"latencyMs":${fields.latencyMs}`;
  if (fields.upstreamStatus !== undefined) line += `,"upstreamStatus":${fields.upstreamStatus}`;
  if (fields.cache !== undefined) line += `,"cache":${JSON.stringify(fields.cache)}`;
  if (fields.traceId !== undefined) line += `,"traceId":${JSON.stringify(fields.traceId)}`;
  return `${line},"msg":"request"}\n`;
}
