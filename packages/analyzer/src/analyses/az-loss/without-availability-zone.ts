import { parseCidr, rangeWithin } from '../../model/ip.js';
import type {
  ElementId,
  NatGateway,
  NetworkModel,
  Resolved,
  Route,
  RouteTarget,
  TransitGatewayRouteTable,
} from '../../model/types.js';

/**
 * The model as it is while `availabilityZone` is down: its subnets are gone with everything placed in them or
 * attached only there (NAT gateways, firewall endpoints, transit gateway attachment ENIs, load balancer nodes and
 * their fixed IPs, interface endpoint ENIs, instances); ECS keeps its services running in the remaining subnets.
 *
 * Routes whose target vanished stay and become blackholes, as a route to a deleted NAT gateway does: deleting a
 * NAT gateway does not delete its routes (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteNatGateway.html),
 * and a route whose target is not available is in the `blackhole` state
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Route.html). A subnet of unresolved AZ stays.
 */
export function withoutAvailabilityZone(model: NetworkModel, availabilityZone: string): NetworkModel {
  const lostSubnets = model.subnets.filter((subnet) => isIn(subnet.availabilityZone, availabilityZone));
  const lostSubnetIds = new Set(lostSubnets.map((subnet) => subnet.id));
  const lostRanges = lostSubnets.flatMap((subnet) =>
    subnet.cidr.known ? (parseCidr(subnet.cidr.value) ?? []) : [],
  );
  const keepSubnets = (ids: readonly ElementId[]) => ids.filter((id) => !lostSubnetIds.has(id));

  // A zonal NAT gateway is lost with its subnet. A regional one in automatic mode is in every AZ where its VPC has
  // subnets and goes on in the others; in manual mode it loses the AZ, and is lost when it listed no other.
  // https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateways-regional.html
  const natGateways = model.natGateways.flatMap((nat): NatGateway[] => {
    const placement = nat.placement;
    if (placement.kind === 'zonal') return lostSubnetIds.has(placement.subnetId) ? [] : [nat];
    if (placement.availabilityZones.kind === 'automatic') return [nat];
    const zones = placement.availabilityZones.zones.filter((zone) => !isIn(zone, availabilityZone));
    return zones.length === 0
      ? []
      : [{ ...nat, placement: { ...placement, availabilityZones: { kind: 'manual', zones } } }];
  });
  const keptNatIds = new Set(natGateways.map((nat) => nat.id));
  const lostNatIds = new Set(model.natGateways.filter((nat) => !keptNatIds.has(nat.id)).map((nat) => nat.id));
  const lostInstanceIds = new Set(
    model.instances.filter((instance) => lostSubnetIds.has(instance.subnetId)).map((instance) => instance.id),
  );
  const attachments = model.transitGatewayAttachments.map((attachment) => ({
    ...attachment,
    subnetIds: keepSubnets(attachment.subnetIds),
  }));
  // A firewall attached to a transit gateway loses its endpoint in the AZ; with none left, its attachment is lost.
  const firewalls = model.firewalls.map((firewall) => {
    const attachment = firewall.transitGatewayAttachment;
    return {
      ...firewall,
      subnetIds: keepSubnets(firewall.subnetIds),
      ...(attachment
        ? {
            transitGatewayAttachment: {
              ...attachment,
              availabilityZones: attachment.availabilityZones.filter((zone) => !isIn(zone, availabilityZone)),
            },
          }
        : {}),
    };
  });
  const lostAttachmentIds = new Set([
    ...attachments.filter((a) => a.subnetIds.length === 0).map((a) => a.id),
    ...firewalls.flatMap((firewall) =>
      firewall.transitGatewayAttachment?.availabilityZones.length === 0
        ? [firewall.transitGatewayAttachment.id]
        : [],
    ),
  ]);

  const targetVanished = (target: RouteTarget): boolean => {
    switch (target.kind) {
      case 'nat-gateway':
        return lostNatIds.has(target.id);
      case 'firewall-endpoint':
        return (
          (target.availabilityZone.known ? target.availabilityZone.value : target.assumedAvailabilityZone) ===
          availabilityZone
        );
      case 'instance':
        return target.id.known && lostInstanceIds.has(target.id.value);
      default:
        return false;
    }
  };
  const blackholed = (route: Route): Route =>
    targetVanished(route.target) ? { ...route, target: { kind: 'blackhole' } } : route;

  return {
    ...model,
    subnets: model.subnets.filter((subnet) => !lostSubnetIds.has(subnet.id)),
    routeTables: model.routeTables.map((table) => ({ ...table, routes: table.routes.map(blackholed) })),
    natGateways,
    elasticIps: model.elasticIps.map(({ attachedTo, ...eip }) =>
      attachedTo === undefined || lostNatIds.has(attachedTo) || lostInstanceIds.has(attachedTo)
        ? eip
        : { ...eip, attachedTo },
    ),
    transitGatewayAttachments: attachments.filter((attachment) => !lostAttachmentIds.has(attachment.id)),
    transitGatewayRouteTables: model.transitGatewayRouteTables.map((table) =>
      withoutAttachments(table, lostAttachmentIds),
    ),
    firewalls,
    loadBalancers: model.loadBalancers
      .map((lb) => ({
        ...lb,
        subnetIds: keepSubnets(lb.subnetIds),
        privateIpsBySubnet: Object.fromEntries(
          Object.entries(lb.privateIpsBySubnet).filter(([subnetId]) => !lostSubnetIds.has(subnetId)),
        ),
      }))
      .filter((lb) => lb.subnetIds.length > 0),
    // A registered target in the lost AZ (an NLB node's fixed IP, a lost instance) fails its health checks.
    targetGroups: model.targetGroups.map((group) => {
      const targets = group.targets.filter((target) => {
        if (target.availabilityZone === availabilityZone) return false;
        if (!target.address.known) return true;
        const range = parseCidr(target.address.value);
        return range === undefined
          ? !lostInstanceIds.has(target.address.value)
          : !lostRanges.some((lost) => rangeWithin(range, lost));
      });
      return targets.length === group.targets.length
        ? group
        : { ...group, targets, targetsLostWith: availabilityZone };
    }),
    ecsServices: model.ecsServices
      .map((service) => ({ ...service, subnetIds: keepSubnets(service.subnetIds) }))
      .filter((service) => service.subnetIds.length > 0),
    instances: model.instances.filter((instance) => !lostInstanceIds.has(instance.id)),
    vpcEndpoints: model.vpcEndpoints
      .map((endpoint) => ({ ...endpoint, subnetIds: keepSubnets(endpoint.subnetIds) }))
      .filter((endpoint) => endpoint.kind === 'Gateway' || endpoint.subnetIds.length > 0),
    vpcLinks: model.vpcLinks.map((link) => ({ ...link, subnetIds: keepSubnets(link.subnetIds) })),
  };
}

const isIn = (zone: Resolved<string>, availabilityZone: string): boolean =>
  zone.known && zone.value === availabilityZone;

/**
 * An attachment with no subnet left delivers nothing: its propagated routes are withdrawn and static routes to it
 * become blackholes.
 */
function withoutAttachments(
  table: TransitGatewayRouteTable,
  lost: ReadonlySet<ElementId>,
): TransitGatewayRouteTable {
  return {
    ...table,
    associatedAttachmentIds: table.associatedAttachmentIds.filter((id) => !lost.has(id)),
    propagatingAttachmentIds: table.propagatingAttachmentIds.filter((id) => !lost.has(id)),
    routes: table.routes.flatMap((route) => {
      if (route.target.kind !== 'attachment' || !lost.has(route.target.attachmentId)) return [route];
      return route.origin === 'propagated' ? [] : [{ ...route, target: { kind: 'blackhole' as const } }];
    }),
  };
}

/** The availability zones the model's subnets are in, sorted. */
export function availabilityZonesOf(model: NetworkModel): readonly string[] {
  return [
    ...new Set(
      model.subnets.flatMap((subnet) =>
        subnet.availabilityZone.known ? [subnet.availabilityZone.value] : [],
      ),
    ),
  ].sort();
}
