import { join } from 'node:path';
import { loadAssembly } from '@moat/analyzer';
import type { Confirmation, ConfirmedRow } from '@moat/confirm';
import { describe, expect, inject, it } from 'vitest';
import { confirmationToSarif } from '../../src/sarif/index.js';

const firewall = {
  stack: 'MoatNetwork',
  logicalId: 'EgressFirewallF3D343A0',
  type: 'AWS::NetworkFirewall::Firewall',
};
const gateway = {
  stack: 'MoatNetwork',
  logicalId: 'IngressVpcIGWE904BA9B',
  type: 'AWS::EC2::InternetGateway',
};

const row = (overrides: Partial<ConfirmedRow>): ConfirmedRow => ({
  id: 'egress-denied PriceService0B9AD400 → example.com:443/tcp @eu-central-1a',
  name: 'egress-denied',
  label: 'PriceService0B9AD400 → example.com:443/tcp',
  flow: {
    from: { kind: 'workload', id: 'MoatWorkload/PriceService0B9AD400' },
    to: { kind: 'host', hostname: 'example.com' },
    protocol: 'tcp',
    port: 443,
  },
  availabilityZone: 'eu-central-1a',
  offline: { disposition: 'DROPPED_BY_FIREWALL' },
  reachability: { kind: 'not run', reason: 'a host-name rule decides this flow' },
  live: { kind: 'blocked', detail: 'TCP connected, then no TLS answer within 5000 ms' },
  status: 'disagree',
  disagreements: [],
  notes: [],
  ...overrides,
});

/** A confirmation of step 7 as moat confirm could report it: a missing stack, a missing alert, a path RA finds closed. */
const confirmation: Confirmation = {
  assembly: 'out/steps/7',
  runId: 'moat-test',
  stacks: [
    {
      artifact: 'MoatSpokeRouting',
      stackName: 'MoatSpokeRouting',
      account: '111111111111',
      region: 'eu-central-1',
      state: 'error',
      drift: 'not deployed',
      notes: ['not deployed in account 111111111111 eu-central-1'],
    },
  ],
  rows: [
    row({
      disagreements: [
        {
          check: 'firewall-alert-log',
          kind: 'alert-missing',
          message: 'the probe was stopped, but no "blocked" alert for it reached the alert log within 300 s',
          source: firewall,
        },
      ],
    }),
    row({
      id: 'ingress internet → AlbLoadBalancer44085B14:80/tcp @path 1',
      name: 'ingress',
      label: 'internet → AlbLoadBalancer44085B14:80/tcp',
      availabilityZone: undefined,
      offline: { disposition: 'ACCEPTED' },
      reachability: { kind: 'not reachable', explanation: 'CANNOT_ROUTE at igw-1', blockedAt: gateway },
      disagreements: [
        {
          check: 'reachability-analyzer',
          kind: 'ra-not-reachable',
          message:
            'Reachability Analyzer finds no path (CANNOT_ROUTE at igw-1) where Moat says ACCEPTED through 8 hops',
          source: gateway,
        },
      ],
    }),
  ],
  reachability: { analyses: 1, usd: 0.1, priceText: '', leftBehind: [] },
  probeTasks: [],
  agree: false,
};

describe('confirmationToSarif', () => {
  const assemblyDir = inject('step7Assembly');
  const log = confirmationToSarif(confirmation, loadAssembly(assemblyDir), {
    toolVersion: '0.1.0',
    baseDir: join(assemblyDir, '..', '..'),
  });
  const [run] = log.runs;

  it('puts a stack that is not deployed on its template file, under confirm/stack', () => {
    const [stack] = run?.results ?? [];
    expect(stack?.ruleId).toBe('confirm/stack');
    expect(run?.tool.driver.rules[stack?.ruleIndex ?? -1]?.id).toBe('confirm/stack');
    expect(stack?.message.text).toBe(
      'stack MoatSpokeRouting in account 111111111111 eu-central-1: not deployed in account 111111111111 eu-central-1',
    );
    expect(stack?.locations[0].physicalLocation.artifactLocation).toEqual({
      uri: 'steps/7/MoatSpokeRouting.template.json',
      uriBaseId: '%SRCROOT%',
    });
  });

  it('puts each disagreement on its resource, saying what that resource is for the row', () => {
    const results = (run?.results ?? []).slice(1);
    expect(
      results.map((result) => [
        result.ruleId,
        result.locations[0].logicalLocations?.[0]?.name,
        result.locations[0].message?.text,
      ]),
    ).toEqual([
      [
        'confirm/alert-missing',
        'EgressFirewallF3D343A0',
        "where Moat's trace from eu-central-1a stops (DROPPED_BY_FIREWALL)",
      ],
      [
        'confirm/ra-not-reachable',
        'IngressVpcIGWE904BA9B',
        'where Reachability Analyzer stops the flow: CANNOT_ROUTE at igw-1',
      ],
    ]);
    // Both resources are found in MoatNetwork's template: the region is their logical ID's key, not line 1.
    expect(
      results.map((result) => [
        result.locations[0].physicalLocation.artifactLocation.uri,
        result.locations[0].physicalLocation.region.startLine > 1,
      ]),
    ).toEqual([
      ['steps/7/MoatNetwork.template.json', true],
      ['steps/7/MoatNetwork.template.json', true],
    ]);
    expect(results.map((result) => result.message.text.split(': ')[0])).toEqual([
      'egress-denied PriceService0B9AD400 → example.com:443/tcp @eu-central-1a',
      'ingress internet → AlbLoadBalancer44085B14:80/tcp @path 1',
    ]);
  });
});
