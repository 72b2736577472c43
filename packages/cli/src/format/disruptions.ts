import type { UpdateBehaviour } from '../plan/resource-changes.js';
import type { PlanSummary } from '../plan/summary.js';
import { formatColumns } from './columns.js';

const WORDS: Readonly<Record<UpdateBehaviour, string>> = {
  replacement: 'replaced',
  'some-interruption': 'interrupted',
  unknown: 'update not in Moat’s table',
  'no-interruption': 'updated in place',
};

/**
 * For each transition, what deploying the next step replaces or interrupts (CloudFormation's "Update requires" of
 * the changed properties) and which flows of the step before cross it; empty when no transition does.
 */
export function formatDisruptions(summary: PlanSummary): string[] {
  const rows = summary.steps.flatMap((step) =>
    step.kind === 'local'
      ? []
      : step.disruptions.map((disruption) => [
          `${step.previousStepId ?? '?'} → ${step.id}`,
          `${disruption.stack}/${disruption.logicalId}`,
          disruption.type,
          `${WORDS[disruption.update]} (${disruption.properties
            .filter((property) => property.update === disruption.update)
            .map((property) => property.name)
            .join(', ')})`,
          disruption.interrupts.length === 0
            ? 'on no traced path'
            : `cuts ${disruption.interrupts.join(', ')}`,
        ]),
  );
  if (rows.length === 0) return [];
  return [
    'Replaced or interrupted on the way from one step to the next (CloudFormation "Update requires"):',
    formatColumns(rows),
    '',
  ];
}
