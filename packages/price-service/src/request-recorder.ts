import type { LineSink } from './log-writer.js';
import type { Metrics } from './metrics.js';
import { type RequestLogFields, requestLogLine } from './request-log-line.js';

/** The route label of requests answered before Fastify's router: the HTTP parser's rejects, a missing Host, … */
export const REJECTED_ROUTE = 'rejected';

/** Every answer, from a route or from the HTTP edge, is counted in the metrics and written as one log line. */
export type RequestRecorder = (fields: RequestLogFields) => void;

export function createRequestRecorder(
  metrics: Metrics,
  logStream: LineSink,
  writesRequestLines: boolean,
): RequestRecorder {
  return (fields) => {
    metrics.recordRequest(
      { method: fields.method, route: fields.route, status: fields.status },
      fields.latencyMs / 1000,
    );
    if (writesRequestLines) logStream.write(requestLogLine(fields));
  };
}
