/**
 * Small typed factories for hand-built network models: each takes the few facts a test cares about and
 * fills the rest with the values a plain CDK synthesis would give. Ids follow the model's `${stack}/${logicalId}`.
 */

import { parseRuleText } from '../../../src/model/suricata/parse-rules.js';
import {
  type EcsService,
  type ElementId,
  type Firewall,
  type FirewallPolicy,
  type FirewallRuleGroup,
  type FlowLog,
  type Instance,
  type InternetGateway,
  known,
  type Listener,
  type LoadBalancer,
  type NatGateway,
  type NetworkModel,
  type RestApi,
  type Route,
  type RouteTable,
  type RouteTarget,
  type SecurityGroup,
  type SecurityGroupRule,
  type Source,
  type StatefulRule,
  type Subnet,
  type TargetGroup,
  type TransitGateway,
  type TransitGatewayAttachment,
  type TransitGatewayRouteTable,
  type Vpc,
  type VpcEndpoint,
  type VpcLink,
  type WebAcl,
} from '../../../src/model/types.js';
import { emptyModel } from '../../support/empty-model.js';

export const STACK = 'Net';

export const src = (logicalId: string, type: string, stack = STACK): Source => ({ stack, logicalId, type });
const element = (logicalId: string, type: string, stack = STACK) => ({
  id: `${stack}/${logicalId}`,
  source: src(logicalId, type, stack),
});

export function model(parts: Partial<NetworkModel>): NetworkModel {
  return {
    ...emptyModel(),
    stacks: [{ name: STACK, account: known('111111111111'), region: known('eu-central-1') }],
    ...parts,
  };
}

export const vpc = (logicalId: string, cidr: string, flowLogIds: readonly ElementId[] = []): Vpc => ({
  ...element(logicalId, 'AWS::EC2::VPC'),
  stack: STACK,
  cidrs: [known(cidr)],
  flowLogIds,
});

export const subnet = (
  logicalId: string,
  inVpc: Vpc,
  cidr: string,
  az: string,
  more: Partial<Subnet> = {},
): Subnet => ({
  ...element(logicalId, 'AWS::EC2::Subnet'),
  vpcId: inVpc.id,
  cidr: known(cidr),
  availabilityZone: known(az),
  mapPublicIpOnLaunch: false,
  ...more,
});

export const route = (cidr: string, target: RouteTarget, logicalId = `Route${cidr}`): Route => ({
  destination: { kind: 'cidr', cidr: known(cidr) },
  target,
  source: src(logicalId, 'AWS::EC2::Route'),
});

/** A route table with the implicit local route of its VPC, associated with `subnets` (which must name it). */
export const routeTable = (logicalId: string, inVpc: Vpc, routes: readonly Route[]): RouteTable => ({
  ...element(logicalId, 'AWS::EC2::RouteTable'),
  vpcId: inVpc.id,
  main: false,
  routes: [
    ...inVpc.cidrs.map((cidr) => ({
      destination: { kind: 'cidr' as const, cidr },
      target: { kind: 'local' as const },
      source: inVpc.source,
    })),
    ...routes,
  ],
});

export const internetGateway = (logicalId: string, attachedTo?: Vpc): InternetGateway => ({
  ...element(logicalId, 'AWS::EC2::InternetGateway'),
  ...(attachedTo === undefined ? {} : { vpcId: attachedTo.id }),
});

export const natGateway = (logicalId: string, inSubnet: Subnet): NatGateway => ({
  ...element(logicalId, 'AWS::EC2::NatGateway'),
  placement: { kind: 'zonal', subnetId: inSubnet.id },
  connectivity: 'public',
});

export const transitGateway = (logicalId: string, more: Partial<TransitGateway> = {}): TransitGateway => ({
  ...element(logicalId, 'AWS::EC2::TransitGateway'),
  defaultRouteTableAssociation: false,
  defaultRouteTablePropagation: false,
  ...more,
});

export const tgwAttachment = (
  logicalId: string,
  tgw: TransitGateway,
  inVpc: Vpc,
  subnets: readonly Subnet[],
  more: Partial<TransitGatewayAttachment> = {},
): TransitGatewayAttachment => ({
  ...element(logicalId, 'AWS::EC2::TransitGatewayAttachment'),
  transitGatewayId: tgw.id,
  vpcId: inVpc.id,
  subnetIds: subnets.map((s) => s.id),
  applianceMode: false,
  stack: STACK,
  ...more,
});

