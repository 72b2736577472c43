import { type CostDelta, type CostReport, compareCosts, type Diagram } from '@moat/analyzer';
import type { MoatConfig, Step } from '@moat/infra';
import { stepTitle, writeDiagram } from '../diagram-files.js';
import type { Verification } from '../verification.js';
import { analyzeStep } from './analyze-step.js';
import { stepAssemblyDir, stepDiagramFiles } from './layout.js';
import {
  type Disruption,
  diffResources,
  disruptions,
  listResources,
  type ResourceChanges,
} from './resource-changes.js';

export interface StepInfo {
  readonly id: number;
  readonly slug: string;
  readonly summary: string;
}

/** A step with no AWS resources (step 1: the container on its own), presented rather than analyzed. */
export interface LocalStep {
  readonly kind: 'local';
  readonly step: StepInfo;
}

export interface AnalyzedStep {
  readonly kind: 'analyzed';
  readonly step: StepInfo;
  readonly assemblyDir: string;
  readonly verification: Verification;
  readonly cost: CostReport;
  /** The step the changes and the cost change are measured from: the previous analyzed step, if any. */
  readonly previousStepId?: number;
  readonly costChange?: CostDelta;
  readonly changes: ResourceChanges;
  /** What the way here from the previous step replaces or interrupts, and which of its flows that cuts. */
  readonly disruptions: readonly Disruption[];
  /** The drawing and its legend for the report, and the files written (SVG and PNG, titled, with the legend). */
  readonly diagram: Diagram & { readonly files: readonly string[] };
}

export type StepResult = LocalStep | AnalyzedStep;

export interface PlanResult {
  readonly region: string;
  readonly steps: readonly StepResult[];
  /** True when every analyzed step holds: the exit code of `moat plan`. */
  readonly holds: boolean;
}

export interface PlanOptions {
  readonly steps: readonly Step[];
  readonly config: MoatConfig;
  readonly outDir: string;
  /** Called before each long part, for the terminal's progress lines. */
  readonly progress?: (message: string) => void;
}

/**
 * The main job: for each step, synthesize its assembly, then verify, price and draw it, and compare it
 * with the step before. Steps run one after the other, because each is compared with its predecessor.
 */
export async function runPlan(options: PlanOptions): Promise<PlanResult> {
  const { config, outDir, progress = () => {} } = options;
  const results: StepResult[] = [];
  let previous:
    | {
        id: number;
        resources: ReturnType<typeof listResources>;
        cost: CostReport;
        verification: Verification;
      }
    | undefined;
  for (const [index, step] of options.steps.entries()) {
    const info: StepInfo = { id: step.id, slug: step.slug, summary: step.summary };
    const label = `[${index + 1}/${options.steps.length}] step ${step.id} ${step.slug}`;
    progress(`${label}: synthesizing`);
    const analysis = analyzeStep({
      step,
      config,
      outdir: stepAssemblyDir(outDir, step.id),
      synthesized: () => progress(`${label}: verifying, pricing and drawing`),
    });
    if (analysis === undefined) {
      results.push({ kind: 'local', step: info });
      continue;
    }
    const { assembly, model, verification, cost } = analysis;
    const resources = listResources(assembly);
    const changes = diffResources(previous?.resources ?? [], resources);
    const files = stepDiagramFiles(outDir, step.id);
    results.push({
      kind: 'analyzed',
      step: info,
      assemblyDir: analysis.assemblyDir,
      verification,
      cost,
      ...(previous === undefined
        ? {}
        : { previousStepId: previous.id, costChange: compareCosts(previous.cost, cost) }),
      changes,
      disruptions: previous === undefined ? [] : disruptions(changes, previous.verification.flows),
      diagram: { ...(await writeDiagram(model, verification.flows, files, stepTitle(step))), files },
    });
    previous = { id: step.id, resources, cost, verification };
  }
  const holds = results.every((result) => result.kind === 'local' || result.verification.holds);
  return { region: config.region, steps: results, holds };
}
