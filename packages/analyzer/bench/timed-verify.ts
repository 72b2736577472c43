import { buildModel, loadAssembly, verifyModel } from '@moat/analyzer';
import { type Elapsed, type PhaseTimes, timed } from './measure.js';

export type VerifyPhase = 'load' | 'model' | 'verify';

export interface TimedVerification {
  readonly times: PhaseTimes<VerifyPhase>;
  /** The verdict of `verifyModel`: every standard flow holds, no invariant error, every AZ loss survived. */
  readonly holds: boolean;
  readonly resources: number;
}

/**
 * What `moat verify` does to a cloud assembly, phase by phase, with the time each phase took: read the
 * templates, build the model, then `verifyModel` (standard flows, invariants, and the flows again with each
 * Availability Zone lost). `timeEachInvariant` breaks the invariants down further.
 */
export function timedVerify(directory: string): TimedVerification {
  const load = timed(() => loadAssembly(directory));
  const model = timed(() => buildModel(load.result));
  const verification = timed(() => verifyModel(model.result));
  return {
    times: { load: elapsed(load), model: elapsed(model), verify: elapsed(verification) },
    holds: verification.result.holds,
    resources: load.result.stacks.reduce(
      (sum, stack) => sum + Object.keys(stack.template.Resources).length,
      0,
    ),
  };
}

/** The times alone: samples must not keep the models alive. */
const elapsed = ({ cpuMs, wallMs }: Elapsed): Elapsed => ({ cpuMs, wallMs });
