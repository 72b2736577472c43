import {
  type Acknowledgement,
  type Verification as ModelVerification,
  readTemplateAcknowledgements,
  verifyModel,
} from '@moat/analyzer';
import type { MoatConfig } from '@moat/infra';
import { moatStepOf } from './assembly-step.js';
import { configFlows, type FlowConfig, type SkippedFlow } from './config-flows.js';
import type { AnalysisInput } from './inputs.js';

/** The analyzer's verification, plus what the config and the templates said that could not be applied. */
export interface Verification extends ModelVerification {
  /** Flows of the config that do not apply to this assembly, with the reason. */
  readonly skippedFlows: readonly SkippedFlow[];
  /** Acknowledgements in template metadata that cannot be used (no reason, a reason too short...). */
  readonly acknowledgementProblems: readonly string[];
}

/** What the config adds to a verification: its flows, the service's routes and its acknowledgements. */
export type VerificationConfig = FlowConfig & Pick<MoatConfig, 'acknowledge'>;

/**
 * The standard flows (Moat's service for a Moat step or with a config; else derived from what the templates
 * contain) and the flows the config asks for (when there is one), every invariant with the
 * acknowledgements of the config and of the templates' metadata applied, and the loss of each AZ.
 */
export function verifyInput(input: AnalysisInput, config?: VerificationConfig): Verification {
  const step = moatStepOf(input.assembly);
  const { expectations, skipped } =
    config === undefined ? { expectations: [], skipped: [] } : configFlows(input.model, config, step);
  const fromTemplates = readTemplateAcknowledgements(input.assembly);
  const fromConfig = (config?.acknowledge ?? []).map(
    (entry, index): Acknowledgement => ({
      rule: entry.rule,
      resource: { kind: 'name', name: entry.resource },
      reason: entry.reason,
      origin: `acknowledge[${index}] of the config`,
    }),
  );
  return {
    ...verifyModel(input.model, expectations, {
      ...(config === undefined ? {} : { serviceRoutes: config.service.routes }),
      design: config === undefined && step === undefined ? 'derived' : 'moat',
      acknowledgements: [...fromConfig, ...fromTemplates.acknowledgements],
    }),
    skippedFlows: skipped,
    acknowledgementProblems: fromTemplates.problems,
  };
}
