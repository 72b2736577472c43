import type { Trace } from '@moat/analyzer';
import { describe, expect, it } from 'vitest';
import type { FlowRow } from '../../src/flow-rows.js';
import { compareRow } from '../../src/result/compare-row.js';

const firewall = {
  stack: 'MoatNetwork',
  logicalId: 'EgressFirewallF3D343A0',
  type: 'AWS::NetworkFirewall::Firewall',
};

function row(disposition: Trace['disposition'], to: FlowRow['flow']['to']): FlowRow {
  const flow = {
    from: { kind: 'workload', id: 'MoatWorkload/PriceService0B9AD400' },
    to,
    protocol: 'tcp',
    port: 443,
  } as const;
  const trace: Trace = {
    flow,
    disposition,
    availabilityZone: 'eu-central-1a',
    hops: [
      {
        kind: 'firewall',
        node: firewall,
        steps: [{ action: 'DROP', detail: "rule 'deny 198.51.100.7:443'" }],
      },
    ],
    ...(disposition === 'ACCEPTED' ? {} : { reason: `${firewall.logicalId} DROPs it` }),
  };
  return {
    id: 'egress-rule @eu-central-1a',
    name: 'egress-rule',
    label: 'task → 198.51.100.7:443/tcp',
    flow,
    trace,
    siblings: [],
  };
}

