import { describeConfigIssues, parseConfig } from './config.js';
import { BatchedLineWriter } from './log-writer.js';
import { createLogger } from './logger.js';
import { assembleService } from './service.js';
import { createWorkerBinanceClient } from './upstream/worker-binance-client.js';

const parsed = parseConfig(process.env);
if (!parsed.ok) {
  process.stderr.write(describeConfigIssues(parsed.issues));
  process.exit(1);
}
const { config } = parsed;

const logStream = new BatchedLineWriter(process.stdout);
// process.exit runs 'exit' listeners synchronously; stdout to a file or pipe is written synchronously on Linux.
process.on('exit', () => logStream.flush());
const log = createLogger(config.logLevel, logStream);

const app = assembleService({
  settings: config,
  // Upstream calls run in a worker thread; worker-binance-client.ts says why.
  createClient: (onAttempt) =>
    createWorkerBinanceClient({
      baseUrl: config.binanceBaseUrl,
      connectTimeoutMs: config.upstreamConnectTimeoutMs,
      timeoutMs: config.upstreamTimeoutMs,
      proxy: config.proxy,
      maxBodyBytes: config.upstreamMaxBodyBytes,
      exchangeInfoMaxBytes: config.exchangeInfoMaxBytes,
      onAttempt,
      onWorkerError: (error) => log.error({ err: error }, 'upstream worker failed; its lookups answered 502'),
    }),
  log,
  logStream,
});

// 0.0.0.0: in a container (and behind an ALB or NLB) the service must answer on the task's interface.
const address = await app.listen({ port: config.port, host: '0.0.0.0' });
log.info(
  {
    address,
    binanceBaseUrl: config.binanceBaseUrl,
    cacheTtlMs: config.cacheTtlMs,
    upstreamTimeoutMs: config.upstreamTimeoutMs,
    upstreamWeightPerMinute: config.upstreamWeightPerMinute,
    clientSharePercent: config.clientSharePercent,
    trustedProxies: config.trustedProxies,
    proxied: config.proxy.httpsProxy !== '' || config.proxy.httpProxy !== '',
  },
  'listening',
);

// ECS sends SIGTERM after the task leaves the target group; Ctrl-C sends SIGINT. Either way: fail
// readiness, stop accepting, close the connections no request holds (idle, silent, half-sent), let
// in-flight requests finish, exit 0 — or exit 1 if the drain overruns.
// A second signal (npm forwards the terminal's SIGINT, so node sees it twice) must not cut the drain short.
let draining = false;
const drain = (signal: NodeJS.Signals): void => {
  if (draining) return;
  draining = true;
  log.info({ signal, shutdownTimeoutMs: config.shutdownTimeoutMs }, 'draining');
  const overrun = setTimeout(() => {
    log.error({ shutdownTimeoutMs: config.shutdownTimeoutMs }, 'drain overran SHUTDOWN_TIMEOUT_MS; exiting');
    process.exit(1);
  }, config.shutdownTimeoutMs);
  overrun.unref();
  app.close().then(
    () => {
      log.info('drained');
      process.exit(0);
    },
    (error: unknown) => {
      log.error({ err: error }, 'drain failed');
      process.exit(1);
    },
  );
};
process.on('SIGTERM', drain);
process.on('SIGINT', drain);
