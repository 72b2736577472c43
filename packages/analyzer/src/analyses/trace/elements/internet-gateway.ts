import type { ElementId } from '../../../model/types.js';
import { describeAddress } from '../address.js';
import { ended, stopped } from '../core/hops.js';
import type { Departure, Forwarding } from '../core/types.js';
import { bypassedCrossings } from './firewall-endpoint.js';
import { leaveSubnet } from './subnet.js';

/**
 * The internet gateway: a route to it carries a packet from a public address to the internet; a client on
 * the internet enters by it to a public address; the reply of an egress connection comes back by it.
 */

/** A route to the internet gateway: the packet leaves for the internet, if its source can be translated. */
export function forwardToInternetGateway(departure: Departure, gatewayId: ElementId): Forwarding {
  const { index, subnet, place, packet, goal, session, hops, route } = departure;
  const gateway = index.internetGatewayByVpc.get(subnet.vpcId);
  if (gateway === undefined || gateway.id !== gatewayId) {
    return stopped(
      hops,
      'NO_ROUTE',
      `the internet gateway of route ${route.source.logicalId} is not attached to this VPC`,
    );
  }
  if (goal.kind !== 'public' || packet.destination.kind !== 'public') {
    return stopped(
      hops,
      'NO_ROUTE',
      `${describeAddress(packet.destination)} is a private address; the internet does not route it`,
    );
  }
  const left = leaveSubnet(departure);
  if (left !== undefined) return left;
  // An internet gateway translates only addresses that have a public IPv4 address or an Elastic IP.
  // https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html
  if (packet.source.kind === 'private' && !place.publicIp) {
    hops.push({
      kind: 'internet gateway',
      node: gateway.source,
      steps: [{ action: 'drop', detail: `${place.node.logicalId} has no public IP to translate to` }],
    });
    return stopped(
      hops,
      'NO_ROUTE',
      `${place.node.logicalId} has no public IP, so internet gateway ${gateway.source.logicalId} cannot carry its traffic; route it through a NAT gateway`,
    );
  }
  hops.push({
    kind: 'internet gateway',
    node: gateway.source,
    steps: [{ action: 'forward', detail: '→ internet' }],
  });
  const bypassed = bypassedCrossings(session);
  if (bypassed !== undefined) return stopped(hops, 'DROPPED_BY_FIREWALL', bypassed);
  return ended({
    disposition: 'ACCEPTED',
    hops,
    exit: { kind: 'internet-gateway', gateway, ...(session.nat ? { nat: session.nat } : {}) },
  });
}