export const tgwRouteTable = (
  logicalId: string,
  tgw: TransitGateway,
  more: Partial<TransitGatewayRouteTable> = {},
): TransitGatewayRouteTable => ({
  ...element(logicalId, 'AWS::EC2::TransitGatewayRouteTable'),
  transitGatewayId: tgw.id,
  associatedAttachmentIds: [],
  propagatingAttachmentIds: [],
  routes: [],
  ...more,
});

export const firewallPolicy = (logicalId: string, more: Partial<FirewallPolicy> = {}): FirewallPolicy => ({
  ...element(logicalId, 'AWS::NetworkFirewall::FirewallPolicy'),
  ruleOrder: 'STRICT_ORDER',
  statelessDefaultActions: ['aws:forward_to_sfe'],
  statelessFragmentDefaultActions: ['aws:forward_to_sfe'],
  statelessCustomActions: [],
  statelessRuleGroups: [],
  statefulDefaultActions: ['aws:drop_established'],
  statefulRuleGroups: [],
  ...more,
});

export const passDomain = (domain: string): StatefulRule =>
  parseRuleText(
    `pass tls $HOME_NET any -> $EXTERNAL_NET 443 (tls.sni; content:"${domain}"; startswith; endswith; msg:"allow ${domain}"; flow:to_server; sid:1;)`,
  );

export const ruleGroup = (
  logicalId: string,
  homeNet: readonly string[] | undefined,
  rules: readonly StatefulRule[],
): FirewallRuleGroup => ({
  ...element(logicalId, 'AWS::NetworkFirewall::RuleGroup'),
  kind: 'STATEFUL',
  ipSets: homeNet === undefined ? {} : { HOME_NET: homeNet.map((cidr) => known(cidr)) },
  portSets: {},
  ipSetReferences: {},
  rules,
});

export const firewall = (
  logicalId: string,
  inVpc: Vpc,
  subnets: readonly Subnet[],
  policy: FirewallPolicy,
  more: Partial<Firewall> = {},
): Firewall => ({
  ...element(logicalId, 'AWS::NetworkFirewall::Firewall'),
  vpcId: inVpc.id,
  subnetIds: subnets.map((s) => s.id),
  policyId: known(policy.id),
  logTypes: ['ALERT', 'FLOW'],
  ...more,
});

export const ingressRule = (port: number, cidr: string, group = 'Sg'): SecurityGroupRule => ({
  direction: 'ingress',
  protocol: 'tcp',
  fromPort: port,
  toPort: port,
  peer: { kind: 'cidr', cidr: known(cidr) },
  source: src(group, 'AWS::EC2::SecurityGroup'),
});

export const egressRule = (port: number, cidr: string, group = 'Sg'): SecurityGroupRule => ({
  ...ingressRule(port, cidr, group),
  direction: 'egress',
});

/** CDK's `allowAllOutbound`: all traffic to anywhere. */
export const allowAllOutbound = (group = 'Sg'): SecurityGroupRule => ({
  direction: 'egress',
  protocol: 'all',
  fromPort: 0,
  toPort: 65535,
  peer: { kind: 'cidr', cidr: known('0.0.0.0/0') },
  source: src(group, 'AWS::EC2::SecurityGroup'),
});

export const securityGroup = (
  logicalId: string,
  inVpc: Vpc,
  rules: readonly Omit<SecurityGroupRule, 'source'>[],
): SecurityGroup => ({
  ...element(logicalId, 'AWS::EC2::SecurityGroup'),
  vpcId: known(inVpc.id),
  rules: rules.map((rule) => ({ ...rule, source: src(logicalId, 'AWS::EC2::SecurityGroup') })),
});

export const ecsService = (
  logicalId: string,
  subnets: readonly Subnet[],
  more: Partial<EcsService> = {},
): EcsService => ({
  ...element(logicalId, 'AWS::ECS::Service'),
  subnetIds: subnets.map((s) => s.id),
  securityGroupIds: [],
  assignPublicIp: false,
  desiredCount: 2,
  launchType: 'FARGATE',
  cpuVcpu: known(0.25),
  memoryGb: known(0.5),
  startupServices: [],
  containerPorts: [8080],
  targetGroupPorts: {},
  targetGroupIds: [],
  ...more,
});

