import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { defaultConfig, steps } from '@moat/infra';
import { runPlan } from '../src/plan/run-plan.js';

/**
 * How long `moat plan` takes over every step, and where the time goes: synthesis against verify, cost
 * and diagrams, per step. The budget (SPEC: under 2 minutes on the 2-core CI machine, offline) is read
 * from this output, never asserted in a test.
 */
const outDir = await mkdtemp(join(tmpdir(), 'moat-plan-bench-'));
const marks: { message: string; at: number }[] = [];
const start = performance.now();
await runPlan({
  steps,
  config: defaultConfig,
  outDir,
  progress: (message) => marks.push({ message, at: performance.now() }),
});
const end = performance.now();
await rm(outDir, { recursive: true, force: true });

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
marks.forEach((mark, index) => {
  const next = marks[index + 1]?.at ?? end;
  process.stdout.write(`${seconds(next - mark.at).padStart(8)}  ${mark.message}\n`);
});
process.stdout.write(`${seconds(end - start).padStart(8)}  total (module loading excluded)\n`);
