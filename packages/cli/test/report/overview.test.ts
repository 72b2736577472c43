import { expect, it } from 'vitest';
import type { PlanResult } from '../../src/plan/run-plan.js';
import type { PlanSummary } from '../../src/plan/summary.js';
import { renderOverview } from '../../src/report/overview.js';

const plan = {
  region: 'eu-central-1',
  holds: false,
  steps: [
    { kind: 'local', step: { id: 1, slug: 'local-container', summary: 'The container <alone>.' } },
    { kind: 'local', step: { id: 7, slug: 'network-firewall', summary: 'A firewall.' } },
  ],
} as PlanResult;

const summary: PlanSummary = {
  report: '/tmp/out/report.html',
  region: 'eu-central-1',
  holds: false,
  steps: [
    { id: 1, slug: 'local-container', kind: 'local', holds: true },
    {
      id: 7,
      slug: 'network-firewall',
      kind: 'analyzed',
      holds: false,
      assembly: '/tmp/out/steps/7',
      diagrams: [],
      flows: [
        { name: 'ingress', expected: 'ACCEPTED', actual: 'ACCEPTED', holds: true },
        { name: 'egress-denied', expected: 'DROPPED_BY_FIREWALL', actual: 'ACCEPTED', holds: false },
      ],
      findings: { errors: 1, warnings: 2, acknowledged: 1 },
      monthlyUsd: '1160.655',
      monthlyComplete: false,
      monthlyChangeUsd: '-3.6',
      previousStepId: 6,
      resources: { added: 0, removed: 0, modified: 0 },
      disruptions: [],
    },
  ],
};

const rows = (markup: string): string[] =>
  [...markup.matchAll(/<tr class="[^"]*">.*?<\/tr>/gs)].map(([row]) => row);

it('has one row per step, each leading to its step, its flows, findings and cost, as moat plan prints them', () => {
  const markup = renderOverview(plan, summary).markup;
  const [local, firewall] = rows(markup);
  expect(rows(markup)).toHaveLength(2);
  expect(local).toContain('<th scope="row"><a href="#step-1">1 · local-container</a></th>');
  expect(local).toContain('<td class="adds">The container &lt;alone&gt;.</td>');
  expect(local).toContain('the container alone, no AWS');
  expect(firewall).toContain('<a href="#step-7-flows">1/2</a>');
  expect(firewall).toContain('<a href="#step-7-findings">1 error, 2 warnings, 1 acknowledged</a>');
  // An unpriced line makes the total a lower bound, as in the CLI summary.
  expect(firewall).toContain('<a href="#step-7-cost">≥$1,160.66</a>');
  expect(firewall).toContain('<td class="num" data-label="change">-$3.60</td>');
});

it('marks a step that is not as expected, in words for screen readers', () => {
  const [, firewall] = rows(renderOverview(plan, summary).markup);
  expect(firewall).toMatch(/^<tr class="fails">/);
  expect(firewall).toContain('<span class="visually-hidden"> (not as expected)</span>');
});

it('is the first panel: the overview the report opens on', () => {
  expect(renderOverview(plan, summary).markup).toMatch(
    /^<section class="overview" id="overview" role="tabpanel" aria-labelledby="overview-title" data-panel="overview"/,
  );
});
