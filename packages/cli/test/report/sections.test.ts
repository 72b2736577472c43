import { type CostReport, DEFAULT_USAGE } from '@moat/analyzer';
import { expect, it } from 'vitest';
import type { AnalyzedStep } from '../../src/plan/run-plan.js';
import { renderAnalyzedStep } from '../../src/report/sections.js';

const cost: CostReport = {
  region: 'eu-central-1',
  hoursPerMonth: 730,
  usage: { profile: {}, defaults: DEFAULT_USAGE, warnings: [] },
  lines: [],
  subtotals: [],
  totalUsd: '1234.5',
  complete: true,
  incompleteReasons: [],
  pricesAsOf: '2026-11-27',
  sources: [],
};

const step: AnalyzedStep = {
  kind: 'analyzed',
  step: { id: 7, slug: 'network-firewall', summary: 'A firewall <b>inline</b>' },
  assemblyDir: '/tmp/out/steps/7',
  verification: {
    flows: [],
    findings: [
      {
        ruleId: 'NET004',
        severity: 'error',
        message: 'rule "<script>alert(1)</script>" & more',
        source: { stack: 'MoatNetwork', logicalId: 'Rules', type: 'AWS::NetworkFirewall::RuleGroup' },
      },
    ],
    staleAcknowledgements: [],
    skippedFlows: [],
    acknowledgementProblems: [],
    azLoss: [],
    highlyAvailable: true,
    holds: false,
  },
  cost,
  changes: {
    added: [{ stack: 'MoatNetwork', logicalId: 'Fw<1>', type: 'AWS::NetworkFirewall::Firewall' }],
    removed: [],
    modified: [],
  },
  disruptions: [],
  diagram: {
    svg: '<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg id="graph0"><g id="node1"/><use href="#node1"/><path fill="url(#grad)"/></svg>',
    files: [],
  },
};

it('escapes every text that comes from the templates or the analyzer', () => {
  const markup = renderAnalyzedStep(step).markup;
  expect(markup).toContain('A firewall &lt;b&gt;inline&lt;/b&gt;');
  expect(markup).toContain('rule &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; &amp; more');
  expect(markup).toContain('<code>MoatNetwork/Fw&lt;1&gt;</code>');
  expect(markup).not.toContain('<script>');
});

it('inlines the diagram without its XML prolog, with ids scoped to the step so that steps do not collide', () => {
  const markup = renderAnalyzedStep(step).markup;
  expect(markup).not.toContain('<?xml');
  expect(markup).not.toContain('<!DOCTYPE');
  expect(markup).toContain(
    '<svg id="step-7-graph0"><g id="step-7-node1"/><use href="#step-7-node1"/><path fill="url(#step-7-grad)"/></svg>',
  );
});

it('states the verdict and the monthly cost in the step header', () => {
  expect(renderAnalyzedStep(step).markup).toContain(
    '<p class="verdict fails">✗ Not as expected: 0 of 0 flows as expected, 1 invariant error · <span class="monthly">$1,234.50</span> a month</p>',
  );
});
