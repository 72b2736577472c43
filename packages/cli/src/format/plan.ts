import type { PlanSummary } from '../plan/summary.js';
import { formatColumns } from './columns.js';
import { formatDisruptions } from './disruptions.js';
import { formatUsd, formatUsdChange } from './money.js';
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
      formatStepMonthly(step),
      step.monthlyChangeUsd === undefined ? '' : formatUsdChange(step.monthlyChangeUsd),
    ];
  });
  const failing = summary.steps.filter((step) => !step.holds).map((step) => `step ${step.id} ${step.slug}`);
  return [
    formatColumns([header, ...rows], { align: ['right', 'left', 'right', 'left', 'right', 'right'] }),
    '',
    ...formatDisruptions(summary),
    `Report: ${summary.report}`,
    failing.length === 0 ? 'Every step holds.' : `Not as expected: ${failing.join(', ')} (see the report)`,
    '',
  ].join('\n');
}

/** A step's monthly total; an incomplete one is a lower bound, never a price (moat cost names what is missing). */
export function formatStepMonthly(step: {
  readonly monthlyUsd: string;
  readonly monthlyComplete: boolean;
}): string {
  return `${step.monthlyComplete ? '' : '≥'}${formatUsd(step.monthlyUsd)}`;
}
