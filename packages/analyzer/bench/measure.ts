/**
 * Repeated timing of several cases: warm-up runs first (JIT, caches), then rounds that run every case once, within
 * a budget. Interleaving spreads any change in the machine's load over all cases alike, so their ratios hold.
 *
 * Phases are timed in CPU time of this process (`process.cpuUsage`, user + system, GC threads included) as well
 * as wall-clock time: on a shared machine other processes stretch the wall clock of one run and not the next,
 * while the CPU time the work needs stays put, so ratios of CPU times are the ones to trust.
 */

export interface MeasureOptions {
  /** Untimed runs of each case before the first round. */
  readonly warmupRuns: number;
  /** Rounds stop at this count... */
  readonly maxRuns: number;
  /** ...or once this much wall-clock time went into rounds, but never before `minRuns`. */
  readonly budgetMs: number;
  readonly minRuns: number;
}

export interface Elapsed {
  readonly cpuMs: number;
  readonly wallMs: number;
}

/** One run: the time each phase took. */
export type PhaseTimes<Phase extends string> = Readonly<Record<Phase, Elapsed>>;

export interface Measurement<Phase extends string> {
  readonly runs: number;
  /** The median CPU time of each phase and of their sum, in ms. */
  readonly cpuMs: Readonly<Record<Phase | 'total', number>>;
  /** The median wall-clock time of a whole run, in ms. */
  readonly wallMs: number;
}

export function measureInterleaved<Phase extends string>(
  runs: readonly (() => PhaseTimes<Phase>)[],
  options: MeasureOptions,
): Measurement<Phase>[] {
  for (const run of runs) for (let i = 0; i < options.warmupRuns; i += 1) run();
  const samples = runs.map((): PhaseTimes<Phase>[] => []);
  const start = performance.now();
  for (
    let round = 0;
    round < options.minRuns || (round < options.maxRuns && performance.now() - start < options.budgetMs);
    round += 1
  ) {
    for (const [index, run] of runs.entries()) samples[index]?.push(run());
  }
  return samples.map(summarise);
}

function summarise<Phase extends string>(samples: readonly PhaseTimes<Phase>[]): Measurement<Phase> {
  const first = samples[0];
  if (first === undefined) throw new Error('measureInterleaved: minRuns must be at least 1');
  const phases = Object.keys(first) as Phase[];
  const sum = (sample: PhaseTimes<Phase>, of: keyof Elapsed) =>
    phases.reduce((total, phase) => total + sample[phase][of], 0);
  const cpuMs = Object.fromEntries([
    ...phases.map((phase) => [phase, median(samples.map((sample) => sample[phase].cpuMs))]),
    ['total', median(samples.map((sample) => sum(sample, 'cpuMs')))],
  ]) as Record<Phase | 'total', number>;
  return { runs: samples.length, cpuMs, wallMs: median(samples.map((sample) => sum(sample, 'wallMs'))) };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? Number.NaN) + upper) / 2;
}

/** Runs `work` and returns its result with the CPU and wall-clock time it took. */
export function timed<T>(work: () => T): Elapsed & { readonly result: T } {
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  const result = work();
  const cpu = process.cpuUsage(cpuStart);
  return { result, cpuMs: (cpu.user + cpu.system) / 1000, wallMs: performance.now() - wallStart };
}
