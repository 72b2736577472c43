/**
 * `npm run bench`: the service's cached path against a bare Fastify route, same load, same run; then the
 * flood of random symbols (flood.ts) and the hanging upstream (hanging-upstream.ts).
 * Both servers run as their own node processes on loopback (the service via its start command, logging
 * at info to /dev/null); autocannon runs here. The 10 s of each are split into alternating rounds, so a
 * change in the machine's other load hits both sides alike. Performance is reported, never asserted.
 */
import { startFakeBinance } from '@moat/fake-binance';
import autocannon from 'autocannon';
import { flood } from './flood.js';
import { hangingUpstream } from './hanging-upstream.js';
import { startProcess, stop } from './processes.js';

const CONNECTIONS = 64;
const DURATION_SECONDS = 10;
const ROUNDS = 5;
const WARM_UP_SECONDS = 1;
const CACHE_TTL_MS = 1_000;
/** Issue 12: the cached path, with the symbol check and the budget on it, keeps 0.8 of the bare route. */
const RATIO_BAR = 0.8;

interface Figures {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly failures: number;
}

/** One autocannon run of `seconds`; latency in ms. */
async function run(url: string, seconds: number) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds });
  return {
    requests: result.requests.total,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

/**
 * Alternates rounds between the targets. Rounds cannot merge percentiles exactly, so p50 is the median
 * of the rounds' p50s and p99 the worst round's p99.
 */
async function compare(
  urls: readonly [string, string],
): Promise<{ figures: [Figures, Figures]; roundRatios: number[] }> {
  for (const url of urls) await run(url, WARM_UP_SECONDS);
  const rounds: [Awaited<ReturnType<typeof run>>[], Awaited<ReturnType<typeof run>>[]] = [[], []];
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [index, url] of urls.entries()) rounds[index]?.push(await run(url, DURATION_SECONDS / ROUNDS));
  }
  const summarise = (runs: Awaited<ReturnType<typeof run>>[]): Figures => {
    const p50s = runs.map((r) => r.p50Ms).sort((a, b) => a - b);
    return {
      requestsPerSecond: runs.reduce((sum, r) => sum + r.requests, 0) / DURATION_SECONDS,
      p50Ms: p50s[Math.floor(p50s.length / 2)] ?? Number.NaN,
      p99Ms: Math.max(...runs.map((r) => r.p99Ms)),
      failures: runs.reduce((sum, r) => sum + r.failures, 0),
    };
  };
  // Each round's pair ran back to back, so their ratios show how much the machine moved within one run.
  const roundRatios = rounds[0].map(
    (first, index) => first.requests / (rounds[1][index]?.requests ?? Number.NaN),
  );
  return { figures: [summarise(rounds[0]), summarise(rounds[1])], roundRatios };
}

const binance = await startFakeBinance();
const service = await startProcess(
  ['dist/server.js'],
  { BINANCE_BASE_URL: binance.url, CACHE_TTL_MS: String(CACHE_TTL_MS) },
  '/price?symbol=BTCUSDT',
);
const bare = await startProcess(['--import', 'tsx', 'bench/bare-server.ts'], {}, '/price');
const callsBefore = binance.calls();
const started = performance.now();
const {
  figures: [cached, baseline],
  roundRatios,
} = await compare([`${service.url}/price?symbol=BTCUSDT`, `${bare.url}/price`]);
const loadSeconds = (performance.now() - started) / 1000;
const upstreamCalls = binance.calls() - callsBefore;
await Promise.all([stop(service.child), stop(bare.child)]);
await binance.close();

const ratio = cached.requestsPerSecond / baseline.requestsPerSecond;
const row = (name: string, f: Figures) =>
  `${name.padEnd(34)} ${f.requestsPerSecond.toFixed(0).padStart(8)} ${String(f.p50Ms).padStart(7)} ${String(f.p99Ms).padStart(7)} ${String(f.failures).padStart(9)}`;
const maxCalls = Math.ceil((loadSeconds * 1000) / CACHE_TTL_MS) + 1;

process.stdout.write(
  [
    `autocannon, ${CONNECTIONS} connections, ${DURATION_SECONDS} s per target in ${ROUNDS} alternating rounds (after a ${WARM_UP_SECONDS} s warm-up), Node ${process.version}`,
    `${'target'.padEnd(34)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'failures'.padStart(9)}`,
    row('price-service /price (cached)', cached),
    row('bare Fastify constant route', baseline),
    `throughput ratio (service / bare): ${ratio.toFixed(2)} (bar: ${RATIO_BAR}) ${ratio >= RATIO_BAR ? 'met' : 'NOT MET'}`,
    `ratio in each round, in order: ${roundRatios.map((r) => r.toFixed(2)).join(' ')}`,
    `upstream calls to the cached service during ${loadSeconds.toFixed(1)} s (both loads): ${upstreamCalls} (at most one per ${CACHE_TTL_MS} ms TTL: ${maxCalls}) ${upstreamCalls <= maxCalls ? 'met' : 'NOT MET'}`,
    '',
  ].join('\n'),
);
process.stdout.write(`${[...(await flood()), ...(await hangingUpstream())].join('\n')}\n`);
