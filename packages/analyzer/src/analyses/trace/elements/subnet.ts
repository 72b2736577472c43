import type { RouteTarget, Subnet } from '../../../model/types.js';
import type { Hop, Step } from '../../types.js';
import { describeAddress } from '../address.js';
import { stopped, subnetHop } from '../core/hops.js';
import type { Departed, Departure, Goal, Packet, Place, Session, Stop } from '../core/types.js';
import type { ModelIndex } from '../model-index.js';
import { evaluateNetworkAcl } from '../network-acls.js';
import { isNatPresence } from '../regional-nat.js';
import { lookupRoute } from '../routing.js';

/** A subnet: its route table picks where a packet goes next; its network ACL filters what leaves and enters it. */

/**
 * The packet at a network interface in a subnet: the subnet's hop, and the route the subnet's route table
 * picks for the destination. `visited` remembers each (subnet, destination, source) to stop a routing loop.
 */
export function departFrom(
  index: ModelIndex,
  place: Place,
  packet: Packet,
  goal: Goal,
  session: Session,
  hops: Hop[],
  visited: Set<string>,
): Departed {
  const subnet = index.subnets.get(place.subnetId);
  if (subnet === undefined) return stopped(hops, 'UNKNOWN', `subnet ${place.subnetId} is not in the model`);
  const key = `${subnet.id}|${describeAddress(packet.destination)}|${describeAddress(packet.source)}`;
  if (visited.has(key))
    return stopped(hops, 'NO_ROUTE', `routing loop: the packet returns to ${subnet.source.logicalId}`);
  visited.add(key);
  const table = index.routeTableOf(subnet);
  const steps: Step[] = [];
  hops.push(
    subnetHop(isNatPresence(subnet) ? 'nat gateway route table' : 'subnet', subnet.source, subnet, steps),
  );
  if (table === undefined) return stopped(hops, 'NO_ROUTE', `${subnet.source.logicalId} has no route table`);
  const lookup = lookupRoute(index, table, packet.destination);
  if (lookup.kind === 'unknown') return stopped(hops, 'UNKNOWN', lookup.reason);
  if (lookup.kind === 'none') {
    steps.push({
      action: 'no route',
      detail: `${table.source.logicalId} has no route to ${describeAddress(packet.destination)}`,
    });
    return stopped(
      hops,
      'NO_ROUTE',
      `route table ${table.source.logicalId} of ${subnet.source.logicalId} has no route to ${describeAddress(packet.destination)}`,
    );
  }
  steps.push({
    action: 'route',
    detail: `${lookup.destination} → ${describeTarget(index, lookup.route.target)} (${table.main ? `main table of ${table.source.logicalId}` : table.source.logicalId})`,
    source: lookup.route.source,
  });
  const departure = {
    index,
    subnet,
    vpcId: subnet.vpcId,
    packet,
    goal,
    session,
    route: lookup.route,
    steps,
    hops,
  };
  return { kind: 'depart', departure };
}

/**
 * The outbound rules of the network ACL of the subnet the packet leaves; their step goes on the subnet's hop. A
 * packet that enters the VPC from a gateway leaves no subnet.
 */
export function leaveSubnet(departure: Departure): Stop | undefined {
  const { index, subnet, packet } = departure;
  if (subnet === undefined) return undefined;
  const out = index.networkAclOf(subnet);
  if (out === undefined) return undefined;
  const verdict = evaluateNetworkAcl(
    index,
    out,
    'egress',
    packet.destination,
    packet.protocol,
    packet.destinationPorts,
  );
  departure.steps.push(verdict.step);
  return verdict.kind === 'allow'
    ? undefined
    : stopped(departure.hops, verdict.kind === 'deny' ? 'DENIED_BY_NACL' : 'UNKNOWN', verdict.reason);
}

/**
 * NACLs apply where a packet leaves one subnet for another: outbound here, inbound there. The inbound step
 * (`arrivalSteps`) goes on the hop of whatever receives the packet in `next`.
 */
export function crossSubnets(
  departure: Departure,
  next: Subnet,
): Stop | { readonly kind: 'entered'; readonly arrivalSteps: Step[] } {
  const arrivalSteps: Step[] = [];
  if (next.id === departure.subnet?.id) return { kind: 'entered', arrivalSteps };
  const left = leaveSubnet(departure);
  if (left !== undefined) return left;
  const { index, packet, hops } = departure;
  const into = index.networkAclOf(next);
  if (into !== undefined) {
    const verdict = evaluateNetworkAcl(
      index,
      into,
      'ingress',
      packet.source,
      packet.protocol,
      packet.destinationPorts,
    );
    arrivalSteps.push(verdict.step);
    if (verdict.kind !== 'allow') {
      hops.push(subnetHop('subnet', next.source, next, arrivalSteps));
      return stopped(hops, verdict.kind === 'deny' ? 'DENIED_BY_NACL' : 'UNKNOWN', verdict.reason);
    }
  }
  return { kind: 'entered', arrivalSteps };
}

/** How a route step names its target. */
export function describeTarget(index: ModelIndex, target: RouteTarget): string {
  switch (target.kind) {
    case 'local':
      return 'local';
    case 'internet-gateway':
      return `igw ${target.id.split('/').pop()}`;
    case 'nat-gateway':
      return `nat ${index.natGateways.get(target.id)?.source.logicalId ?? target.id}`;
    case 'transit-gateway':
      return `tgw ${target.id.split('/').pop()}`;
    case 'firewall-endpoint':
      return `firewall endpoint ${target.availabilityZone.known ? target.availabilityZone.value : `${target.assumedAvailabilityZone ?? '?'} (assumed)`}`;
    case 'gateway-endpoint':
      return `gateway endpoint ${target.id.split('/').pop()}`;
    case 'gateway-load-balancer-endpoint':
      return `gwlb endpoint ${target.id.split('/').pop()}`;
    case 'network-interface':
    case 'instance':
      return `${target.kind === 'instance' ? 'instance' : 'eni'} ${target.id.known ? target.id.value.split('/').pop() : '(unresolved)'}`;
    case 'blackhole':
      return 'blackhole';
    case 'unknown':
      return 'unknown target';
    default:
      return target.kind;
  }
}
