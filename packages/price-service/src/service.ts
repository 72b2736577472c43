import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { ServiceConfig } from './config.js';
import type { LineSink } from './log-writer.js';
import type { Logger } from './logger.js';
import { Metrics } from './metrics.js';
import { PriceSource } from './price-source.js';
import { SymbolDirectory } from './symbol-directory.js';
import type { BinanceClient, UpstreamAttempt } from './upstream/binance-client.js';
import { REFUSAL_REASONS, UpstreamBudget } from './upstream-budget.js';

export type ServiceSettings = Pick<
  ServiceConfig,
  | 'cacheTtlMs'
  | 'keepAliveTimeoutMs'
  | 'headersTimeoutMs'
  | 'upstreamWeightPerMinute'
  | 'clientSharePercent'
  | 'trustedProxies'
  | 'symbolsRefreshMs'
  | 'symbolsReadyTimeoutMs'
>;

export interface ServiceParts {
  readonly settings: ServiceSettings;
  /** The Binance client, told where to report each request that goes out (the worker client in production). */
  readonly createClient: (onAttempt: (attempt: UpstreamAttempt) => void) => BinanceClient;
  readonly log: Logger;
  readonly logStream: LineSink;
}

/**
 * The whole service without a listening socket: the Binance client, the upstream budget every call is
 * paid from, the symbol list (its first fetch starts now), the price source and the Fastify app, with the
 * metrics of all of them. Closing the app stops the list's refreshes and the client.
 */
export function assembleService(parts: ServiceParts): FastifyInstance {
  const { settings, log } = parts;
  const metrics = new Metrics();
  const budget = new UpstreamBudget({
    weightPerMinute: settings.upstreamWeightPerMinute,
    clientSharePercent: settings.clientSharePercent,
  });
  const client = parts.createClient((attempt) => {
    metrics.recordUpstreamAttempt(attempt);
    budget.observe(attempt);
  });
  const symbols = new SymbolDirectory({
    fetchSymbols: () => client.fetchSymbols(),
    budget,
    refreshMs: settings.symbolsRefreshMs,
    readyTimeoutMs: settings.symbolsReadyTimeoutMs,
    onRefresh: (outcome, detail) => {
      if (outcome === 'loaded') log.info({ symbols: symbols.size() }, 'symbol list loaded');
      else log.warn({ outcome, detail }, 'symbol list not loaded; the last good list stays in use');
    },
  });
  metrics.observe({
    name: 'price_service_upstream_budget_weight_available',
    help: 'Request weight this process may still spend at Binance now (its token bucket; negative after a refresh borrowed).',
    type: 'gauge',
    samples: () => [['', Math.floor(budget.available())]],
  });
  metrics.observe({
    name: 'price_service_upstream_budget_refusals_total',
    help: 'Lookups answered without a call to Binance because a budget or Binance said no, by reason.',
    type: 'counter',
    samples: () => REFUSAL_REASONS.map((reason) => [`reason="${reason}"`, budget.refusals(reason)] as const),
  });
  metrics.observe({
    name: 'price_service_upstream_ip_weight_used',
    help: "This IP address's request weight in the current minute, as Binance last reported it (X-MBX-USED-WEIGHT-1M).",
    type: 'gauge',
    samples: () => [['', budget.ipWeightUsed()]],
  });
  metrics.observe({
    name: 'price_service_symbols_listed',
    help: 'Symbols in the list of symbols Binance trades (0 while none is loaded).',
    type: 'gauge',
    samples: () => [['', symbols.size()]],
  });

  const app = buildApp({
    prices: new PriceSource(client, { cacheTtlMs: settings.cacheTtlMs, symbols, budget }),
    readiness: () => symbols.readiness(),
    metrics,
    keepAliveTimeoutMs: settings.keepAliveTimeoutMs,
    headersTimeoutMs: settings.headersTimeoutMs,
    trustedProxies: settings.trustedProxies,
    log,
    logStream: parts.logStream,
  });
  app.addHook('onClose', async () => {
    symbols.stop();
    await client.close();
  });
  symbols.start();
  return app;
}
