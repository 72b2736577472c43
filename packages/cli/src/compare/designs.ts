import { join } from 'node:path';
import { compareCosts } from '@moat/analyzer';
import type { MoatConfig, Step } from '@moat/infra';
import { UsageError } from '../command.js';
import { analyzeStep } from '../plan/analyze-step.js';
import { stepAssemblyDir } from '../plan/layout.js';
import { flowDifferences } from './flow-outcomes.js';
import { type ComparisonSummary, type DesignSummary, summarizeDesign } from './summary.js';

/** A design: a config, named by a letter in the order given (A, B, C…). */
export interface Design {
  readonly label: string;
  /** The config file, or "embedded default". */
  readonly config: string;
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
): DesignSummary {
  const outdir = designAssemblyDir(outDir, design.label, step.id);
  const analysis = analyzeStep({ step, config, outdir, ...(synthesized ? { synthesized } : {}) });
  if (analysis === undefined) throw noAwsResources(step);
  return summarizeDesign({ ...design, region: config.region }, analysis);
}

function noAwsResources(step: Pick<Step, 'id' | 'slug' | 'summary'>): UsageError {
  return new UsageError(
    `step ${step.id} ${step.slug} has no AWS resources to compare (${step.summary}); choose step 2 or later, such as --step 7`,
  );
}

/**
 * The designs side by side: each one's cost against the first's (each priced in its own region: a region is
 * one of a design's choices), and the flows they disagree on.
 */
export function compareDesigns(
  step: Pick<Step, 'id' | 'slug'>,
  designs: readonly DesignSummary[],
): ComparisonSummary {
  const [first, ...others] = designs;
  if (first === undefined) throw new Error('compareDesigns needs at least one design');
  const differences = flowDifferences(designs);
  return {
    step: { id: step.id, slug: step.slug },
    flowsAgree: differences.length === 0,
    flowDifferences: differences,
    designs,
    costChanges: others.map((design) => ({
      design: design.label,
      against: first.label,
      change: compareCosts(first.cost, design.cost, { acrossRegions: true }),
    })),
  };
}
