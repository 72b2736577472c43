import type { CostDelta, CostReport } from '@moat/analyzer';
import { countFindings, type FindingCounts } from '../finding-counts.js';
import { type FlowSummary, summarizeFlows } from '../plan/summary.js';
import type { Comparison, DesignResult, FlowDifference } from './designs.js';

/** What `moat compare --json` prints and what the report's Designs section embeds for tools. */
export interface ComparisonSummary {
  readonly step: { readonly id: number; readonly slug: string };
  /** False when a flow is as expected in one design and not in another: `moat compare` then exits 1. */
  readonly flowsAgree: boolean;
  readonly flowDifferences: readonly FlowDifference[];
  readonly designs: readonly DesignSummary[];
  /** Each design after the first, line by line against the first. */
  readonly costChanges: readonly CostChangeSummary[];
}

export interface DesignSummary {
  readonly label: string;
  readonly config: string;
  readonly region: string;
  readonly assembly: string;
  /** Every flow as expected, no unacknowledged invariant error, every AZ loss survived when highly available. */
  readonly holds: boolean;
  readonly flows: readonly FlowSummary[];
  readonly findings: FindingCounts;
  readonly azLoss: AzLossSummary;
  readonly monthlyUsd: string;
  /** False when a line could not be priced: `monthlyUsd` is then the known part, a lower bound. */
  readonly monthlyComplete: boolean;
  readonly cost: CostReport;
}

export interface AzLossSummary {
  /** The AZs whose loss every accepted flow survives, out of `total`. */
  readonly survived: number;
  readonly total: number;
  /** True when the workload runs in several AZs, so that each loss must be survived. */
  readonly required: boolean;
}

export interface CostChangeSummary {
  readonly design: string;
  readonly against: string;
  readonly change: CostDelta;
}

export function summarizeComparison(comparison: Comparison): ComparisonSummary {
  const against = comparison.designs[0]?.label ?? '';
  return {
    step: { id: comparison.step.id, slug: comparison.step.slug },
    flowsAgree: comparison.flowDifferences.length === 0,
    flowDifferences: comparison.flowDifferences,
    designs: comparison.designs.map(summarizeDesign),
    costChanges: comparison.costChanges.map(({ label, delta }) => ({
      design: label,
      against,
      change: delta,
    })),
  };
}

function summarizeDesign(design: DesignResult): DesignSummary {
  const { verification, cost } = design;
  return {
    label: design.label,
    config: design.config,
    region: design.region,
    assembly: design.assemblyDir,
    holds: verification.holds,
    flows: summarizeFlows(verification),
    findings: countFindings(verification.findings),
    azLoss: summarizeAzLoss(verification),
    monthlyUsd: cost.totalUsd,
    monthlyComplete: cost.complete,
    cost,
  };
}

export function summarizeAzLoss({ azLoss, highlyAvailable }: DesignResult['verification']): AzLossSummary {
  return {
    survived: azLoss.filter((loss) => loss.survives).length,
    total: azLoss.length,
    required: highlyAvailable,
  };
}