export const instance = (logicalId: string, inSubnet: Subnet, more: Partial<Instance> = {}): Instance => ({
  ...element(logicalId, 'AWS::EC2::Instance'),
  subnetId: inSubnet.id,
  securityGroupIds: [],
  publicIp: false,
  instanceType: known('t3.micro'),
  userData: false,
  ...more,
});

export const loadBalancer = (
  logicalId: string,
  subnets: readonly Subnet[],
  more: Partial<LoadBalancer> = {},
): LoadBalancer => ({
  ...element(logicalId, 'AWS::ElasticLoadBalancingV2::LoadBalancer'),
  kind: 'application',
  scheme: 'internal',
  subnetIds: subnets.map((s) => s.id),
  privateIpsBySubnet: {},
  securityGroupIds: [],
  crossZone: true,
  privateLinkInboundRules: true,
  listeners: [],
  ...more,
});

export const listener = (
  logicalId: string,
  port: number,
  targetGroups: readonly TargetGroup[] = [],
): Listener => ({
  ...element(logicalId, 'AWS::ElasticLoadBalancingV2::Listener'),
  port,
  protocol: port === 443 ? 'HTTPS' : 'HTTP',
  defaultActions: [{ kind: 'forward', targetGroupIds: targetGroups.map((group) => group.id) }],
  rules: [],
});

export const targetGroup = (logicalId: string, more: Partial<TargetGroup> = {}): TargetGroup => ({
  ...element(logicalId, 'AWS::ElasticLoadBalancingV2::TargetGroup'),
  targetType: 'ip',
  port: 8080,
  protocol: 'HTTP',
  targets: [],
  ecsServiceIds: [],
  ...more,
});

export const interfaceEndpoint = (
  logicalId: string,
  inVpc: Vpc,
  service: string,
  subnets: readonly Subnet[],
  more: Partial<VpcEndpoint> = {},
): VpcEndpoint => ({
  ...element(logicalId, 'AWS::EC2::VPCEndpoint'),
  vpcId: inVpc.id,
  kind: 'Interface',
  serviceName: known(`com.amazonaws.eu-central-1.${service}`),
  service: known(service),
  subnetIds: subnets.map((s) => s.id),
  securityGroupIds: [],
  privateDnsEnabled: true,
  routeTableIds: [],
  ...more,
});

export const gatewayEndpoint = (
  logicalId: string,
  inVpc: Vpc,
  service: string,
  tables: readonly RouteTable[],
): VpcEndpoint => ({
  ...interfaceEndpoint(logicalId, inVpc, service, [], { kind: 'Gateway', privateDnsEnabled: false }),
  routeTableIds: tables.map((table) => table.id),
});

export const restApi = (logicalId: string, more: Partial<RestApi> = {}): RestApi => ({
  ...element(logicalId, 'AWS::ApiGateway::RestApi'),
  endpointType: 'REGIONAL',
  stages: [
    {
      ...element(`${logicalId}Stage`, 'AWS::ApiGateway::Stage'),
      stageName: 'prod',
      throttlingRateLimit: 50,
      throttlingBurstLimit: 100,
      accessLogs: true,
    },
  ],
  integrations: [],
  ...more,
});

export const webAcl = (logicalId: string, associatedIds: readonly ElementId[]): WebAcl => ({
  ...element(logicalId, 'AWS::WAFv2::WebACL'),
  scope: 'REGIONAL',
  defaultAction: 'allow',
  rules: [],
  associatedIds,
  logging: true,
});

export const flowLog = (logicalId: string, of: Vpc): FlowLog => ({
  ...element(logicalId, 'AWS::EC2::FlowLog'),
  resourceId: known(of.id),
  trafficType: 'ALL',
});

export const vpcLinkV2 = (
  logicalId: string,
  subnets: readonly Subnet[],
  securityGroups: readonly SecurityGroup[],
): VpcLink => ({
  ...element(logicalId, 'AWS::ApiGatewayV2::VpcLink'),
  version: 'V2',
  targetLoadBalancerIds: [],
  subnetIds: subnets.map((s) => s.id),
  securityGroupIds: securityGroups.map((group) => known(group.id)),
});
