import type { CostDelta, CostReport } from '@moat/analyzer';
import { countFindings, type FindingCounts } from '../finding-counts.js';
import { type FlowSummary, summarizeFlows } from '../plan/summary.js';
import type { Verification } from '../verification.js';
import type { FlowDifference } from './flow-outcomes.js';

/**
 * Designs side by side at one step: what `moat compare` prints (as text, or as is with `--json`) and what the
 * report's Designs tab shows.
 */
export interface ComparisonSummary {
  readonly step: { readonly id: number; readonly slug: string };
  /** False when a flow is as expected in one design and not in another: `moat compare` then exits 1. */
  readonly flowsAgree: boolean;
  readonly flowDifferences: readonly FlowDifference[];
  readonly designs: readonly DesignSummary[];
  /** Each design after the first, line by line against the first. */
  readonly costChanges: readonly DesignCostChange[];
}

export interface DesignSummary {
  /** A, B, C… in the order the configs were given. */
  readonly label: string;
  /** The config file, or "embedded default". */
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

export interface DesignCostChange {
  readonly design: string;
  readonly against: string;
  readonly change: CostDelta;
}

/** One design at the compared step, from its verification and its cost. */
export function summarizeDesign(
  design: { readonly label: string; readonly config: string; readonly region: string },
  analysis: { readonly assemblyDir: string; readonly verification: Verification; readonly cost: CostReport },
): DesignSummary {
  const { verification, cost } = analysis;
  return {
    ...design,
    assembly: analysis.assemblyDir,
    holds: verification.holds,
    flows: summarizeFlows(verification),
    findings: countFindings(verification.findings),
    azLoss: {
      survived: verification.azLoss.filter((loss) => loss.survives).length,
      total: verification.azLoss.length,
      required: verification.highlyAvailable,
    },
    monthlyUsd: cost.totalUsd,
    monthlyComplete: cost.complete,
    cost,
  };
}
