import { describe, expect, it } from 'vitest';
import { checkFlows, known, type NetworkModel, standardFlows } from '../../src/index.js';
import { modelOf } from '../trace/read-hops.js';

const summary = (scenario: string) =>
  checkFlows(modelOf(scenario), standardFlows(modelOf(scenario))).map((result) => [
    result.expectation.name,
    'hostname' in result.expectation.flow.to
      ? result.expectation.flow.to.hostname
      : 'service' in result.expectation.flow.to
        ? result.expectation.flow.to.service
        : 'id' in result.expectation.flow.to
          ? result.expectation.flow.to.id
          : result.expectation.flow.to.kind,
    result.expectation.expected,
    result.traces.map((trace) => trace.disposition).join(','),
    result.holds,
  ]);

describe('standard flows', () => {
  it('expects ingress through the internet-facing ALB, egress via NAT and no direct way to the task', () => {
    expect(summary('nat-egress')).toEqual([
      ['ingress', 'Network/Alb', 'ACCEPTED', 'ACCEPTED,ACCEPTED', true],
      ['egress-allowed', 'api.binance.com', 'ACCEPTED', 'ACCEPTED,ACCEPTED', true],
      ['aws-services', 'ecr.api', 'ACCEPTED', 'ACCEPTED,ACCEPTED', true],
      ['aws-services', 'ecr.dkr', 'ACCEPTED', 'ACCEPTED,ACCEPTED', true],
      ['aws-services', 's3', 'ACCEPTED', 'ACCEPTED,ACCEPTED', true],
      ['aws-services', 'logs', 'ACCEPTED', 'ACCEPTED,ACCEPTED', true],
      [
        'direct-to-task',
        'Network/PriceService',
        'NOT_REACHABLE_FROM_INTERNET',
        'NOT_REACHABLE_FROM_INTERNET',
        true,
      ],
    ]);
  });

  it("takes the allowed host from the firewall's PASS domains and expects any other host to be dropped", () => {
    const flows = summary('firewall-inspection');
    expect(flows.slice(0, 2)).toEqual([
      ['egress-allowed', 'api.binance.com', 'ACCEPTED', 'ACCEPTED,ACCEPTED', true],
      [
        'egress-denied',
        'example.com',
        'DROPPED_BY_FIREWALL',
        'DROPPED_BY_FIREWALL,DROPPED_BY_FIREWALL',
        true,
      ],
    ]);
  });

  it('expects AWS services through VPC endpoints, never through NAT, when the VPC has endpoints', () => {
    const results = checkFlows(modelOf('interface-endpoint'), standardFlows(modelOf('interface-endpoint')));
    const services = results.filter((result) => result.expectation.name === 'aws-services');
    expect(
      services.map((result) => [result.expectation.via, result.trace.disposition, result.holds]),
    ).toEqual([
      ['vpc-endpoint', 'ACCEPTED', true],
      ['vpc-endpoint', 'NO_ROUTE', false],
      ['vpc-endpoint', 'ACCEPTED', true],
      ['vpc-endpoint', 'NO_ROUTE', false],
    ]);
  });

  it('expects ingress through the API stage and the internal ALB to be unreachable from the internet', () => {
    expect(
      summary('api-vpc-link').filter(([name]) => name === 'ingress' || name === 'direct-to-alb'),
    ).toEqual([
      ['ingress', 'Network/ApiStage', 'ACCEPTED', 'ACCEPTED', true],
      [
        'direct-to-alb',
        'Network/Alb',
        'NOT_REACHABLE_FROM_INTERNET',
        'NOT_REACHABLE_FROM_INTERNET,NOT_REACHABLE_FROM_INTERNET',
        true,
      ],
    ]);
  });

  it('reports the failing AZ trace of a flow that breaks in one AZ only', () => {
    const model = modelOf('nat-egress');
    const brokenB = {
      ...model,
      routeTables: model.routeTables.map((table) =>
        table.source.logicalId === 'PrivateRouteTableB'
          ? { ...table, routes: table.routes.slice(0, 1) }
          : table,
      ),
    };
    const [result] = checkFlows(
      brokenB,
      standardFlows(brokenB).filter((flow) => flow.name === 'egress-allowed'),
    );
    expect(result?.holds).toBe(false);
    expect(result?.traces.map((trace) => trace.disposition)).toEqual(['ACCEPTED', 'NO_ROUTE']);
    expect(result?.trace.availabilityZone).toBe('eu-central-1b');
    expect(result?.trace.reason).toBe(
      'route table PrivateRouteTableB of PrivateB has no route to api.binance.com',
    );
  });

  it('derives only the entry points from a model without workloads', () => {
    const model = modelOf('nat-egress');
    expect(standardFlows({ ...model, ecsServices: [], instances: [] })).toEqual([
      {
        name: 'ingress',
        flow: {
          from: { kind: 'internet' },
          to: { kind: 'entry', id: 'Network/Alb' },
          protocol: 'tcp',
          port: 80,
        },
        expected: 'ACCEPTED',
      },
    ]);
  });
});

describe('egress-denied', () => {
  it('is expected only from a firewall that drops what no rule passes', () => {
    const model = modelOf('firewall-inspection');
    const names = (candidate: typeof model) => standardFlows(candidate).map((flow) => flow.name);
    expect(names(model)).toContain('egress-denied');
    const passing = {
      ...model,
      firewallPolicies: model.firewallPolicies.map((policy) => ({ ...policy, statefulDefaultActions: [] })),
      firewallRuleGroups: model.firewallRuleGroups.map((group) =>
        group.kind === 'STATEFUL' ? { ...group, generatedRulesType: undefined } : group,
      ),
    };
    expect(names(passing)).not.toContain('egress-denied');
  });
});

describe('ingress through a load balancer', () => {
  const model = modelOf('nat-egress');
  const withAlbRule = (cidr: string) => ({
    ...model,
    securityGroups: model.securityGroups.map((group) =>
      group.source.logicalId === 'AlbSecurityGroup'
        ? {
            ...group,
            rules: group.rules.map((rule) =>
              rule.direction === 'ingress'
                ? { ...rule, peer: { kind: 'cidr' as const, cidr: known(cidr) } }
                : rule,
            ),
          }
        : group,
    ),
  });
  const ingressFrom = (candidate: NetworkModel) =>
    standardFlows(candidate)
      .filter((flow) => flow.name === 'ingress')
      .map((flow) => flow.flow.from);

  it('comes from anyone when the security group admits 0.0.0.0/0', () => {
    expect(ingressFrom(model)).toEqual([{ kind: 'internet' }]);
  });

  it("comes from the first address of the clients' range a security group admits", () => {
    const restricted = withAlbRule('198.51.100.0/24');
    expect(ingressFrom(restricted)).toEqual([{ kind: 'internet', address: '198.51.100.0' }]);
    expect(checkFlows(restricted, standardFlows(restricted))[0]?.holds).toBe(true);
  });

  it('is no flow when only private ranges are admitted', () => {
    expect(ingressFrom(withAlbRule('10.0.0.0/8'))).toEqual([]);
  });
});
