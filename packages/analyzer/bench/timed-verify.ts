import {
  buildModel,
  checkFlows,
  checkInvariants,
  loadAssembly,
  simulateAzLoss,
  standardFlows,
} from '@moat/analyzer';
import { type Elapsed, type PhaseTimes, timed } from './measure.js';

export type VerifyPhase = 'load' | 'model' | 'flows' | 'invariants' | 'azLoss';

export interface TimedVerification {
  readonly times: PhaseTimes<VerifyPhase>;
  /** True when every standard flow holds, no invariant reports an error and every flow survives each AZ loss. */
  readonly holds: boolean;
  readonly resources: number;
}

/**
 * What `moat verify` does to a cloud assembly, phase by phase, with the time each phase took: read the
 * templates, build the model, trace the standard flows, check the invariants, and re-check the flows with
 * each Availability Zone lost.
 */
export function timedVerify(directory: string): TimedVerification {
  const load = timed(() => loadAssembly(directory));
  const model = timed(() => buildModel(load.result));
  const flows = timed(() => checkFlows(model.result, standardFlows(model.result)));
  const invariants = timed(() => checkInvariants(model.result));
  const azLoss = timed(() => simulateAzLoss(model.result));
  return {
    times: {
      load: elapsed(load),
      model: elapsed(model),
      flows: elapsed(flows),
      invariants: elapsed(invariants),
      azLoss: elapsed(azLoss),
    },
    holds:
      flows.result.every((flow) => flow.holds) &&
      invariants.result.every((finding) => finding.severity !== 'error') &&
      azLoss.result.every((zone) => zone.survives),
    resources: load.result.stacks.reduce(
      (sum, stack) => sum + Object.keys(stack.template.Resources).length,
      0,
    ),
  };
}

/** The times alone: samples must not keep the models alive. */
const elapsed = ({ cpuMs, wallMs }: Elapsed): Elapsed => ({ cpuMs, wallMs });
