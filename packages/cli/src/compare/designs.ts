import { join } from 'node:path';
import { type CostDelta, type CostReport, compareCosts } from '@moat/analyzer';
import type { MoatConfig, Step } from '@moat/infra';
import { UsageError } from '../command.js';
import { analyzeStep, type StepAnalysis } from '../plan/analyze-step.js';
import { stepAssemblyDir } from '../plan/layout.js';
import type { StepInfo } from '../plan/run-plan.js';
import type { Verification } from '../verification.js';

/** A design: a config file, named by a letter in the order given (A, B, C…). */
export interface Design {
  readonly label: string;
  /** The config as given (a path, or "embedded default"). */
  readonly config: string;
}

/** One design at the compared step: its verification and its monthly cost. */
export interface DesignResult extends Design {
  readonly region: string;
  readonly assemblyDir: string;
  readonly verification: Verification;
  readonly cost: CostReport;
}

/**
 * A flow the designs disagree on: as expected in some, not in others. Flows are matched by name (a design in
 * another region reaches other endpoints under the same name); a design keeps a flow when every flow of that
 * name is as expected (aws-services is one per interface endpoint), and breaks it when one is not. A design
 * that does not check the flow at all (a config flow it skips) counts on neither side.
 */
export interface FlowDifference {
  readonly flow: string;
  readonly keptBy: readonly string[];
  readonly brokenBy: readonly BrokenFlow[];
}

export interface BrokenFlow {
  readonly label: string;
  /** The dispositions of the flows of that name that are not as expected, each once. */
  readonly actual: readonly string[];
  readonly expected: string;
}

export interface DesignCostChange {
  readonly label: string;
  readonly delta: CostDelta;
}

export interface Comparison {
  readonly step: StepInfo;
  readonly designs: readonly DesignResult[];
  /** Each design after the first, line by line against the first. */
  readonly costChanges: readonly DesignCostChange[];
  readonly flowDifferences: readonly FlowDifference[];
}

/** The most designs one comparison takes: one letter each. */
export const MAX_DESIGNS = 26;

export const designLabel = (index: number): string => String.fromCharCode('A'.charCodeAt(0) + index);

/** Where a design's assembly goes under `--out`: `DIR/designs/B/steps/7`. */
export const designAssemblyDir = (outDir: string, label: string, stepId: number): string =>
  stepAssemblyDir(join(outDir, 'designs', label), stepId);

/** Synthesizes, verifies and prices one design at `step`, as `moat plan` does each step. */
export function analyzeDesign(
  design: Design,
  config: MoatConfig,
  step: Step,
  outDir: string,
  synthesized?: () => void,
): DesignResult {
  const outdir = designAssemblyDir(outDir, design.label, step.id);
  const analysis = analyzeStep({ step, config, outdir, ...(synthesized ? { synthesized } : {}) });
  if (analysis === undefined) throw noAwsResources(step);
  return designResult(design, config.region, analysis);
}

export function designResult(
  design: Design,
  region: string,
  analysis: Pick<StepAnalysis, 'assemblyDir' | 'verification' | 'cost'>,
): DesignResult {
  const { assemblyDir, verification, cost } = analysis;
  return { ...design, region, assemblyDir, verification, cost };
}

export function noAwsResources(step: Step): UsageError {
  return new UsageError(
    `step ${step.id} ${step.slug} has no AWS resources to compare (${step.summary}); choose step 2 or later, such as --step 7`,
  );
}

/**
 * The designs side by side: each one's cost against the first's (each priced in its own region: a region is
 * one of a design's choices), and the flows they disagree on.
 */
export function compareDesigns(step: StepInfo, designs: readonly DesignResult[]): Comparison {
  const [first, ...others] = designs;
  if (first === undefined) throw new Error('compareDesigns needs at least one design');
  return {
    step,
    designs,
    costChanges: others.map((design) => ({
      label: design.label,
      delta: compareCosts(first.cost, design.cost, { acrossRegions: true }),
    })),
    flowDifferences: flowDifferences(designs),
  };
}

/** How a design ends the flows of one name: kept, or broken with the dispositions not as expected. */
export type FlowOutcome =
  | { readonly kept: true }
  | { readonly kept: false; readonly actual: readonly string[]; readonly expected: string };

/** Undefined when the design checks no flow of that name. */
export function flowOutcome(verification: Verification, name: string): FlowOutcome | undefined {
  const results = verification.flows.filter((flow) => flow.expectation.name === name);
  const broken = results.filter((flow) => !flow.holds);
  const [first] = broken;
  if (results.length === 0) return undefined;
  if (first === undefined) return { kept: true };
  return {
    kept: false,
    actual: [...new Set(broken.map((flow) => flow.trace.disposition))],
    expected: first.expectation.expected,
  };
}

/** The names of the flows a design breaks, each once, in its order. */
export function brokenFlowNames(verification: Verification): readonly string[] {
  return [...new Set(verification.flows.filter((flow) => !flow.holds).map((flow) => flow.expectation.name))];
}

/** The flows some designs keep (as expected) and others break, in the order the designs check them. */
export function flowDifferences(
  designs: readonly Pick<DesignResult, 'label' | 'verification'>[],
): readonly FlowDifference[] {
  const names = [
    ...new Set(designs.flatMap((design) => design.verification.flows.map((flow) => flow.expectation.name))),
  ];
  return names.flatMap((flow): FlowDifference[] => {
    const keptBy: string[] = [];
    const brokenBy: BrokenFlow[] = [];
    for (const { label, verification } of designs) {
      const outcome = flowOutcome(verification, flow);
      if (outcome?.kept === true) keptBy.push(label);
      else if (outcome !== undefined)
        brokenBy.push({ label, actual: outcome.actual, expected: outcome.expected });
    }
    return keptBy.length > 0 && brokenBy.length > 0 ? [{ flow, keptBy, brokenBy }] : [];
  });
}
