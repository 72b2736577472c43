import type { Step } from '@moat/infra';
import { UsageError } from '../command.js';
import type { SourcedConfig } from '../inputs.js';
import { prepareOutputDir } from '../output-files.js';
import type { PlanResult } from '../plan/run-plan.js';
import { analyzeDesign, compareDesigns, designAssemblyDir, designLabel } from './designs.js';
import { type ComparisonSummary, summarizeDesign } from './summary.js';

/**
 * `moat plan --compare`: the plan's own config is design A, taken from the plan's last analyzed step as it
 * stands; each other config (B, C…) is synthesized, verified and priced at that step, its assembly under
 * `outDir/designs/<letter>`.
 */
export function comparePlanDesigns(options: {
  readonly plan: PlanResult;
  readonly steps: readonly Step[];
  readonly own: SourcedConfig;
  readonly others: readonly SourcedConfig[];
  readonly outDir: string;
  readonly progress?: (message: string) => void;
}): ComparisonSummary {
  const { plan, own, others, outDir, progress = () => {} } = options;
  const last = plan.steps.findLast((result) => result.kind === 'analyzed');
  const step = options.steps.find((candidate) => candidate.id === last?.step.id);
  if (last?.kind !== 'analyzed' || step === undefined) {
    throw new UsageError(
      `--compare puts designs side by side at the plan's last step with AWS resources, and the steps planned (${plan.steps.map((result) => result.step.id).join(', ')}) have none; plan step 2 or later too, such as --steps 7`,
    );
  }
  const designs = [
    summarizeDesign({ label: designLabel(0), config: own.source, region: own.config.region }, last),
    ...others.map(({ config, source }, index) => {
      const label = designLabel(index + 1);
      progress(`design ${label} (${source}) step ${step.id}: synthesizing, verifying and pricing`);
      prepareOutputDir(designAssemblyDir(outDir, label, step.id), '--out');
      return analyzeDesign({ label, config: source }, config, step, outDir);
    }),
  ];
  return compareDesigns(step, designs);
}
