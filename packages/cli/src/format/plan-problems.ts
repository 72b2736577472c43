import { displayName, type FlowResult } from '@moat/analyzer';
import type { PlanResult } from '../plan/run-plan.js';
import { formatColumns } from './columns.js';
import { withMention } from './mention.js';
import { findingText } from './trace.js';

/**
 * Why each step that does not hold fails, one line a problem: the flows not as expected, the invariant errors
 * not acknowledged and the AZ losses not survived. `moat plan` prints it under its table, so that a design which
 * gives something up on purpose (the development profile's AZ loss) says so in the terminal, not only in the
 * report. Empty when every step holds.
 */
export function formatPlanProblems(plan: PlanResult): string {
  const sections = plan.steps.flatMap((result) => {
    if (result.kind === 'local' || result.verification.holds) return [];
    const { verification } = result;
    const rows = [
      ...verification.flows
        .filter((flow) => !flow.holds)
        .map((flow) => [
          '✗',
          'flow',
          `${flow.expectation.name}: ${flow.trace.disposition}, expected ${flow.expectation.expected}`,
        ]),
      ...verification.findings
        .filter((finding) => finding.severity === 'error' && finding.acknowledgement === undefined)
        .map((finding) => [
          '✗',
          finding.ruleId,
          withMention(findingText(finding), finding.source && displayName(finding.source)),
        ]),
      ...(verification.highlyAvailable
        ? verification.azLoss
            .filter((loss) => !loss.survives)
            .map((loss) => [
              '✗',
              'AZ loss',
              `without ${loss.availabilityZone}: ${stoppedFlows(loss.flows.filter((flow) => !flow.holds))}`,
            ])
        : []),
    ];
    return [`  step ${result.step.id} ${result.step.slug}`, formatColumns(rows, { indent: '    ' })];
  });
  return sections.length === 0 ? '' : ['Why:', ...sections, ''].join('\n');
}

/** "egress-allowed BLACKHOLE, aws-services BLACKHOLE ×4": each stopped flow once, with how many of it. */
function stoppedFlows(flows: readonly FlowResult[]): string {
  const counts = new Map<string, number>();
  for (const flow of flows) {
    const key = `${flow.expectation.name} ${flow.trace.disposition}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, count]) => (count === 1 ? key : `${key} ×${count}`)).join(', ');
}
