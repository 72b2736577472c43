import type { Disposition } from '@moat/analyzer';
import type { ComparisonSummary } from '../compare/summary.js';
import { countFindings, type FindingCounts } from '../finding-counts.js';
import type { Verification } from '../verification.js';
import type { Disruption, UpdateBehaviour } from './resource-changes.js';
import type { PlanResult, StepResult } from './run-plan.js';

/**
 * The short, machine-readable account of a plan: what `moat plan --json` prints and what the report
 * embeds for tools. Diagrams and full traces stay in their files and in the report itself.
 */
export interface PlanSummary {
  readonly report: string;
  readonly region: string;
  readonly holds: boolean;
  readonly steps: readonly StepSummary[];
  /** With `moat plan --compare`: the plan's config (A) and the others side by side at its last step. */
  readonly designs?: ComparisonSummary;
}

export type StepSummary =
  | { readonly id: number; readonly slug: string; readonly kind: 'local'; readonly holds: true }
  | {
      readonly id: number;
      readonly slug: string;
      readonly kind: 'analyzed';
      readonly holds: boolean;
      readonly assembly: string;
      readonly diagrams: readonly string[];
      readonly flows: readonly FlowSummary[];
      readonly findings: FindingCounts;
      readonly monthlyUsd: string;
      /** False when a line could not be priced: `monthlyUsd` is then the known part, a lower bound. */
      readonly monthlyComplete: boolean;
      /** Against `previousStepId`; absent for the first analyzed step. */
      readonly monthlyChangeUsd?: string;
      readonly previousStepId?: number;
      readonly resources: { readonly added: number; readonly removed: number; readonly modified: number };
      /** What deploying this step over `previousStepId` replaces or interrupts, and the flows that cuts. */
      readonly disruptions: readonly DisruptionSummary[];
    };

export interface DisruptionSummary {
  readonly stack: string;
  readonly logicalId: string;
  readonly type: string;
  readonly update: UpdateBehaviour;
  /** The changed properties that cause it (in-place ones left out). */
  readonly properties: readonly { readonly name: string; readonly update: UpdateBehaviour }[];
  readonly interrupts: readonly string[];
}

export interface FlowSummary {
  readonly name: string;
  readonly expected: Disposition;
  readonly actual: Disposition;
  readonly holds: boolean;
}

export function summarizePlan(plan: PlanResult, report: string, designs?: ComparisonSummary): PlanSummary {
  return {
    report,
    region: plan.region,
    holds: plan.holds,
    steps: plan.steps.map(summarizeStep),
    ...(designs === undefined ? {} : { designs }),
  };
}

function summarizeStep(result: StepResult): StepSummary {
  const { id, slug } = result.step;
  if (result.kind === 'local') return { id, slug, kind: 'local', holds: true };
  const { verification, cost, costChange, changes } = result;
  return {
    id,
    slug,
    kind: 'analyzed',
    holds: verification.holds,
    assembly: result.assemblyDir,
    diagrams: result.diagram.files,
    flows: summarizeFlows(verification),
    findings: countFindings(verification.findings),
    monthlyUsd: cost.totalUsd,
    monthlyComplete: cost.complete,
    ...(costChange === undefined
      ? {}
      : { monthlyChangeUsd: costChange.changeUsd, previousStepId: result.previousStepId }),
    resources: {
      added: changes.added.length,
      removed: changes.removed.length,
      modified: changes.modified.length,
    },
    disruptions: result.disruptions.map(summarizeDisruption),
  };
}

/** Each flow's name, its expected and actual disposition, and whether they agree. */
export function summarizeFlows(verification: Verification): readonly FlowSummary[] {
  return verification.flows.map((flow) => ({
    name: flow.expectation.name,
    expected: flow.expectation.expected,
    actual: flow.trace.disposition,
    holds: flow.holds,
  }));
}

function summarizeDisruption({ resource, interrupts }: Disruption): DisruptionSummary {
  const { stack, logicalId, type, update } = resource;
  return {
    stack,
    logicalId,
    type,
    update,
    properties: resource.properties.filter((property) => property.update !== 'no-interruption'),
    interrupts,
  };
}
