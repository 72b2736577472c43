import { type Logger, pino } from 'pino';
import type { LogLevel } from './config.js';
import type { LineSink } from './log-writer.js';
import { isoTime } from './request-log-line.js';

export type { Logger };

/**
 * The logger for the service's occasional lines: start-up, drain, unhandled errors, requests the HTTP
 * parser rejects. Fastify itself runs without a logger (with one, it attaches response listeners to every
 * request); the line per request is built by request-log-line.ts and written to the same sink, so all
 * lines keep their order.
 */
export function createLogger(level: LogLevel, sink: LineSink): Logger {
  return pino(
    { level, base: { service: 'price-service' }, timestamp: () => `,"time":"${isoTime()}"` },
    { write: (line: string) => sink.write(line) },
  );
}
