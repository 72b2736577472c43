import type { PlanSummary } from '../plan/summary.js';
import { formatColumns } from './columns.js';
import { comparisonVerdict, formatDesignTable } from './compare.js';
import { formatDisruptions } from './disruptions.js';
import { formatMonthly, formatUsd, formatUsdChange } from './money.js';
import { formatFindingCounts } from './verification.js';

/** The summary `moat plan` prints: one row per step, then where the report is and the verdict. */
export function formatPlanSummary(summary: PlanSummary): string {
  const header = ['step', 'slug', 'flows as expected', 'findings', 'monthly', 'change'];
  const rows = summary.steps.map((step) => {
    if (step.kind === 'local')
      return [String(step.id), step.slug, '—', 'the container alone, no AWS', formatUsd('0'), ''];
    const asExpected = step.flows.filter((flow) => flow.holds).length;
    return [
      String(step.id),
      step.slug,
      `${asExpected}/${step.flows.length}`,
      formatFindingCounts(step.findings),
      formatMonthly(step),
      step.monthlyChangeUsd === undefined ? '' : formatUsdChange(step.monthlyChangeUsd),
    ];
  });
  const failing = summary.steps.filter((step) => !step.holds).map((step) => `step ${step.id} ${step.slug}`);
  return [
    formatColumns([header, ...rows], { align: ['right', 'left', 'right', 'left', 'right', 'right'] }),
    '',
    ...formatDisruptions(summary),
    ...formatPlanDesigns(summary),
    `Report: ${summary.report}`,
    failing.length === 0 ? 'Every step holds.' : `Not as expected: ${failing.join(', ')} (see the report)`,
    '',
  ].join('\n');
}

/** With `--compare`: the designs side by side at the plan's last step, and whether their flows differ. */
function formatPlanDesigns({ designs }: PlanSummary): string[] {
  if (designs === undefined) return [];
  return [
    `Designs at step ${designs.step.id} ${designs.step.slug} (the report's Designs tab has their cost line by line):`,
    formatDesignTable(
      designs.designs,
      designs.designs.map((design) => design.config),
    ),
    comparisonVerdict(designs.flowDifferences),
    '',
  ];
}
