import { MoatConfigSchema } from '@moat/infra';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFlows, standardFlows } from '../../src/analyses/flows/index.js';
import { checkInvariants } from '../../src/analyses/invariants/index.js';
import type { Disposition, Finding, FlowResult } from '../../src/analyses/types.js';
import { buildModel, type NetworkModel } from '../../src/model/index.js';
import * as m from './mutations.js';
import { type SynthesizedSteps, synthesizeSteps } from './support/synthesized-steps.js';
import { mutate } from './support/template-edits.js';

/** What a mutation must raise: a finding of one rule, or a standard flow that stops being accepted. */
type Detection =
  | { readonly rule: Finding['ruleId']; readonly saying: readonly string[] }
  | { readonly flow: string; readonly disposition: Disposition; readonly saying: readonly string[] };

interface Case {
  readonly mutation: m.Mutation;
  readonly detected: Detection;
  /** The step whose templates are mutated; step 9 (the guide's final network) unless said. */
  readonly step?: 3 | 8 | 9 | 10;
}

const cases: Readonly<Record<string, Case>> = {
  // The examples.
  'the firewall route removed in one AZ': {
    mutation: m.removeFirewallRouteInOneAz,
    detected: { rule: 'NET012', saying: ['EgressVpcTransitSubnet1Subnet', 'has no route for 0.0.0.0/0'] },
  },
  'a 0.0.0.0/0 route to an internet gateway in the container VPC': {
    mutation: m.routeContainerVpcToInternetGateway,
    detected: {
      rule: 'NET001',
      saying: ['ContainerVpcPrivateSubnet1DefaultRoute', 'sends 0.0.0.0/0 to internet-gateway'],
    },
  },
  'appliance mode off on the egress attachment': {
    mutation: m.disableApplianceMode,
    detected: { rule: 'NET004', saying: ['HubEgressAttachment', 'ApplianceModeSupport is disabled'] },
  },
  'one NAT gateway deleted': {
    mutation: m.deleteOneNatGateway,
    detected: {
      rule: 'NET011',
      saying: ['EgressVpcFirewallSubnet2Subnet', 'is in eu-central-1b', 'leads to eu-central-1a'],
    },
  },
  'the task security group opened to the world': {
    mutation: m.openTaskSecurityGroupToTheWorld,
    detected: { rule: 'NET006', saying: ['PriceServiceTaskSecurityGroup', 'tcp 8080 from 0.0.0.0/0'] },
  },
  'HOME_NET missing the container CIDR': {
    mutation: m.dropContainerCidrFromHomeNet,
    detected: {
      rule: 'NET009',
      saying: ['set by the policy: 10.1.0.0/16', 'does not cover spoke CIDR 10.0.0.0/16'],
    },
  },
  'the S3 gateway endpoint removed': {
    mutation: m.removeS3GatewayEndpoint,
    detected: { rule: 'NET020', saying: ['ContainerVpc', 'lacks: S3 gateway endpoint'] },
  },
  'the Binance rule flipped to DROP': {
    mutation: m.flipBinanceRuleToDrop,
    detected: {
      flow: 'egress-allowed',
      disposition: 'DROPPED_BY_FIREWALL',
      saying: [
        'EgressFirewallDomainRules',
        "rule sid 200001 'allow api.binance.com'",
        'drops the TLS ClientHello',
      ],
    },
  },
  // Beyond the list.
  'a network ACL denying egress on the task subnet': {
    mutation: m.denyEgressByNaclOnTaskSubnet,
    detected: {
      flow: 'egress-allowed',
      disposition: 'DENIED_BY_NACL',
      saying: ['network ACL TaskAcl rule 50 denies out'],
    },
  },
  'the spoke table’s default route blackholed': {
    mutation: m.blackholeSpokeDefaultRoute,
    detected: {
      flow: 'egress-allowed',
      disposition: 'BLACKHOLE',
      saying: ['HubSpokeDefaultRoute', 'is a blackhole'],
    },
  },
  'the spoke table’s default route removed': {
    mutation: m.removeSpokeDefaultRoute,
    detected: {
      flow: 'egress-allowed',
      disposition: 'NO_ROUTE',
      saying: ['HubSpokeRouteTable', 'has no route to api.binance.com'],
    },
  },
  'the egress attachment’s association moved to an empty route table': {
    mutation: m.moveEgressAssociationToEmptyTable,
    detected: { rule: 'NET003', saying: ['HubEgressAttachment', 'OrphanRouteTable has no route'] },
  },
  'private DNS off on the ECR API endpoint': {
    mutation: m.disableEcrApiPrivateDns,
    detected: { rule: 'NET021', saying: ['EndpointsEcrApi', 'PrivateDnsEnabled is false'] },
  },
  'the ALB made internet-facing in step 8': {
    step: 8,
    mutation: m.makeAlbInternetFacing,
    detected: {
      rule: 'NET022',
      saying: ['AlbLoadBalancer', 'internet-facing but serves an API through a VPC link'],
    },
  },
  'AssignPublicIp ENABLED on the tasks': {
    mutation: m.assignPublicIpToTasks,
    detected: { rule: 'NET005', saying: ['PriceService', 'AssignPublicIp is ENABLED'] },
  },
  'the egress VPC’s flow log removed': {
    mutation: m.removeEgressVpcFlowLog,
    detected: { rule: 'NET007', saying: ['EgressVpc', 'has no flow log'] },
  },
  'the stateless default action set to pass': {
    mutation: m.passByDefaultInStatelessEngine,
    detected: { rule: 'NET019', saying: ['EgressFirewallPolicy', 'StatelessDefaultActions is ["aws:pass"]'] },
  },
  'the stateful default action set to alert only': {
    mutation: m.alertInsteadOfDropByDefault,
    detected: {
      rule: 'NET008',
      saying: ['EgressFirewallPolicy', 'StatefulDefaultActions is ["aws:alert_established"]'],
    },
  },
  'the WAF association removed': {
    mutation: m.removeWafAssociation,
    detected: { rule: 'NET010', saying: ["stage 'prod'", 'has no WAF web ACL'] },
  },
  'a second internet gateway on the egress VPC': {
    mutation: m.attachSecondInternetGateway,
    detected: {
      rule: 'NET023',
      saying: ['SecondIgw', 'a second internet gateway is attached to MoatNetwork/EgressVpc'],
    },
  },
  'the firewall logging removed': {
    mutation: m.removeFirewallLogging,
    detected: { rule: 'NET015', saying: ['EgressFirewall', 'no ALERT or FLOW log destination'] },
  },
  'the firewall policy in default action order': {
    mutation: m.useDefaultActionOrder,
    detected: { rule: 'NET018', saying: ['EgressFirewallPolicy', 'RuleOrder is DEFAULT_ACTION_ORDER'] },
  },
  'TGW default route table propagation on': {
    mutation: m.enableTgwDefaultPropagation,
    detected: { rule: 'NET014', saying: ['HubTransitGateway', 'DefaultRouteTablePropagation is enabled'] },
  },
  'the stage throttling removed': {
    mutation: m.removeStageThrottling,
    detected: { rule: 'NET017', saying: ["stage 'prod'", 'no stage-wide ThrottlingRateLimit'] },
  },
  'the WAF logging removed': {
    mutation: m.removeWafLogging,
    detected: { rule: 'NET025', saying: ['WebAcl', 'no logging configuration'] },
  },
  'replies for the container VPC routed around the firewall': {
    mutation: m.returnAroundFirewall,
    detected: {
      rule: 'NET012',
      saying: [
        'EgressVpcPublicSubnet1Subnet',
        'sends 10.0.0.0/16 to transit-gateway',
        'return around firewall',
      ],
    },
  },
  'the ALB’s IP targets pinned to one AZ': {
    mutation: m.pinAlbTargetsToOneAz,
    detected: {
      rule: 'NET016',
      saying: ['IP target 10.0.0.10 is outside', 'AvailabilityZone is eu-central-1a'],
    },
  },
  // Issue 10.
  'the ALB rule’s URL rewrite that strips the stage removed': {
    mutation: m.removeStageStripTransform,
    detected: {
      flow: 'ingress',
      disposition: 'NOT_SERVED',
      saying: [
        'the service receives /prod/price, which is not one of its routes /price, /healthz, /readyz, /metrics',
      ],
    },
  },
  'the ALB rule that strips the stage removed': {
    mutation: m.removeStageStripRule,
    detected: {
      flow: 'ingress',
      disposition: 'NOT_SERVED',
      saying: ['the service receives /prod/price, which is not one of its routes'],
    },
  },
  'a firewall endpoint picked by its position in EndpointIds': {
    mutation: m.pickFirewallEndpointByPosition,
    detected: {
      rule: 'NET026',
      saying: [
        'EgressVpcTransitSubnet1DefaultRoute',
        "takes EgressFirewallF3D343A0's endpoint by its position in EndpointIds",
        'Fn::Split [",eu-central-1a:"',
      ],
    },
  },
  'the NLB group back to EC2’s default allow-all egress': {
    mutation: m.restoreDefaultEgressOnNlbGroup,
    detected: {
      rule: 'NET027',
      saying: [
        'InternalNlbSecurityGroup',
        "allows all traffic to 0.0.0.0/0 (EC2's default rule: the group declares no egress of its own)",
      ],
    },
  },
  'the service no longer waiting for its VPC endpoints': {
    mutation: m.startServiceBeforeEndpoints,
    detected: {
      rule: 'NET028',
      saying: ['PriceService0B9AD400', 'Add DependsOn: [EndpointsEcrApi'],
    },
  },
  'a step-3 instance no longer waiting for its NAT route': {
    step: 3,
    mutation: m.bootInstanceBeforeItsRoute,
    detected: {
      rule: 'NET029',
      saying: ['PriceServiceHostsInstance1', 'Add DependsOn: [ContainerVpcPrivateSubnet1DefaultRoute'],
    },
  },
  'the workload subnets of step 10 placed by AZ name instead of the networking account’s AZ IDs': {
    step: 10,
    mutation: m.placeWorkloadSubnetsByName,
    detected: {
      flow: 'egress-allowed',
      disposition: 'UNKNOWN',
      saying: [
        "ContainerAttachment's ENI in ContainerVpcTransitSubnet1Subnet",
        'the AZ name eu-central-1a of account 222222222222',
        'the AZ name eu-central-1a of account 111111111111',
        'place the subnets by AvailabilityZoneId',
      ],
    },
  },
  'the endpoint security group opened to the world': {
    mutation: m.openEndpointSecurityGroupToTheWorld,
    detected: { rule: 'NET013', saying: ['EndpointsEcrApi', 'allows source 0.0.0.0/0 outside the VPC'] },
  },
};

