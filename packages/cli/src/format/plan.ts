import type { PlanSummary } from '../plan/summary.js';
import { formatColumns } from './columns.js';
import { formatUsd, formatUsdChange } from './money.js';
import { formatFindingCounts } from './verification.js';

/** The summary `moat plan` prints: one row per step, then where the report is and the verdict. */
export function formatPlanSummary(summary: PlanSummary): string {
  const header = ['step', 'slug', 'flows as expected', 'findings', 'monthly', 'change'];
  const rows = summary.steps.map((step) => {
    if (step.kind === 'local')
      return [String(step.id), step.slug, '—', 'the container alone, no AWS', '$0.00', ''];
    const asExpected = step.flows.filter((flow) => flow.holds).length;
    return [
      String(step.id),
      step.slug,
      `${asExpected}/${step.flows.length}`,
      formatFindingCounts(step.findings),
      formatUsd(step.monthlyUsd),
      step.monthlyChangeUsd === undefined ? '' : formatUsdChange(step.monthlyChangeUsd),
    ];
  });
  const failing = summary.steps.filter((step) => !step.holds).map((step) => `step ${step.id} ${step.slug}`);
  return [
    formatColumns([header, ...rows], { align: ['right', 'left', 'right', 'left', 'right', 'right'] }),
    '',
    `Report: ${summary.report}`,
    failing.length === 0 ? 'Every step holds.' : `Not as expected: ${failing.join(', ')} (see the report)`,
    '',
  ].join('\n');
}
