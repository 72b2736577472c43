import type { Disposition } from '@moat/analyzer';
import { describe, expect, it } from 'vitest';
import { brokenFlowNames, flowDifferences, flowOutcome } from '../../src/compare/flow-outcomes.js';
import type { FlowSummary } from '../../src/plan/summary.js';

const flow = (name: string, actual: Disposition, expected: Disposition = 'ACCEPTED'): FlowSummary => ({
  name,
  expected,
  actual,
  holds: actual === expected,
});

describe('flowOutcome', () => {
  it('keeps a flow when every flow of its name is as expected, and breaks it when one is not', () => {
    const flows = [
      flow('aws-services', 'ACCEPTED'),
      flow('aws-services', 'NO_ROUTE'),
      flow('ingress', 'ACCEPTED'),
    ];
    expect(flowOutcome(flows, 'ingress')).toEqual({ kept: true });
    expect(flowOutcome(flows, 'aws-services')).toEqual({
      kept: false,
      actual: ['NO_ROUTE'],
      expected: 'ACCEPTED',
    });
    expect(flowOutcome(flows, 'egress-denied')).toBeUndefined();
    expect(brokenFlowNames(flows)).toEqual(['aws-services']);
  });
});

describe('flowDifferences', () => {
  const keeps = { label: 'A', flows: [flow('ingress', 'ACCEPTED'), flow('egress-allowed', 'ACCEPTED')] };
  const breaks = {
    label: 'B',
    flows: [flow('ingress', 'ACCEPTED'), flow('egress-allowed', 'DROPPED_BY_FIREWALL')],
  };
  const alsoBreaks = { ...breaks, label: 'C' };

  it('names a flow one design breaks and another keeps, with who keeps and who breaks it', () => {
    expect(flowDifferences([keeps, breaks, alsoBreaks])).toEqual([
      {
        flow: 'egress-allowed',
        keptBy: ['A'],
        brokenBy: [
          { label: 'B', actual: ['DROPPED_BY_FIREWALL'], expected: 'ACCEPTED' },
          { label: 'C', actual: ['DROPPED_BY_FIREWALL'], expected: 'ACCEPTED' },
        ],
      },
    ]);
  });

  it('finds no difference when the designs break the same flows, or when only one design checks a flow', () => {
    expect(flowDifferences([breaks, alsoBreaks])).toEqual([]);
    const checksMore = { label: 'D', flows: [...keeps.flows, flow('config-flow', 'NO_ROUTE')] };
    expect(flowDifferences([keeps, checksMore])).toEqual([]);
  });
});