/** The service's routes as the embedded default config lists them: the ingress flow's path is judged by them. */
const serviceRoutes = MoatConfigSchema.parse({}).service.routes;

const verdicts = (model: NetworkModel) => ({
  findings: checkInvariants(model),
  flows: checkFlows(model, standardFlows(model, { serviceRoutes })),
});

const flowNamed = (flows: readonly FlowResult[], name: string): FlowResult => {
  const result = flows.find((candidate) => candidate.expectation.name === name);
  if (result === undefined) throw new Error(`no standard flow named ${name}`);
  return result;
};

describe('the mutation suite', () => {
  let steps: SynthesizedSteps;
  const model = (step: number, mutation?: m.Mutation): NetworkModel => {
    const assembly = steps.assemblies.get(step);
    if (assembly === undefined) throw new Error(`step ${step} was not synthesized`);
    return buildModel(mutation === undefined ? assembly : mutate(assembly, mutation));
  };

  /** The verdicts on the unmutated steps, computed once. */
  const baselines = new Map<number, ReturnType<typeof verdicts>>();
  const baselineOf = (step: number) => {
    const baseline = baselines.get(step);
    if (baseline === undefined) throw new Error(`step ${step} was not synthesized`);
    return baseline;
  };
  beforeAll(() => {
    steps = synthesizeSteps([3, 8, 9, 10]);
    for (const step of steps.assemblies.keys()) baselines.set(step, verdicts(model(step)));
  }, 180_000);
  afterAll(() => steps.dispose());

  it('starts from a step 9 with no finding, and egress allowed and denied as the SPEC says', () => {
    const { findings, flows } = baselineOf(9);
    expect(findings).toEqual([]);
    expect(flowNamed(flows, 'egress-allowed').traces.map((trace) => trace.disposition)).toEqual([
      'ACCEPTED',
      'ACCEPTED',
    ]);
    expect(flowNamed(flows, 'egress-denied').traces.map((trace) => trace.disposition)).toEqual([
      'DROPPED_BY_FIREWALL',
      'DROPPED_BY_FIREWALL',
    ]);
  });

  it('starts from a step 8 whose only finding is the WAF that step 9 adds', () => {
    expect(baselineOf(8).findings.map((finding) => finding.ruleId)).toEqual(['NET010']);
  });

  it('starts from a step 10 with no finding, its workload subnets in the zones of the networking account’s subnets', () => {
    expect(baselineOf(10).findings).toEqual([]);
    const workload = model(10).subnets.filter((subnet) => subnet.id.startsWith('MoatWorkload/'));
    expect(
      workload.map((subnet) => [
        subnet.source.logicalId.replace(/[0-9A-F]{8}$/, ''),
        subnet.availabilityZone,
        subnet.availabilityZonePin?.kind === 'subnet'
          ? subnet.availabilityZonePin.subnetId.replace(/[0-9A-F]{8}$/, '')
          : subnet.availabilityZonePin,
      ]),
    ).toEqual([
      [
        'ContainerVpcPrivateSubnet1Subnet',
        { known: true, value: 'eu-central-1a' },
        'MoatNetwork/IngressVpcTransitSubnet1Subnet',
      ],
      [
        'ContainerVpcPrivateSubnet2Subnet',
        { known: true, value: 'eu-central-1b' },
        'MoatNetwork/IngressVpcTransitSubnet2Subnet',
      ],
      [
        'ContainerVpcTransitSubnet1Subnet',
        { known: true, value: 'eu-central-1a' },
        'MoatNetwork/IngressVpcTransitSubnet1Subnet',
      ],
      [
        'ContainerVpcTransitSubnet2Subnet',
        { known: true, value: 'eu-central-1b' },
        'MoatNetwork/IngressVpcTransitSubnet2Subnet',
      ],
    ]);
  });

  it('starts from a step 3 with no finding', () => {
    expect(baselineOf(3).findings).toEqual([]);
  });

  it('traces step 8’s API request hop by hop: /prod/price to the ALB, /price to the task', () => {
    const ingress = flowNamed(baselineOf(8).flows, 'ingress');
    expect(ingress.traces.map((trace) => trace.disposition)).toEqual(['ACCEPTED']);
    const shown = new Set(['stage', 'request', 'resource', 'integration', 'rule', 'url-rewrite', 'http']);
    const http = ingress.trace.hops.flatMap((hop) =>
      hop.steps.filter((step) => shown.has(step.action)).map((step) => `${step.action} ${step.detail}`),
    );
    expect(http).toEqual([
      "stage REGIONAL REST API ApiRestApiE35FEAFE, stage 'prod'",
      'request GET /prod/price',
      'resource GET /price → method GET /price, HTTP_PROXY integration',
      "integration GET /prod/price → VPC link ApiVpcLink4F321C68 → AlbLoadBalancer44085B14:80 (a private integration keeps the stage 'prod' in the path)",
      'request GET /prod/price',
      'rule priority 1 (AlbStripStageBA537B18) matches: path-pattern /prod/*',
      'url-rewrite ^/prod/(.*)$ → /$1: /prod/price becomes /price',
      'http receives GET /price: a route of the service',
    ]);
  });

  it('has at least 20 mutations, each a different edit', () => {
    const mutations = Object.values(cases).map((testCase) => testCase.mutation);
    expect(new Set(mutations).size).toBe(mutations.length);
    expect(mutations.length).toBeGreaterThanOrEqual(20);
    expect(new Set(Object.values(m))).toEqual(new Set(mutations));
  });

  it.each(Object.entries(cases))('detects %s', (_name, { mutation, detected, step = 9 }) => {
    const baseline = baselineOf(step);
    const mutated = verdicts(model(step, mutation));
    if ('rule' in detected) {
      const before = baseline.findings.filter((finding) => finding.ruleId === detected.rule);
      const raised = mutated.findings.filter(
        (finding) =>
          finding.ruleId === detected.rule && !before.some((earlier) => earlier.message === finding.message),
      );
      expect(raised.length, `no new ${detected.rule} finding`).toBeGreaterThan(0);
      expect(
        raised.some((finding) => detected.saying.every((words) => finding.message.includes(words))),
        raised.map((f) => f.message).join('\n'),
      ).toBe(true);
      expect(raised.every((finding) => finding.undetermined !== true)).toBe(true);
    } else {
      const before = flowNamed(baseline.flows, detected.flow);
      const after = flowNamed(mutated.flows, detected.flow);
      expect(before.holds).toBe(true);
      expect(after.holds).toBe(false);
      expect(after.trace.disposition).toBe(detected.disposition);
      for (const words of detected.saying) expect(after.trace.reason).toContain(words);
    }
  });
});
