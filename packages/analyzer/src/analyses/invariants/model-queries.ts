import { groupBy } from '../../collections.js';
import { type AddressRange, parseCidr, rangeWithin } from '../../model/ip.js';
import type {
  ElementId,
  Firewall,
  NatGateway,
  NetworkModel,
  Resolved,
  Route,
  RouteDestination,
  RouteTable,
  RouteTarget,
  Source,
  Subnet,
  Vpc,
} from '../../model/types.js';
import { indexModel } from '../trace/model-index.js';

/*
 * Lookups go through the tracer's per-model index (built once, cached by model), so that no rule scans a list
 * inside a loop: a hub with hundreds of spokes is checked in linear time.
 */

/** The route table that decides for `subnet`: its explicit association, else its VPC's main table. */
export const routeTableOf = (model: NetworkModel, subnet: Subnet): RouteTable | undefined =>
  indexModel(model).routeTableOf(subnet);

/** The route a table uses for internet-bound IPv4 traffic: its `0.0.0.0/0` entry. */
export const defaultRouteOf = (table: RouteTable): Route | undefined =>
  table.routes.find(
    (route) =>
      route.destination.kind === 'cidr' &&
      route.destination.cidr.known &&
      route.destination.cidr.value === '0.0.0.0/0',
  );

export const subnetsOf = (model: NetworkModel, vpcId: ElementId): readonly Subnet[] =>
  indexModel(model).subnetsByVpc.get(vpcId) ?? [];

export const subnetById = (model: NetworkModel, id: ElementId): Subnet | undefined =>
  indexModel(model).subnets.get(id);

/** The VPC of a NAT gateway: its subnet's (zonal), or the one a regional NAT gateway is in. */
export const natVpcId = (model: NetworkModel, nat: NatGateway): ElementId | undefined =>
  nat.placement.kind === 'regional' ? nat.placement.vpcId : subnetById(model, nat.placement.subnetId)?.vpcId;

/** The route tables of each VPC. */
export const routeTablesByVpc = (model: NetworkModel): ReadonlyMap<ElementId, readonly RouteTable[]> =>
  groupBy(model.routeTables, (table) => table.vpcId);

/** A workload is an ECS service's tasks or an EC2 instance: something that runs the application. */
export interface Workload {
  readonly source: Source;
  readonly subnetIds: readonly ElementId[];
}

export const workloadsOf = (model: NetworkModel): readonly Workload[] => [
  ...model.ecsServices,
  ...model.instances.map((instance) => ({ source: instance.source, subnetIds: [instance.subnetId] })),
];

/** The VPCs whose subnets host a workload. */
export function vpcsRunningWorkloads(model: NetworkModel): readonly Vpc[] {
  const vpcIds = new Set(
    workloadsOf(model).flatMap((workload) =>
      workload.subnetIds.map((id) => subnetById(model, id)?.vpcId).filter((id) => id !== undefined),
    ),
  );
  return model.vpcs.filter((vpc) => vpcIds.has(vpc.id));
}

/** The known values of `values`, and the reason of the first unknown one, if any. */
export function partitionResolved<T>(values: readonly Resolved<T>[]): {
  readonly known: readonly T[];
  readonly unknownReason?: string;
} {
  const firstUnknown = values.find((value) => !value.known);
  return {
    known: values.flatMap((value) => (value.known ? [value.value] : [])),
    ...(firstUnknown !== undefined && !firstUnknown.known ? { unknownReason: firstUnknown.reason } : {}),
  };
}

/** A route destination as a person reads it: the CIDR or the prefix list. */
export function describeDestination(destination: RouteDestination): string {
  if (destination.kind === 'prefix-list') {
    return destination.prefixListId.known ? destination.prefixListId.value : 'a prefix list';
  }
  return destination.cidr.known ? destination.cidr.value : 'an unresolved CIDR';
}

/** The availability zone of a subnet, when the subnet exists and its AZ is known. */
export function availabilityZoneOf(model: NetworkModel, subnetId: ElementId): Resolved<string> {
  const subnet = subnetById(model, subnetId);
  return subnet === undefined
    ? { known: false, reason: `subnet ${subnetId} is not in the model` }
    : subnet.availabilityZone;
}

