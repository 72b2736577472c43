import { mainRouteTableId } from '../../model/ids.js';
import { parseCidr } from '../../model/ip.js';
import type {
  EcsService,
  ElementId,
  Instance,
  NetworkModel,
  SecurityGroupRule,
  Subnet,
} from '../../model/types.js';
import type { Endpoint, ExpectedFlow, Flow } from '../types.js';

/** The facts about a network that the flows of each workload depend on, read once. */
export interface WorkloadContext {
  readonly model: NetworkModel;
  /** Host names the firewall passes (`.example.com` stands for `example.com`), in rule order. */
  readonly passDomains: readonly string[];
  /** A firewall that drops what no rule passes, so a host outside its pass list is dropped. */
  readonly deniesByDefault: boolean;
}

export type Workload = EcsService | Instance;

const DENIED_CANDIDATES = ['example.com', 'example.org', 'example.net'];

export const tcp = (from: Endpoint, to: Endpoint, port: number): Flow => ({
  from,
  to,
  protocol: 'tcp',
  port,
});

export const isService = (workload: Workload): workload is EcsService => 'containerPorts' in workload;

export const hasPublicIp = (workload: Workload): boolean =>
  isService(workload) ? workload.assignPublicIp : workload.publicIp;

/** A host outside the firewall's pass list, expected dropped when the firewall drops by default. */
export function deniedEgress(context: WorkloadContext, task: Endpoint): ExpectedFlow[] {
  if (!context.deniesByDefault) return [];
  const denied =
    DENIED_CANDIDATES.find((host) => !context.passDomains.includes(host)) ?? DENIED_CANDIDATES[0];
  return [
    {
      name: 'egress-denied',
      flow: tcp(task, { kind: 'host', hostname: denied ?? 'example.com' }, 443),
      expected: 'DROPPED_BY_FIREWALL',
    },
  ];
}

/** An AWS service reached from the workload; `privateOnly`: through a VPC endpoint, never a NAT gateway. */
export const awsServiceFlow = (task: Endpoint, service: string, privateOnly: boolean): ExpectedFlow => ({
  name: 'aws-services',
  flow: tcp(task, { kind: 'aws-service', service }, 443),
  expected: 'ACCEPTED',
  ...(privateOnly ? { via: 'vpc-endpoint' as const } : {}),
});

/** The first subnet a workload runs in. */
const workloadSubnet = (model: NetworkModel, workload: Workload): Subnet | undefined => {
  const subnetId = isService(workload) ? workload.subnetIds[0] : workload.subnetId;
  return model.subnets.find((subnet) => subnet.id === subnetId);
};

/** The VPC a workload runs in. */
export const workloadVpc = (model: NetworkModel, workload: Workload): ElementId | undefined =>
  workloadSubnet(model, workload)?.vpcId;

/**
 * The AWS services the template gives a workload a private way to, when its security groups let it open TCP 443
 * at all: each interface endpoint with private DNS in its VPC, each gateway endpoint on its subnet's route table.
 */
export function endpointServices(model: NetworkModel, workload: Workload): string[] {
  const subnet = workloadSubnet(model, workload);
  const rules = rulesOf(model, workload, 'egress');
  const opens443 =
    rules === undefined ||
    rules.some((rule) => rule.protocol === 'all' || (rule.protocol === 'tcp' && covers443(rule)));
  if (subnet === undefined || !opens443) return [];
  const table = subnet.routeTableId ?? mainRouteTableId(subnet.vpcId);
  return model.vpcEndpoints.flatMap((endpoint) =>
    endpoint.vpcId === subnet.vpcId &&
    endpoint.service.known &&
    ((endpoint.kind === 'Gateway' && endpoint.routeTableIds.includes(table)) ||
      (endpoint.kind === 'Interface' && endpoint.privateDnsEnabled))
      ? [endpoint.service.value]
      : [],
  );
}

const covers443 = (rule: SecurityGroupRule): boolean => rule.fromPort <= 443 && rule.toPort >= 443;

/** The rules of the workload's security groups in one direction; undefined when one of them is unknown. */
function rulesOf(model: NetworkModel, workload: Workload, direction: 'ingress' | 'egress') {
  const rules: SecurityGroupRule[] = [];
  for (const id of workload.securityGroupIds) {
    const group = id.known ? model.securityGroups.find((candidate) => candidate.id === id.value) : undefined;
    if (group === undefined) return undefined;
    rules.push(...group.rules.filter((rule) => rule.direction === direction));
  }
  return rules;
}

const fromAnywhere = (rule: SecurityGroupRule): boolean =>
  rule.peer.kind === 'cidr' && rule.peer.cidr.known && parseCidr(rule.peer.cidr.value)?.prefixLength === 0;

/**
 * Whether the workload's security groups let it open TCP 443 to the internet, which is how a template says it
 * means to reach it; a group Moat cannot read leaves the question open, and the flow is checked (its trace then
 * says UNKNOWN and why).
 */
export function meansInternetEgress(model: NetworkModel, workload: Workload): boolean {
  const rules = rulesOf(model, workload, 'egress');
  return (
    rules === undefined ||
    rules.some(
      (rule) =>
        fromAnywhere(rule) && (rule.protocol === 'all' || (rule.protocol === 'tcp' && covers443(rule))),
    )
  );
}

/**
 * The TCP ports the workload's security groups open to the whole internet (the first port of each rule): what a
 * public workload means to serve there.
 */
export function portsOpenToInternet(model: NetworkModel, workload: Workload): number[] {
  const ports = (rulesOf(model, workload, 'ingress') ?? []).flatMap((rule) => {
    if (!fromAnywhere(rule)) return [];
    if (rule.protocol === 'tcp') return [rule.fromPort];
    return rule.protocol === 'all' && isService(workload) ? workload.containerPorts.slice(0, 1) : [];
  });
  return [...new Set(ports)];
}
