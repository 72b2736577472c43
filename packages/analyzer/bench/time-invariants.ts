import { buildModel, invariants, loadAssembly } from '@moat/analyzer';
import { median, timed } from './measure.js';

const RUNS_PER_RULE = 3;

/**
 * Each invariant's check, timed on a model of the assembly (median CPU ms of a few runs): where the invariants
 * phase spends its time. Rules that read traces share one tracing per model, which the first run of the first
 * such rule pays for.
 */
export function timeEachInvariant(directory: string): ReadonlyMap<string, number> {
  const model = buildModel(loadAssembly(directory));
  return new Map(
    invariants.map((rule) => [
      rule.id,
      median(Array.from({ length: RUNS_PER_RULE }, () => timed(() => rule.check(model)).cpuMs)),
    ]),
  );
}
