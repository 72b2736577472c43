/**
 * `npm run bench` (packages/infra): the wall time to synthesize all steps in one process against one
 * step, in the same run, after a warm-up synthesis that pays the module loading and JIT once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultConfig } from '../src/config/index.js';
import { findStep } from '../src/steps/catalog.js';
import { synthesizeStep } from '../src/synthesize.js';
import { synthesizeAllSteps } from '../src/synthesize-all.js';

/** The single step measured: the largest (three stacks, firewall, API, WAF, RAM). */
const SINGLE_STEP = 10;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function timed(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

const step = findStep(SINGLE_STEP);
if (step === undefined) throw new Error(`no step ${SINGLE_STEP}`);
const root = mkdtempSync(join(tmpdir(), 'moat-bench-'));
try {
  synthesizeStep({ step, config: defaultConfig, outdir: join(root, 'warm-up') });
  const one = median(
    Array.from({ length: RUNS }, (_, run) =>
      timed(() => synthesizeStep({ step, config: defaultConfig, outdir: join(root, `one-${run}`) })),
    ),
  );
  const all = median(
    Array.from({ length: RUNS }, (_, run) =>
      timed(() => synthesizeAllSteps({ config: defaultConfig, outdir: join(root, `all-${run}`) })),
    ),
  );
  process.stdout.write(
    [
      `npm run bench (packages/infra): in-process synthesis, cdk-nag on, median of ${RUNS} runs (BENCH_RUNS)`,
      `  one step (${SINGLE_STEP}, ${step.slug}): ${Math.round(one)} ms`,
      `  all steps (2–10):         ${Math.round(all)} ms`,
      `  ratio all / one:          ${(all / one).toFixed(2)}`,
      '',
    ].join('\n'),
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
