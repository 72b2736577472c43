/**
 * Every ticker call hangs; 200 connections ask for distinct listed symbols for 10 s. Each lookup must end
 * as a 504 at UPSTREAM_TIMEOUT_MS, however many wait for one of the worker's 32 connections. The budget is
 * set to Binance's whole limit so that the timeouts, not the budget, answer.
 */
import { startFakeBinance } from '@moat/fake-binance';
import autocannon from 'autocannon';
import { startProcess, stop } from './processes.js';

const CONNECTIONS = 200;
const DURATION_SECONDS = 10;
const UPSTREAM_TIMEOUT_MS = 2_500;
/**
 * What "a small margin" is held to: the p99 of the 504s, from their arrival to their answer as the service
 * logs them, within the timeout plus this. The load generator's own figure is printed too; on a 2-core
 * machine it also holds the time the generator waits for a core while 200 connections answer at once.
 */
export const MARGIN_MS = 250;
const SYMBOLS = Array.from({ length: 5_000 }, (_, i) => `H${i}USDT`);

export async function hangingUpstream(): Promise<string[]> {
  const served: number[] = [];
  const binance = await startFakeBinance({
    prices: Object.fromEntries(SYMBOLS.map((symbol) => [symbol, '1.00000000'])),
    faults: [{ fault: { kind: 'delay', ms: 60_000 } }],
  });
  const service = await startProcess(
    ['dist/server.js'],
    {
      BINANCE_BASE_URL: binance.url,
      UPSTREAM_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS),
      UPSTREAM_WEIGHT_PER_MINUTE: '6000',
      UPSTREAM_CLIENT_SHARE_PERCENT: '100',
    },
    '/readyz',
    (line) => {
      // The service's own measure, from the request's arrival to its answer: no load generator in it.
      const entry = JSON.parse(line) as { msg?: string; status?: number; latencyMs?: number };
      if (entry.msg === 'request' && entry.status === 504 && entry.latencyMs !== undefined)
        served.push(entry.latencyMs);
    },
  );
  let next = 0;
  const latencies = new Map<number, number[]>();
  await autocannon({
    url: service.url,
    connections: CONNECTIONS,
    duration: DURATION_SECONDS,
    timeout: 30,
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          path: `/price?symbol=${SYMBOLS[next++ % SYMBOLS.length]}`,
        }),
      },
    ],
    setupClient: (client) =>
      client.on('response', (status, _bytes, ms) =>
        latencies.set(status, [...(latencies.get(status) ?? []), ms]),
      ),
  });
  await stop(service.child);
  await binance.close();
  const timeouts = (latencies.get(504) ?? []).sort((a, b) => a - b);
  const at = (sorted: number[], quantile: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] ?? Number.NaN;
  served.sort((a, b) => a - b);
  const servedP99 = at(served, 0.99);
  const others = [...latencies]
    .filter(([status]) => status !== 504)
    .map(([status, list]) => `${status} x${list.length}`);
  return [
    `hanging upstream: ${CONNECTIONS} connections for ${DURATION_SECONDS} s, UPSTREAM_TIMEOUT_MS ${UPSTREAM_TIMEOUT_MS}: 504 x${timeouts.length}${others.length > 0 ? `, ${others.join(', ')}` : ''}`,
    `504 latency seen by the load generator: p50 ${at(timeouts, 0.5).toFixed(0)} ms, p99 ${at(timeouts, 0.99).toFixed(0)} ms, max ${(timeouts.at(-1) ?? Number.NaN).toFixed(0)} ms`,
    `504 latency the service logged (arrival to answer): p50 ${at(served, 0.5).toFixed(0)} ms, p99 ${servedP99.toFixed(0)} ms, max ${(served.at(-1) ?? Number.NaN).toFixed(0)} ms (bar: p99 <= ${UPSTREAM_TIMEOUT_MS} + ${MARGIN_MS} ms) ${servedP99 <= UPSTREAM_TIMEOUT_MS + MARGIN_MS ? 'met' : 'NOT MET'}`,
  ];
}
