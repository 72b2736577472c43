import { parseIpv4 } from '../../../model/ip.js';
import type { ElementId, LoadBalancer, Source, Subnet, VpcEndpoint } from '../../../model/types.js';
import { type Address, privateAddress } from '../address.js';
import type { ModelIndex } from '../model-index.js';
import { azOf } from './hops.js';
import type { Located, Place, PublicIp } from './types.js';

/** Where the network interfaces of each element are: tasks, instances, load balancer nodes, endpoint and VPC link ENIs. */

/** The public IP of an interface that has one (public IP, Elastic IP, internet-facing load balancer node). */
export const publicIpOf = (located: Located): PublicIp | undefined =>
  located.place.publicIp
    ? { label: `public IP of ${located.place.node.logicalId}`, vpcId: located.vpcId }
    : undefined;

/** Model ids are `${stack}/${logicalId}` (see `ElementId`). */
export const elementIdOf = (source: Source): ElementId => `${source.stack}/${source.logicalId}`;

/**
 * An interface no security group filters: one AWS runs for a NAT gateway, firewall endpoint or TGW attachment,
 * or an address in a subnet that no known interface holds.
 */
export const managedInterface = (
  subnetId: ElementId,
  hopKind: string,
  node: Source,
  publicIp = false,
): Place => ({ subnetId, securityGroupIds: [], publicIp, hopKind, node, securityGroupsApply: false });

/** One subnet per AZ, in the order the resource lists them. */
function onePerAz(subnets: readonly (Subnet | undefined)[]): Subnet[] {
  const seen = new Set<string>();
  return subnets.flatMap((subnet) => {
    if (subnet === undefined) return [];
    const key = azOf(subnet) ?? subnet.id;
    if (seen.has(key)) return [];
    seen.add(key);
    return [subnet];
  });
}

/** Picks the subnet of the wanted AZ, else the first. */
const inZone = (subnets: readonly Subnet[], zone: string | undefined): Subnet | undefined =>
  subnets.find((subnet) => zone !== undefined && azOf(subnet) === zone) ?? subnets[0];

function located(
  index: ModelIndex,
  subnet: Subnet,
  place: Omit<Place, 'subnetId'>,
  fixedIp?: string,
): Located {
  const zone = azOf(subnet);
  const cidr = index.cidr(fixedIp !== undefined ? { known: true, value: `${fixedIp}/32` } : subnet.cidr);
  const address: Address = cidr
    ? privateAddress(cidr, fixedIp ?? `${place.node.logicalId} (in ${subnet.source.logicalId})`)
    : { kind: 'public', label: `${place.node.logicalId} (subnet CIDR unknown)` };
  return {
    place: { ...place, subnetId: subnet.id },
    subnet,
    vpcId: subnet.vpcId,
    address,
    ...(zone ? { availabilityZone: zone } : {}),
  };
}

/** A task of a service, or an instance: one place per AZ the workload spans. */
export function workloadPlaces(index: ModelIndex, id: ElementId): Located[] {
  const service = index.ecsServices.get(id);
  if (service !== undefined) {
    return onePerAz(service.subnetIds.map((subnetId) => index.subnets.get(subnetId))).map((subnet) =>
      located(index, subnet, {
        hopKind: 'task ENI',
        node: service.source,
        securityGroupIds: service.securityGroupIds,
        publicIp: service.assignPublicIp,
        securityGroupsApply: true,
      }),
    );
  }
  const instance = index.instances.get(id);
  const subnet = instance ? index.subnets.get(instance.subnetId) : undefined;
  if (instance === undefined || subnet === undefined) return [];
  return [
    located(
      index,
      subnet,
      {
        hopKind: 'instance ENI',
        node: instance.source,
        securityGroupIds: instance.securityGroupIds,
        publicIp: instance.publicIp,
        securityGroupsApply: true,
      },
      instance.privateIp,
    ),
  ];
}

export const workloadPlace = (index: ModelIndex, id: ElementId, zone?: string): Located | undefined => {
  const places = workloadPlaces(index, id);
  return places.find((candidate) => zone !== undefined && candidate.availabilityZone === zone) ?? places[0];
};

/** The AZs a load balancer has a node in, in the order of its subnets. */
export const loadBalancerZones = (index: ModelIndex, balancer: LoadBalancer): string[] =>
  onePerAz(balancer.subnetIds.map((id) => index.subnets.get(id))).flatMap((subnet) => azOf(subnet) ?? []);

