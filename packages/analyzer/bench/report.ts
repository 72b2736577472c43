import type { Measurement, MeasureOptions } from './measure.js';

/**
 * The acceptance of issues 4 and 11: step 10 and the largest hub (1,000 spokes) verify in under a second of wall-clock
 * time; 400 spokes cost at most 2.2× 200 spokes.
 */
const WALL_LIMIT_MS = 1000;
const DOUBLING_LIMIT = 2.2;
/** How many of the slowest invariants the breakdown lists. */
const SLOWEST_RULES = 5;

export interface BenchCase<Phase extends string> {
  readonly label: string;
  readonly resources: number;
  readonly holds: boolean;
  readonly measurement: Measurement<Phase>;
}

export interface RuleTimes {
  readonly label: string;
  readonly msByRule: ReadonlyMap<string, number>;
}

export interface BenchReport<Phase extends string> {
  readonly command: string;
  readonly machine: string;
  readonly runs: MeasureOptions;
  /** Step 10 first (the baseline), then the smaller hub, the larger one (twice its spokes), then any bigger hubs. */
  readonly cases: readonly BenchCase<Phase>[];
  /** Each invariant timed once per hub, smaller hub first. */
  readonly ruleTimes: readonly RuleTimes[];
}

export function formatReport<Phase extends string>(report: BenchReport<Phase>): string {
  const [baseline, smaller, larger, ...bigger] = report.cases;
  if (baseline === undefined || smaller === undefined || larger === undefined) {
    throw new Error('formatReport needs three cases: step 10, the smaller hub, the larger hub');
  }
  const columns = Object.keys(baseline.measurement.cpuMs) as (Phase | 'total')[];
  const header = ['case', 'resources', 'holds', 'runs', ...columns, 'wall', '× step 10'];
  const rows = report.cases.map(({ label, resources, holds, measurement }) => [
    label,
    String(resources),
    holds ? 'yes' : 'NO',
    String(measurement.runs),
    ...columns.map((column) => milliseconds(measurement.cpuMs[column])),
    milliseconds(measurement.wallMs),
    ratio(measurement.cpuMs.total / baseline.measurement.cpuMs.total),
  ]);
  const growthOf = (of: (measurement: Measurement<Phase>) => number) =>
    of(larger.measurement) / of(smaller.measurement);
  rows.push([
    `${larger.label} ÷ ${smaller.label}`,
    '',
    '',
    '',
    ...columns.map((column) => ratio(growthOf((measurement) => measurement.cpuMs[column]))),
    ratio(growthOf((measurement) => measurement.wallMs)),
    '',
  ]);

  const growth = growthOf((measurement) => measurement.cpuMs.total);
  const { warmupRuns, minRuns, maxRuns, budgetMs } = report.runs;
  return [
    'Analyzer benchmark: load + model + verifyModel (standard flows, invariants, AZ loss)',
    `${report.machine}; ${warmupRuns} warm-up run(s), then ${minRuns} to ${maxRuns} interleaved rounds within ${budgetMs / 1000} s`,
    'Medians in ms of CPU time per phase and in total, and of wall-clock time per run (wall); ratios of CPU time.',
    '',
    table([header, ...rows]),
    '',
    ...[baseline, ...bigger].map(
      ({ label, measurement }) =>
        `${label} verifies in ${milliseconds(measurement.wallMs)} ms wall-clock: ${verdict(measurement.wallMs < WALL_LIMIT_MS)} (accepted: under ${WALL_LIMIT_MS} ms)`,
    ),
    `${larger.label} takes ${ratio(growth)} ${smaller.label}: ${verdict(growth <= DOUBLING_LIMIT)} (accepted: at most ${DOUBLING_LIMIT}×)`,
    '',
    ...ruleBreakdown(report.ruleTimes),
    `command: ${report.command}`,
    '',
  ].join('\n');
}

/** The invariants that took longest on the larger hub, with their growth from the smaller one. */
function ruleBreakdown(ruleTimes: readonly RuleTimes[]): string[] {
  const [smaller, larger] = ruleTimes;
  if (smaller === undefined || larger === undefined) return [];
  const slowest = [...larger.msByRule.entries()].sort((a, b) => b[1] - a[1]).slice(0, SLOWEST_RULES);
  return [
    'Slowest invariants (median CPU ms of 3 runs each, warm process):',
    table([
      ['rule', smaller.label, larger.label, 'growth'],
      ...slowest.map(([rule, largerMs]) => {
        const smallerMs = smaller.msByRule.get(rule) ?? Number.NaN;
        return [rule, milliseconds(smallerMs), milliseconds(largerMs), ratio(largerMs / smallerMs)];
      }),
    ]),
    '',
  ];
}

const verdict = (met: boolean): string => (met ? 'met' : 'NOT MET');
const milliseconds = (ms: number): string => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0));
const ratio = (value: number): string => `${value.toFixed(2)}×`;

/** Left-aligned first column, right-aligned numbers. */
function table(rows: readonly (readonly string[])[]): string {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
        )
        .join('  '),
    )
    .join('\n');
}
