import { type FakeBinance, startFakeBinance } from '@moat/fake-binance';
import { buildApp } from '../../src/app.js';
import type { LogLevel } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { Metrics } from '../../src/metrics.js';
import { PriceSource } from '../../src/price-source.js';
import { createTickerClient } from '../../src/upstream/ticker-client.js';

export interface RunningService {
  /** e.g. http://127.0.0.1:40321 */
  readonly url: string;
  readonly binance: FakeBinance;
  /** Parsed JSON log lines written so far. */
  readonly logs: Record<string, unknown>[];
  readonly keepAliveTimeoutMs: number;
  readonly headersTimeout: number;
  close(): Promise<void>;
}

export interface ServiceOptions {
  readonly cacheTtlMs?: number;
  readonly upstreamTimeoutMs?: number;
  readonly logLevel?: LogLevel;
}

/** The real app, the real undici client and the fake, each on its own 127.0.0.1 socket. */
export async function startService(options: ServiceOptions = {}): Promise<RunningService> {
  const binance = await startFakeBinance();
  const metrics = new Metrics();
  const client = createTickerClient({
    baseUrl: binance.url,
    connectTimeoutMs: 500,
    timeoutMs: options.upstreamTimeoutMs ?? 1_000,
    proxy: { httpsProxy: '', httpProxy: '', noProxy: '' },
    onAttempt: (result) => metrics.recordUpstreamCall(result.kind),
  });
  const logs: Record<string, unknown>[] = [];
  const logStream = { write: (line: string) => logs.push(JSON.parse(line) as Record<string, unknown>) };
  const app = buildApp({
    prices: new PriceSource(client, { cacheTtlMs: options.cacheTtlMs ?? 1_000 }),
    metrics,
    keepAliveTimeoutMs: 65_000,
    headersTimeoutMs: 66_000,
    log: createLogger(options.logLevel ?? 'info', logStream),
    logStream,
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    binance,
    logs,
    keepAliveTimeoutMs: app.server.keepAliveTimeout,
    headersTimeout: app.server.headersTimeout,
    close: async () => {
      await app.close();
      await client.close();
      await binance.close();
    },
  };
}

export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly requestId: string;
}

/** GET a path and read its body as JSON, keeping status and headers. */
export async function get(
  url: string,
  init?: RequestInit,
): Promise<{ status: number; headers: Headers; body: unknown; text: string }> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body, text };
}