/** A load balancer node: one per AZ it is enabled in, at its fixed private IP when it has one. */
export function loadBalancerPlace(
  index: ModelIndex,
  balancer: LoadBalancer,
  zone?: string,
): Located | undefined {
  const subnet = inZone(onePerAz(balancer.subnetIds.map((id) => index.subnets.get(id))), zone);
  if (subnet === undefined) return undefined;
  const fixed = balancer.privateIpsBySubnet[subnet.id];
  return located(
    index,
    subnet,
    {
      hopKind: 'load balancer',
      node: balancer.source,
      securityGroupIds: balancer.securityGroupIds,
      publicIp: balancer.scheme === 'internet-facing',
      // An NLB created without security groups filters nothing.
      securityGroupsApply: balancer.kind === 'application' || balancer.securityGroupIds.length > 0,
    },
    fixed?.known ? fixed.value : undefined,
  );
}

export function interfaceEndpointPlace(
  index: ModelIndex,
  endpoint: VpcEndpoint,
  zone?: string,
): Located | undefined {
  const subnet = inZone(onePerAz(endpoint.subnetIds.map((id) => index.subnets.get(id))), zone);
  if (subnet === undefined) return undefined;
  return located(index, subnet, {
    hopKind: 'interface endpoint',
    node: endpoint.source,
    securityGroupIds: endpoint.securityGroupIds,
    publicIp: false,
    securityGroupsApply: true,
  });
}

/** The ENIs of a VPC link V2, in the link's subnets and with its security groups. */
export function vpcLinkPlace(index: ModelIndex, linkId: ElementId, zone?: string): Located | undefined {
  const link = index.vpcLinks.get(linkId);
  const subnet = link ? inZone(onePerAz(link.subnetIds.map((id) => index.subnets.get(id))), zone) : undefined;
  if (link === undefined || subnet === undefined) return undefined;
  return located(index, subnet, {
    hopKind: 'vpc link',
    node: link.source,
    securityGroupIds: link.securityGroupIds,
    publicIp: false,
    securityGroupsApply: true,
  });
}

/** A private IP: an instance's or a load balancer's fixed IP, or an address in some subnet. */
export function privateTarget(
  index: ModelIndex,
  address: string,
  zone: string | undefined,
): Located | undefined {
  const instance = index.model.instances.find((candidate) => candidate.privateIp === address);
  if (instance !== undefined) return workloadPlace(index, instance.id);
  for (const balancer of index.model.loadBalancers) {
    for (const [subnetId, ip] of Object.entries(balancer.privateIpsBySubnet)) {
      if (ip.known && ip.value === address) {
        const subnet = index.subnets.get(subnetId);
        return loadBalancerPlace(
          index,
          balancer,
          subnet?.availabilityZone.known ? subnet.availabilityZone.value : zone,
        );
      }
    }
  }
  const ip = parseIpv4(address);
  if (ip === undefined) return undefined;
  const range = { first: ip, last: ip };
  for (const vpc of index.model.vpcs) {
    const subnet = index.subnetHolding(vpc.id, range);
    if (subnet !== undefined) {
      const subnetZone = azOf(subnet);
      return {
        place: managedInterface(subnet.id, 'address', subnet.source),
        subnet,
        vpcId: vpc.id,
        address: { kind: 'private', range, label: address },
        ...(subnetZone ? { availabilityZone: subnetZone } : {}),
      };
    }
  }
  return undefined;
}

/**
 * A network interface somewhere in a subnet (a flow from or to a subnet, or a private IP in it), whose security
 * groups the flow does not name: none apply. It has a public IP when the subnet gives one at launch
 * (`MapPublicIpOnLaunch`), as an instance launched there without other settings gets.
 * https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html#subnet-public-ip
 */
export function subnetPlace(index: ModelIndex, subnet: Subnet, address?: string): Located | undefined {
  const cidr = index.cidr(address === undefined ? subnet.cidr : { known: true, value: `${address}/32` });
  if (cidr === undefined) return undefined;
  const zone = azOf(subnet);
  return {
    place: managedInterface(subnet.id, 'subnet', subnet.source, subnet.mapPublicIpOnLaunch),
    subnet,
    vpcId: subnet.vpcId,
    address: privateAddress(cidr, address ?? `an interface in ${subnet.source.logicalId}`),
    ...(zone ? { availabilityZone: zone } : {}),
  };
}