/** The route a table uses for `destination`: the most specific known CIDR route that contains it. */
export function routeFor(table: RouteTable, destination: AddressRange): Route | undefined {
  let best: { readonly route: Route; readonly size: number } | undefined;
  for (const route of table.routes) {
    if (route.destination.kind !== 'cidr' || !route.destination.cidr.known) continue;
    const range = parseCidr(route.destination.cidr.value);
    if (range === undefined || !rangeWithin(destination, range)) continue;
    const size = range.last - range.first;
    if (best === undefined || size < best.size) best = { route, size };
  }
  return best?.route;
}

/**
 * The CIDRs of the spokes of a central firewall: VPCs that send internet-bound traffic (0.0.0.0/0) to a transit
 * gateway whose route table for their attachment sends it on to the attachment of the firewall's VPC, or to the
 * firewall's own attachment when it is attached to the transit gateway.
 */
export function inspectedSpokeCidrs(model: NetworkModel, firewall: Firewall): readonly Resolved<string>[] {
  const inspectionAttachmentIds = new Set([
    ...model.transitGatewayAttachments
      .filter((attachment) => firewall.vpcId !== undefined && attachment.vpcId === firewall.vpcId)
      .map((attachment) => attachment.id),
    ...(firewall.transitGatewayAttachment ? [firewall.transitGatewayAttachment.id] : []),
  ]);
  const index = indexModel(model);
  const sendsInternetTrafficToInspection = (attachmentId: ElementId) =>
    index.tgwRouteTableByAttachment
      .get(attachmentId)
      ?.routes.some(
        (route) =>
          route.destination.known &&
          route.destination.value === '0.0.0.0/0' &&
          route.target.kind === 'attachment' &&
          inspectionAttachmentIds.has(route.target.attachmentId),
      ) ?? false;
  const tablesByVpc = routeTablesByVpc(model);
  const sendsInternetTrafficToTransitGateway = (vpcId: ElementId) =>
    (tablesByVpc.get(vpcId) ?? []).some((table) => defaultRouteOf(table)?.target.kind === 'transit-gateway');
  const spokeVpcIds = new Set(
    model.transitGatewayAttachments
      .filter((attachment) => !inspectionAttachmentIds.has(attachment.id))
      .filter((attachment) => sendsInternetTrafficToTransitGateway(attachment.vpcId))
      .filter((attachment) => sendsInternetTrafficToInspection(attachment.id))
      .map((attachment) => attachment.vpcId),
  );
  return model.vpcs.filter((vpc) => spokeVpcIds.has(vpc.id)).flatMap((vpc) => vpc.cidrs);
}

/** A route target as a person reads it: `nat-gateway Net/NatA`, `firewall endpoint of Net/Fw in eu-central-1a`. */
export function describeTarget(target: RouteTarget): string {
  switch (target.kind) {
    case 'local':
    case 'blackhole':
      return target.kind;
    case 'unknown':
      return `an unresolved target (${target.reason})`;
    case 'firewall-endpoint':
      return `firewall endpoint of ${target.firewallId}${zoneSuffix(target.availabilityZone.known ? target.availabilityZone.value : target.assumedAvailabilityZone)}`;
    case 'vpc-peering':
    case 'network-interface':
    case 'instance':
      return `${target.kind} ${target.id.known ? target.id.value : '(unresolved)'}`;
    default:
      return `${target.kind} ${target.id}`;
  }
}

const zoneSuffix = (zone: string | undefined): string => (zone === undefined ? '' : ` in ${zone}`);

/** The VPCs with an internet path of their own: an attached internet gateway, or a NAT gateway. */
export function vpcIdsWithOwnInternet(model: NetworkModel): ReadonlySet<ElementId> {
  return new Set([
    ...model.internetGateways.flatMap((gateway) => gateway.vpcId ?? []),
    ...model.natGateways.flatMap((nat) => natVpcId(model, nat) ?? []),
  ]);
}

/**
 * Those of `earlier` that CloudFormation may create after `later` or at the same time: no chain of DependsOn or
 * references leads from `later` to them. Breadth first, so that direct dependencies are found at once.
 */
export function notCreatedBefore(
  model: NetworkModel,
  later: ElementId,
  earlier: readonly ElementId[],
): readonly ElementId[] {
  const missing = new Set(earlier);
  const seen = new Set<ElementId>();
  const queue = [...(model.deployOrder[later] ?? [])];
  for (let at = 0; at < queue.length && missing.size > 0; at++) {
    const next = queue[at];
    if (next === undefined || seen.has(next)) continue;
    seen.add(next);
    missing.delete(next);
    queue.push(...(model.deployOrder[next] ?? []));
  }
  return earlier.filter((id) => missing.has(id));
}
