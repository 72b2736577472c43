import {
  type Verification as ModelVerification,
  type NetworkModel,
  verifyModel as verify,
} from '@moat/analyzer';
import type { MoatConfig } from '@moat/infra';
import { configFlows, type SkippedFlow } from './config-flows.js';

/** The analyzer's verification, plus the flows of the config that do not apply to this model. */
export interface Verification extends ModelVerification {
  readonly skippedFlows: readonly SkippedFlow[];
}

/** The standard flows, the config's own flows, every invariant and the loss of each AZ. */
export function verifyModel(model: NetworkModel, userFlows: MoatConfig['flows'] = []): Verification {
  const { expectations, skipped } = configFlows(model, userFlows);
  return { ...verify(model, expectations), skippedFlows: skipped };
}
