import { expect, it } from 'vitest';
import { formatPlanSummary } from '../../src/format/plan.js';
import type { PlanSummary, StepSummary } from '../../src/plan/summary.js';

const analyzed = (id: number, slug: string, monthlyUsd: string, monthlyComplete: boolean): StepSummary => ({
  id,
  slug,
  kind: 'analyzed',
  holds: true,
  assembly: `out/steps/${id}`,
  diagrams: [],
  flows: [{ name: 'ingress', expected: 'ACCEPTED', actual: 'ACCEPTED', holds: true }],
  findings: { errors: 0, warnings: 0, acknowledged: 0 },
  monthlyUsd,
  monthlyComplete,
  ...(id === 2 ? {} : { monthlyChangeUsd: '121.44', previousStepId: id - 1 }),
  resources: { added: 0, removed: 0, modified: 0 },
  disruptions: [],
});

it('prints each step with its monthly cost in the one money format, an incomplete total as a lower bound', () => {
  const summary: PlanSummary = {
    report: 'out/report.html',
    region: 'ap-southeast-2',
    holds: true,
    steps: [
      { id: 1, slug: 'local-container', kind: 'local', holds: true },
      analyzed(2, 'public-ec2', '1160.655', true),
      analyzed(3, 'alb-nat', '3.6', false),
    ],
  };
  expect(formatPlanSummary(summary).split('\n')).toEqual([
    '  step  slug             flows as expected  findings                       monthly    change',
    '     1  local-container                  —  the container alone, no AWS      $0.00',
    '     2  public-ec2                     1/1  0 errors, 0 warnings         $1,160.66',
    '     3  alb-nat                        1/1  0 errors, 0 warnings            ≥$3.60  +$121.44',
    '',
    'Report: out/report.html',
    'Every step holds.',
    '',
  ]);
});
