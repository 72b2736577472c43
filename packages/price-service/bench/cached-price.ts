/**
 * `npm run bench`: the service's cached path against a bare Fastify route, same load, same run; then the
 * flood of random symbols (flood.ts) and the hanging upstream (hanging-upstream.ts).
 * Both servers run as their own node processes on loopback (the service via its start command, logging
 * at info to /dev/null); autocannon runs here. Each is warmed up first: V8 takes a few seconds of load to
 * optimise the service's longer path (rounds of 1 s after a 1 s warm-up went 0.60, 0.69, 0.70, then about
 * 0.8), and a task serves for hours. The 10 s of each are then split into rounds whose order alternates
 * (service first, then bare first), so a change in the machine's other load hits both sides alike.
 * Performance is reported, never asserted.
 */
import { startFakeBinance } from '@moat/fake-binance';
import autocannon from 'autocannon';
import { flood } from './flood.js';
import { hangingUpstream } from './hanging-upstream.js';
import { CLOCK_TICKS_PER_SECOND, cpuTicks, startProcess, stop } from './processes.js';

const CONNECTIONS = 64;
const DURATION_SECONDS = 10;
/** Even, so each target goes first in as many rounds as it goes second. */
const ROUNDS = 6;
const WARM_UP_SECONDS = 5;
const CACHE_TTL_MS = 1_000;
/** Issue 12: the cached path, with the symbol check and the budget on it, keeps 0.8 of the bare route. */
const RATIO_BAR = 0.8;

interface Figures {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly failures: number;
  /** The server process's CPU time (user + system) per request answered, in µs; NaN without /proc. */
  readonly cpuMicrosPerRequest: number;
}

interface Target {
  readonly url: string;
  readonly pid: number | undefined;
}

/** One autocannon run of `seconds`; latency in ms, the server's CPU time in clock ticks. */
async function run({ url, pid }: Target, seconds: number) {
  const ticksBefore = cpuTicks(pid);
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds });
  const ticksAfter = cpuTicks(pid);
  return {
    requests: result.requests.total,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
    cpuTicks: ticksBefore === undefined || ticksAfter === undefined ? Number.NaN : ticksAfter - ticksBefore,
  };
}

/**
 * Alternates rounds between the targets. Rounds cannot merge percentiles exactly, so p50 is the median
 * of the rounds' p50s and p99 the worst round's p99.
 */
async function compare(
  targets: readonly [Target, Target],
): Promise<{ figures: [Figures, Figures]; roundRatios: number[] }> {
  for (const target of targets) await run(target, WARM_UP_SECONDS);
  const rounds: [Awaited<ReturnType<typeof run>>[], Awaited<ReturnType<typeof run>>[]] = [[], []];
  for (let round = 0; round < ROUNDS; round += 1) {
    const order: readonly (0 | 1)[] = round % 2 === 0 ? [0, 1] : [1, 0];
    for (const index of order) rounds[index].push(await run(targets[index], DURATION_SECONDS / ROUNDS));
  }
  const summarise = (runs: Awaited<ReturnType<typeof run>>[]): Figures => {
    const p50s = runs.map((r) => r.p50Ms).sort((a, b) => a - b);
    const requests = runs.reduce((sum, r) => sum + r.requests, 0);
    const ticks = runs.reduce((sum, r) => sum + r.cpuTicks, 0);
    return {
      requestsPerSecond: requests / DURATION_SECONDS,
      p50Ms: p50s[Math.floor(p50s.length / 2)] ?? Number.NaN,
      p99Ms: Math.max(...runs.map((r) => r.p99Ms)),
      failures: runs.reduce((sum, r) => sum + r.failures, 0),
      cpuMicrosPerRequest: (ticks / (CLOCK_TICKS_PER_SECOND ?? Number.NaN) / requests) * 1e6,
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
} = await compare([
  { url: `${service.url}/price?symbol=BTCUSDT`, pid: service.child.pid },
  { url: `${bare.url}/price`, pid: bare.child.pid },
]);
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
    `autocannon, ${CONNECTIONS} connections, ${DURATION_SECONDS} s per target in ${ROUNDS} rounds of alternating order (after a ${WARM_UP_SECONDS} s warm-up each), Node ${process.version}`,
    `${'target'.padEnd(34)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'failures'.padStart(9)}`,
    row('price-service /price (cached)', cached),
    row('bare Fastify constant route', baseline),
    `throughput ratio (service / bare): ${ratio.toFixed(2)} (bar: ${RATIO_BAR}) ${ratio >= RATIO_BAR ? 'met' : 'NOT MET'}`,
    `ratio in each round, in order: ${roundRatios.map((r) => r.toFixed(2)).join(' ')}`,
    // Requests per second also measure how often the machine lets each server run; CPU time per request does not.
    `server CPU per request (user + system, /proc): service ${cached.cpuMicrosPerRequest.toFixed(1)} µs, bare ${baseline.cpuMicrosPerRequest.toFixed(1)} µs, ratio (bare / service) ${(baseline.cpuMicrosPerRequest / cached.cpuMicrosPerRequest).toFixed(2)}`,
    `upstream calls to the cached service during ${loadSeconds.toFixed(1)} s (both loads): ${upstreamCalls} (at most one per ${CACHE_TTL_MS} ms TTL: ${maxCalls}) ${upstreamCalls <= maxCalls ? 'met' : 'NOT MET'}`,
    '',
  ].join('\n'),
);
process.stdout.write(`${[...(await flood()), ...(await hangingUpstream())].join('\n')}\n`);
