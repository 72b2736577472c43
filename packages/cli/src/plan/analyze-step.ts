import {
  type Assembly,
  buildModel,
  type CostReport,
  estimateCost,
  loadAssembly,
  type NetworkModel,
} from '@moat/analyzer';
import { type MoatConfig, type Step, synthesizeStep } from '@moat/infra';
import { type Verification, verifyInput } from '../verification.js';

/** One step of one config, synthesized, verified and priced: what `moat plan` and `moat compare` share. */
export interface StepAnalysis {
  readonly assemblyDir: string;
  readonly assembly: Assembly;
  readonly model: NetworkModel;
  readonly verification: Verification;
  readonly cost: CostReport;
}

export interface AnalyzeStepOptions {
  readonly step: Step;
  readonly config: MoatConfig;
  /** Where the step's cloud assembly is written. */
  readonly outdir: string;
  /** Called once the synthesis is done, before the analysis: for the terminal's progress lines. */
  readonly synthesized?: () => void;
}

/**
 * Synthesizes the step's assembly with the config, then verifies it (the config's flows and acknowledgements
 * included) and prices it in the config's region with its usage profile. Undefined for a step with no AWS
 * resources (step 1: the container on its own).
 */
export function analyzeStep({
  step,
  config,
  outdir,
  synthesized,
}: AnalyzeStepOptions): StepAnalysis | undefined {
  const { outdir: assemblyDir, stackIds } = synthesizeStep({ step, config, outdir });
  if (stackIds.length === 0) return undefined;
  synthesized?.();
  const assembly = loadAssembly(assemblyDir);
  const model = buildModel(assembly);
  const verification = verifyInput({ assembly, model }, config);
  const cost = estimateCost(model, { region: config.region, usage: config.cost.usage });
  return { assemblyDir, assembly, model, verification, cost };
}
