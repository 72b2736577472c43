import type { ElementId } from '../../../model/types.js';
import type { Disposition, Flow, Hop, Step } from '../../types.js';
import { type Address, describeAddress } from '../address.js';
import { ended, failed, newSession, stopped, subnetHop } from '../core/hops.js';
import type {
  Departure,
  Exit,
  Forward,
  Forwarding,
  Leg,
  Located,
  Packet,
  ReplyStart,
} from '../core/types.js';
import type { ModelIndex } from '../model-index.js';
import { evaluateNetworkAcl } from '../network-acls.js';
import { evaluateSecurityGroups } from '../security-groups.js';
import { bypassedCrossings } from './firewall-endpoint.js';
import { reverseNat } from './nat-gateway.js';
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

/**
 * Internet → internet gateway → a public network interface (load balancer node, public IP): the entry
 * subnet's network ACL and the interface's security groups decide; `then` continues from the interface.
 */
export function enterFromInternet(
  index: ModelIndex,
  flow: Flow,
  client: Address,
  entry: Located,
  assumptions: string[],
  then: (forward: Forward) => Forward,
): Forward {
  const gateway = index.internetGatewayByVpc.get(entry.vpcId);
  if (gateway === undefined) {
    return failed(
      'NOT_REACHABLE_FROM_INTERNET',
      `the VPC of ${entry.place.node.logicalId} has no internet gateway`,
    );
  }
  const hops: Hop[] = [
    {
      kind: 'internet gateway',
      node: gateway.source,
      steps: [{ action: 'forward', detail: `internet → public IP of ${entry.place.node.logicalId}` }],
    },
  ];
  const steps: Step[] = [];
  hops.push(subnetHop(entry.place.hopKind, entry.place.node, entry.subnet, steps));
  const session = newSession(assumptions);
  const packet: Packet = {
    source: client,
    destination: entry.address,
    protocol: flow.protocol,
    port: flow.port,
    destinationPorts: { from: flow.port, to: flow.port },
    sourceGroupIds: [],
  };
  const leg = (disposition: Disposition, reason?: string): Forward => ({
    disposition,
    hops,
    legs: [
      { packet, session, outcome: { disposition, hops: [], ...(reason ? { reason } : {}) }, reached: entry },
    ],
    ...(reason ? { reason } : {}),
  });
  const acl = index.networkAclOf(entry.subnet);
  if (acl !== undefined) {
    const verdict = evaluateNetworkAcl(index, acl, 'ingress', client, flow.protocol, packet.destinationPorts);
    steps.push(verdict.step);
    if (verdict.kind !== 'allow')
      return leg(verdict.kind === 'deny' ? 'DENIED_BY_NACL' : 'UNKNOWN', verdict.reason);
  }
  if (entry.place.securityGroupsApply) {
    const verdict = evaluateSecurityGroups(
      index,
      entry.place.securityGroupIds,
      'ingress',
      { address: client, securityGroupIds: [] },
      flow.protocol,
      flow.port,
      entry.place.node,
    );
    steps.push(verdict.step);
    if (verdict.kind !== 'allow')
      return leg(verdict.kind === 'deny' ? 'DENIED_BY_SECURITY_GROUP' : 'UNKNOWN', verdict.reason);
  }
  return then(leg('ACCEPTED'));
}

/**
 * The reply to a connection that left by the internet gateway: back through the NAT gateway that translated
 * the request, or straight to the sender's public IP.
 */
export function replyFromInternet(
  index: ModelIndex,
  exit: Extract<Exit, { kind: 'internet-gateway' }>,
  leg: Leg,
): ReplyStart {
  const hops: Hop[] = [
    {
      kind: 'internet gateway',
      node: exit.gateway.source,
      steps: [
        {
          action: 'reply',
          detail: `internet → ${exit.nat ? `Elastic IP of ${exit.nat.source.logicalId}` : 'public IP'}`,
        },
      ],
    },
  ];
  const nat = exit.nat;
  if (nat !== undefined) {
    const translated = reverseNat(index, nat, leg.packet.source);
    return { kind: 'walk', hops: [...hops, translated.hop], from: translated.place };
  }
  if (leg.from === undefined) return ended({ disposition: 'ACCEPTED', hops });
  hops.push(
    subnetHop(leg.from.place.hopKind, leg.from.place.node, leg.from.subnet, [
      { action: 'stateful', detail: 'reply to its public IP' },
    ]),
  );
  return ended({ disposition: 'ACCEPTED', hops });
}
