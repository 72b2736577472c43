import { type FakeBinance, type FakeBinanceOptions, startFakeBinance } from '@moat/fake-binance';
import { DEFAULTS, type LogLevel } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { assembleService, type ServiceSettings } from '../../src/service.js';
import { createBinanceClient } from '../../src/upstream/binance-client.js';

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

export interface ServiceOptions extends Partial<ServiceSettings> {
  readonly upstreamTimeoutMs?: number;
  readonly upstreamMaxBodyBytes?: number;
  readonly logLevel?: LogLevel;
  readonly binance?: FakeBinanceOptions;
  /**
   * Wait for /readyz to answer 200 before resolving (the symbol list loaded), then drop the log lines of
   * the start (the readiness polls among them), so tests see only their own requests' lines. @default true
   */
  readonly waitUntilReady?: boolean;
}

/** The real app, the real undici client (on the test's thread) and the fake, each on its own 127.0.0.1 socket. */
export async function startService(options: ServiceOptions = {}): Promise<RunningService> {
  const binance = await startFakeBinance(options.binance);
  const logs: Record<string, unknown>[] = [];
  const logStream = { write: (line: string) => logs.push(JSON.parse(line) as Record<string, unknown>) };
  const app = assembleService({
    settings: {
      cacheTtlMs: options.cacheTtlMs ?? 1_000,
      keepAliveTimeoutMs: 65_000,
      headersTimeoutMs: 66_000,
      upstreamWeightPerMinute: options.upstreamWeightPerMinute ?? DEFAULTS.UPSTREAM_WEIGHT_PER_MINUTE,
      clientSharePercent: options.clientSharePercent ?? DEFAULTS.UPSTREAM_CLIENT_SHARE_PERCENT,
      trustedProxies: options.trustedProxies ?? [],
      symbolsRefreshMs: options.symbolsRefreshMs ?? DEFAULTS.SYMBOLS_REFRESH_MS,
      symbolsReadyTimeoutMs: options.symbolsReadyTimeoutMs ?? DEFAULTS.SYMBOLS_READY_TIMEOUT_MS,
    },
    createClient: (onAttempt) =>
      createBinanceClient({
        baseUrl: binance.url,
        connectTimeoutMs: 500,
        timeoutMs: options.upstreamTimeoutMs ?? 1_000,
        proxy: { httpsProxy: '', httpProxy: '', noProxy: '' },
        maxBodyBytes: options.upstreamMaxBodyBytes ?? DEFAULTS.UPSTREAM_MAX_BODY_BYTES,
        exchangeInfoMaxBytes: DEFAULTS.EXCHANGE_INFO_MAX_BYTES,
        onAttempt,
      }),
    log: createLogger(options.logLevel ?? 'info', logStream),
    logStream,
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  if (options.waitUntilReady ?? true) {
    await untilReady(url);
    logs.length = 0;
  }
  return {
    url,
    binance,
    logs,
    keepAliveTimeoutMs: app.server.keepAliveTimeout,
    headersTimeout: app.server.headersTimeout,
    close: async () => {
      await app.close();
      await binance.close();
    },
  };
}

async function untilReady(url: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if ((await fetch(`${url}/readyz`)).status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${url}/readyz did not answer 200 within 2 s`);
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
