import {
  type Verification as ModelVerification,
  type NetworkModel,
  verifyModel as verify,
} from '@moat/analyzer';
import { configFlows, type FlowConfig, type SkippedFlow } from './config-flows.js';

/** The analyzer's verification, plus the flows of the config that do not apply to this model. */
export interface Verification extends ModelVerification {
  readonly skippedFlows: readonly SkippedFlow[];
}

/** The standard flows, the flows the config asks for (when there is one), every invariant and the loss of each AZ. */
export function verifyModel(model: NetworkModel, config?: FlowConfig): Verification {
  if (config === undefined) return { ...verify(model), skippedFlows: [] };
  const { expectations, skipped } = configFlows(model, config);
  return {
    ...verify(model, expectations, { serviceRoutes: config.service.routes }),
    skippedFlows: skipped,
  };
}
