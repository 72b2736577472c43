import { buildModel, invariants, loadAssembly } from '@moat/analyzer';
import { timed } from './measure.js';

/**
 * Each invariant's check, timed once (CPU ms) on a model of the assembly: where the invariants phase spends its
 * time. Rules that read traces share one tracing per model; the first of them in id order pays for it.
 */
export function timeEachInvariant(directory: string): ReadonlyMap<string, number> {
  const model = buildModel(loadAssembly(directory));
  return new Map(invariants.map((rule) => [rule.id, timed(() => rule.check(model)).cpuMs]));
}
