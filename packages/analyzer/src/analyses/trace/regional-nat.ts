import type { ElementId, NatGateway, NetworkModel, Subnet } from '../../model/types.js';
import { known } from '../../model/types.js';

/**
 * A regional NAT gateway (`AvailabilityMode: regional`) is in no subnet: it is present in each AZ it serves and
 * sends what it translated on by a route table of its own
 * (https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateways-regional.html). The tracer walks subnets, so each
 * presence is a subnet of its own to the tracer, and only to it: in the NAT gateway's AZ, routed by the NAT
 * gateway's table, with no network ACL (a network ACL is a subnet's, and the gateway has none), its address
 * somewhere in the VPC's CIDR (AWS does not say which).
 */

const NAT_GATEWAY = 'AWS::EC2::NatGateway';

const presenceId = (natId: ElementId, zone: string): ElementId => `${natId}#in#${zone}`;

/** True for the tracer's subnet of a regional NAT gateway's presence in an AZ. */
export const isNatPresence = (subnet: Subnet): boolean => subnet.source.type === NAT_GATEWAY;

/**
 * The AZs a regional NAT gateway is in: in automatic mode every AZ where its VPC has a subnet, which AWS expands
 * it to; in manual mode the AZs `AvailabilityZoneAddresses` lists (those the templates resolve).
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NatGateway.html (autoProvisionZones)
 */
function servedZones(nat: NatGateway, subnetsOfVpc: readonly Subnet[]): string[] {
  const placement = nat.placement;
  if (placement.kind !== 'regional') return [];
  const zones =
    placement.availabilityZones.kind === 'automatic'
      ? subnetsOfVpc.map((subnet) => subnet.availabilityZone)
      : placement.availabilityZones.zones;
  return [...new Set(zones.flatMap((zone) => (zone.known ? [zone.value] : [])))];
}

/** The tracer's subnets of every regional NAT gateway, one per AZ it serves. */
export function natPresences(
  model: NetworkModel,
  subnetsByVpc: ReadonlyMap<ElementId, readonly Subnet[]>,
): Subnet[] {
  return model.natGateways.flatMap((nat) => {
    const placement = nat.placement;
    if (placement.kind !== 'regional') return [];
    const cidr = model.vpcs.find((vpc) => vpc.id === placement.vpcId)?.cidrs[0];
    if (cidr === undefined) return [];
    return servedZones(nat, subnetsByVpc.get(placement.vpcId) ?? []).map(
      (zone): Subnet => ({
        id: presenceId(nat.id, zone),
        source: nat.source,
        vpcId: placement.vpcId,
        cidr,
        availabilityZone: known(zone),
        mapPublicIpOnLaunch: false,
        routeTableId: placement.routeTableId,
      }),
    );
  });
}

/** The presence of a regional NAT gateway in an AZ, if it serves that AZ. */
export const natPresenceIn = (
  subnets: ReadonlyMap<ElementId, Subnet>,
  nat: NatGateway,
  zone: string,
): Subnet | undefined => subnets.get(presenceId(nat.id, zone));
