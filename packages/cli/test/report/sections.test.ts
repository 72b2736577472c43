import { type CostReport, DEFAULT_USAGE, type FlowResult, type Trace } from '@moat/analyzer';
import { expect, it } from 'vitest';
import type { AnalyzedStep } from '../../src/plan/run-plan.js';
import { renderAnalyzedStep } from '../../src/report/sections.js';

const cost: CostReport = {
  region: 'eu-central-1',
  hoursPerMonth: 730,
  usage: { profile: {}, defaults: DEFAULT_USAGE, warnings: [] },
  lines: [
    {
      resource: {
        stack: 'MoatNetwork',
        logicalId: 'EgressVpcPublicSubnet1NATGatewayDD732E90',
        type: 'AWS::EC2::NatGateway',
        constructPath: 'MoatNetwork/EgressVpc/PublicSubnet1/NATGateway',
      },
      charge: 'unpriced',
      category: 'hourly',
      what: 'NAT gateway',
      quantity: { known: true, value: '730' },
      unit: 'NAT gateway-hour',
      unitPriceUsd: '0.052',
      monthlyUsd: { known: true, value: '37.96' },
    },
    {
      charge: 'unpriced',
      category: 'usage',
      what: 'data transfer out to the internet',
      quantity: { known: true, value: '10' },
      unit: 'GB out to the internet',
      unitPriceUsd: '0.09',
      monthlyUsd: { known: true, value: '0.90' },
    },
  ],
  subtotals: [],
  totalUsd: '1234.5',
  complete: true,
  incompleteReasons: [],
  pricesAsOf: '2026-11-27',
  sources: [],
};

const dropped: Trace = {
  flow: {
    from: { kind: 'workload', id: 'MoatWorkload/PriceService0B9AD400' },
    to: { kind: 'host', hostname: 'example.com' },
    protocol: 'tcp',
    port: 443,
  },
  disposition: 'DROPPED_BY_FIREWALL',
  availabilityZone: 'eu-central-1a',
  hops: [
    {
      kind: 'firewall',
      node: {
        stack: 'MoatNetwork',
        logicalId: 'EgressFirewallF3D343A0',
        type: 'AWS::NetworkFirewall::Firewall',
        constructPath: 'MoatNetwork/EgressFirewall/Firewall',
      },
      steps: [{ action: 'DROP', detail: 'no rule matched' }],
    },
  ],
  reason: 'no rule passes it',
};
const denied: FlowResult = {
  expectation: { name: 'egress-denied', flow: dropped.flow, expected: 'DROPPED_BY_FIREWALL' },
  trace: dropped,
  traces: [dropped],
  holds: true,
};

const step: AnalyzedStep = {
  kind: 'analyzed',
  step: { id: 7, slug: 'network-firewall', summary: 'A firewall <b>inline</b>' },
  assemblyDir: '/tmp/out/steps/7',
  verification: {
    flows: [denied],
    findings: [
      {
        ruleId: 'NET004',
        severity: 'error',
        message: 'MoatNetwork/Rules (MoatNetwork/Fw/Rules): rule "<script>alert(1)</script>" & more',
        source: {
          stack: 'MoatNetwork',
          logicalId: 'Rules',
          type: 'AWS::NetworkFirewall::RuleGroup',
          constructPath: 'MoatNetwork/Fw/Rules',
        },
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
    svg: '<svg/>',
    drawing:
      '<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg id="graph0"><g id="node1"/><use href="#node1"/><path fill="url(#grad)"/><a xlink:href="#flow-egress-denied"/></svg>',
    flows: [
      {
        key: 'egress-denied',
        name: 'egress-denied',
        description: 'PriceService → example.com:443/tcp',
        outcome: 'DROPPED_BY_FIREWALL',
        verdict: 'DROPPED_BY_FIREWALL (as expected)',
        mismatch: false,
        colour: '#a8437e',
        line: 'dashed',
        drawn: true,
      },
    ],
    lines: { attachments: true, shares: false },
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

it('inlines the drawing without its XML prolog, with ids and flow links scoped to the step', () => {
  const markup = renderAnalyzedStep(step).markup;
  expect(markup).not.toContain('<?xml');
  expect(markup).not.toContain('<!DOCTYPE');
  expect(markup).toContain(
    '<svg id="step-7-graph0"><g id="step-7-node1"/><use href="#step-7-node1"/><path fill="url(#step-7-grad)"/><a xlink:href="#step-7-flow-egress-denied"/></svg>',
  );
});

it('links the diagram to its files, relative to the report', () => {
  const markup = renderAnalyzedStep(step, ['diagrams/step-7.svg', 'diagrams/step-7.png']).markup;
  expect(markup).toContain(
    'Full size, with the legend: <a href="diagrams/step-7.svg">SVG</a> · <a href="diagrams/step-7.png">PNG</a>',
  );
});

it('states the verdict and the monthly cost in the step header', () => {
  expect(renderAnalyzedStep(step).markup).toContain(
    '<p class="verdict fails">✗ Not as expected: 1 of 1 flows as expected, 1 invariant error · <span class="monthly">$1,234.50</span> a month</p>',
  );
});

it("lists each flow as the diagram's legend: its line, its ends by name, and its hops under the id the lines link to", () => {
  const markup = renderAnalyzedStep(step).markup;
  expect(markup).toContain('<details class="flow holds" data-flow="egress-denied">');
  expect(markup).toContain('stroke="#a8437e" stroke-width="3" stroke-dasharray="7 4"');
  expect(markup).toContain('<span class="description">PriceService → example.com:443/tcp</span>');
  expect(markup).toContain('<div class="flow-hops" id="step-7-flow-egress-denied">');
  expect(markup).toContain(
    '<td><span class="resource" title="MoatNetwork/EgressFirewallF3D343A0 · AWS::NetworkFirewall::Firewall">EgressFirewall</span></td>',
  );
  expect(markup).toContain('a transit gateway attachment (its ENI in a subnet)');
});

it('names the resource of each finding and each cost line, with its logical id on hover', () => {
  const markup = renderAnalyzedStep(step).markup;
  expect(markup).toContain(
    '<td>Fw/Rules: rule &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; &amp; more</td><td><span class="resource" title="MoatNetwork/Rules · AWS::NetworkFirewall::RuleGroup">Fw/<wbr>Rules</span></td>',
  );
  expect(markup).toContain(
    '<th scope="col">charge</th><th scope="col">resource</th><th scope="col">quantity</th>',
  );
  expect(markup).toContain(
    '<td>NAT gateway</td><td><span class="resource" title="MoatNetwork/EgressVpcPublicSubnet1NATGatewayDD732E90 · AWS::EC2::NatGateway">EgressVpc/<wbr>PublicSubnet1/<wbr>NATGateway</span></td>',
  );
  expect(markup).toContain(
    '<td>data transfer out to the internet</td><td><span class="muted">the account (data transfer out)</span></td>',
  );
});

it('gives the flows, findings and cost sections the ids the overview links to', () => {
  const markup = renderAnalyzedStep(step).markup;
  for (const id of ['step-7', 'step-7-flows', 'step-7-findings', 'step-7-cost', 'step-7-diagram']) {
    expect(markup).toContain(`id="${id}"`);
  }
});
