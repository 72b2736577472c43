import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultConfig, findStep, synthesizeStep } from '@moat/infra';
import { writeHubAssembly } from './generate-hub.js';
import { type MeasureOptions, measureInterleaved } from './measure.js';
import { type BenchCase, formatReport, type RuleTimes } from './report.js';
import { timeEachInvariant } from './time-invariants.js';
import { timedVerify, type VerifyPhase } from './timed-verify.js';

/**
 * `npm run bench -w @moat/analyzer`: how long `moat verify` takes on step 10 and on generated hubs of 200, 400
 * and 1,000 spokes, all in this one process, so the figures compare as ratios on whatever machine runs them.
 * Accepted (issues 4 and 11): step 10 and the 1,000-spoke hub under a second of wall-clock time; the 400-spoke
 * hub within 2.2 times the 200-spoke hub.
 */

const COMMAND = 'npm run bench -w @moat/analyzer';
const HUB_SIZES = [200, 400, 1000] as const;
/** Bounded: rounds stop after `minRuns` once the budget is spent, so the benchmark takes a couple of minutes at most. */
const RUNS: MeasureOptions = { warmupRuns: 1, minRuns: 3, maxRuns: 11, budgetMs: 30_000 };

const step10 = findStep(10);
if (step10 === undefined) throw new Error('@moat/infra has no step 10 to benchmark');

const workspace = mkdtempSync(join(tmpdir(), 'moat-bench-'));
try {
  // Synthesis and generation are set-up, not the work measured.
  const step10Directory = synthesizeStep({
    step: step10,
    config: defaultConfig,
    outdir: join(workspace, 'step-10'),
    nag: false,
  }).outdir;
  const cases: { readonly label: string; readonly directory: string }[] = [
    { label: 'step 10', directory: step10Directory },
    ...HUB_SIZES.map((spokes) => ({
      label: `hub, ${spokes} spokes`,
      directory: writeHubAssembly(join(workspace, `hub-${spokes}`), spokes),
    })),
  ];

  const measurements = measureInterleaved(
    cases.map(
      ({ directory }) =>
        () =>
          timedVerify(directory).times,
    ),
    RUNS,
  );
  const results: BenchCase<VerifyPhase>[] = cases.map(({ label, directory }, index) => {
    const { resources, holds } = timedVerify(directory);
    const measurement = measurements[index];
    if (measurement === undefined) throw new Error(`no measurement of ${label}`);
    return { label, resources, holds, measurement };
  });
  const ruleTimes: RuleTimes[] = cases.slice(1).map(({ label, directory }) => ({
    label,
    msByRule: timeEachInvariant(directory),
  }));

  process.stdout.write(
    formatReport({
      command: COMMAND,
      machine: `node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'})`,
      runs: RUNS,
      cases: results,
      ruleTimes,
    }),
  );
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