describe('compareRow', () => {
  it('disagrees when the probe got through a DROP rule, pointing at the firewall', () => {
    const compared = compareRow(
      row('DROPPED_BY_FIREWALL', { kind: 'address', address: '198.51.100.7' }),
      { kind: 'not reachable', explanation: 'FIREWALL_RULE_MISMATCH at vpce-1' },
      { kind: 'got through', detail: 'TCP connected (198.51.100.7) in 30 ms' },
    );
    expect(compared.status).toBe('disagree');
    expect(compared.disagreements).toEqual([
      {
        check: 'live-probe',
        kind: 'probe-got-through',
        message:
          'the probe got through (TCP connected (198.51.100.7) in 30 ms) where Moat says DROPPED_BY_FIREWALL: EgressFirewallF3D343A0 DROPs it',
        source: firewall,
      },
    ]);
  });

  it('disagrees when RA finds no path where Moat says ACCEPTED', () => {
    const compared = compareRow(
      row('ACCEPTED', { kind: 'address', address: '198.51.100.7' }),
      { kind: 'not reachable', explanation: 'NO_ROUTE_TO_DESTINATION at rtb-1' },
      { kind: 'not run', reason: 'no probe' },
    );
    expect(compared.disagreements.map((d) => [d.kind, d.message])).toEqual([
      [
        'ra-not-reachable',
        'Reachability Analyzer finds no path (NO_ROUTE_TO_DESTINATION at rtb-1) where Moat says ACCEPTED through 1 hops',
      ],
    ]);
  });

  it('agrees on a drop that RA and the probe both see, and stays unconfirmed when neither could decide', () => {
    const dropped = row('DROPPED_BY_FIREWALL', { kind: 'address', address: '198.51.100.7' });
    const agreed = compareRow(
      dropped,
      { kind: 'not reachable', explanation: 'x' },
      { kind: 'blocked', detail: 'no TCP connection' },
    );
    expect([agreed.status, agreed.disagreements]).toEqual(['agree', []]);
    const open = compareRow(dropped, { kind: 'not run', reason: 'a' }, { kind: 'undecided', reason: 'b' });
    expect(open.status).toBe('unconfirmed');
  });

  it('disagrees when a service name resolves to a public address where Moat expects the VPC endpoint', () => {
    const base = row('ACCEPTED', { kind: 'aws-service', service: 'logs' });
    const viaEndpoint: FlowRow = {
      ...base,
      via: 'vpc-endpoint',
      trace: {
        ...base.trace,
        hops: [
          {
            kind: 'interface endpoint',
            node: {
              stack: 'MoatWorkload',
              logicalId: 'EndpointsLogs925F157B',
              type: 'AWS::EC2::VPCEndpoint',
            },
            steps: [],
          },
        ],
      },
    };
    const compared = compareRow(
      viaEndpoint,
      { kind: 'not run', reason: '-' },
      { kind: 'got through', detail: 'TLS', publicAddress: '52.1.2.3' },
    );
    expect(compared.disagreements.map((d) => d.kind)).toEqual(['probe-public-address']);
  });

  it("disagrees at the first hop where RA's path leaves Moat's, naming both sides and Moat's resource", () => {
    const routeTable = {
      stack: 'MoatNetwork',
      logicalId: 'EgressVpcTransitSubnet1RouteTable8E2A3C1B',
      type: 'AWS::EC2::RouteTable',
    };
    const compared = compareRow(
      row('ACCEPTED', { kind: 'address', address: '198.51.100.7' }),
      {
        kind: 'reachable',
        divergence: {
          position: 3,
          moat: {
            kind: 'route table',
            id: 'rtb-0aaa',
            text: 'subnet EgressVpc/TransitSubnet1: route 0.0.0.0/0 → nat EgressNat1',
            source: routeTable,
          },
          analyzer: {
            kind: 'route table',
            id: 'rtb-0bbb',
            text: 'route table rtb-0bbb: 0.0.0.0/0 → nat-0bbb',
          },
        },
      },
      { kind: 'got through', detail: 'TCP connected (198.51.100.7) in 12 ms' },
    );
    expect(compared.status).toBe('disagree');
    expect(compared.disagreements).toEqual([
      {
        check: 'reachability-analyzer',
        kind: 'ra-different-hop',
        message:
          'the paths part at checkpoint 3: Moat: subnet EgressVpc/TransitSubnet1: route 0.0.0.0/0 → nat EgressNat1 [rtb-0aaa] | RA: route table rtb-0bbb: 0.0.0.0/0 → nat-0bbb',
        source: routeTable,
      },
    ]);
  });

  it('disagrees when RA finds a path where Moat drops the flow', () => {
    const compared = compareRow(
      row('DROPPED_BY_FIREWALL', { kind: 'address', address: '198.51.100.7' }),
      { kind: 'reachable' },
      { kind: 'not run', reason: 'UDP gives no sign of delivery without a reply' },
    );
    expect(compared.disagreements.map((d) => [d.check, d.kind, d.message, d.source])).toEqual([
      [
        'reachability-analyzer',
        'ra-reachable',
        'Reachability Analyzer finds a path where Moat says DROPPED_BY_FIREWALL (EgressFirewallF3D343A0 DROPs it)',
        firewall,
      ],
    ]);
  });

  it('disagrees when the probe is stopped where Moat accepts the flow', () => {
    const compared = compareRow(
      row('ACCEPTED', { kind: 'address', address: '198.51.100.7' }),
      { kind: 'reachable' },
      { kind: 'blocked', detail: 'no TCP connection (198.51.100.7) within 5000 ms' },
    );
    expect(compared.disagreements.map((d) => [d.kind, d.message])).toEqual([
      [
        'probe-blocked',
        'the probe was stopped (no TCP connection (198.51.100.7) within 5000 ms) where Moat says ACCEPTED',
      ],
    ]);
  });

  it('confirms nothing where Moat could not decide: an UNKNOWN row is unconfirmed whatever the live checks say', () => {
    const unknown = row('UNKNOWN', { kind: 'address', address: '198.51.100.7' });
    const compared = compareRow(
      unknown,
      { kind: 'not reachable', explanation: 'NO_ROUTE_TO_DESTINATION at rtb-1' },
      { kind: 'got through', detail: 'TCP connected' },
    );
    expect([compared.status, compared.disagreements]).toEqual(['unconfirmed', []]);
  });
});
