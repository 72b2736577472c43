import type { Hop } from '../../types.js';
import { describeAddress } from '../address.js';
import { subnetHop } from '../core/hops.js';
import { publicIpOf } from '../core/places.js';
import type { Goal, Leg, Located, Packet, Session, WalkOutcome } from '../core/types.js';
import { walk, walkIn } from '../core/walk.js';
import { bypassedCrossings } from '../elements/firewall-endpoint.js';
import { replyFromGatewayEndpoint } from '../elements/vpc-endpoint.js';
import type { ModelIndex } from '../model-index.js';
import { EPHEMERAL_PORTS } from '../network-acls.js';

/**
 * The reply of one connection, from where it ended back to its sender, walked with the request's session so
 * that it must retrace the request's firewall crossings and TGW AZs. A NAT gateway that translated the request
 * receives the reply at its own address and translates it back, last NAT first, so the reply is walked in
 * stretches: to each NAT gateway, then to the sender. A reply that arrives without having crossed every firewall
 * endpoint the request crossed went around a firewall.
 */
export function traceReply(
  index: ModelIndex,
  leg: Leg,
  assumptions: string[],
): WalkOutcome & { session: Session } {
  const session: Session = {
    reply: true,
    crossings: [...leg.session.crossings],
    tgwAz: leg.session.tgwAz,
    assumptions,
    translations: [],
    undecided: [],
  };
  // The request's NAT gateways, last first, at the interface that translated the request.
  const waypoints = [...leg.session.translations].reverse().map((translation) => translation.at);
  const sender = leg.from;
  const last: Goal = sender ? { kind: 'nic', place: sender.place, vpcId: sender.vpcId } : { kind: 'public' };
  const hops: Hop[] = [];
  let packet: Packet = {
    source: leg.packet.destination,
    destination: waypoints[0]?.address ?? leg.packet.returnAddress ?? leg.packet.source,
    protocol: leg.packet.protocol,
    port: leg.packet.port,
    destinationPorts: EPHEMERAL_PORTS,
    sourceGroupIds: [],
    // The reply to a client on the internet leaves by the public IP the client reached.
    sourcePublicIp: sender === undefined && leg.reached ? publicIpOf(leg.reached) : undefined,
  };
  const goalAt = (stretch: number): Goal => {
    const waypoint = waypoints[stretch];
    return waypoint ? { kind: 'nic', place: waypoint.place, vpcId: waypoint.vpcId } : last;
  };
  let outcome = firstStretch(index, leg, packet, goalAt(0), waypoints[0] ?? sender, session);
  hops.push(...outcome.hops);
  for (const [stretch, waypoint] of waypoints.entries()) {
    if (outcome.disposition !== 'ACCEPTED') break;
    packet = {
      ...packet,
      destination: waypoints[stretch + 1]?.address ?? leg.packet.returnAddress ?? leg.packet.source,
    };
    reverseNat(hops, packet);
    outcome = walk(index, waypoint.place, packet, goalAt(stretch + 1), session);
    hops.push(...outcome.hops);
  }
  const bypassed = outcome.disposition === 'ACCEPTED' ? bypassedCrossings(session) : undefined;
  return {
    ...outcome,
    hops,
    session,
    ...(bypassed !== undefined ? { disposition: 'DROPPED_BY_FIREWALL', reason: bypassed } : {}),
  };
}

/**
 * Where the reply starts: at the internet gateway the request left by (which routes it into the VPC by its
 * gateway route table), at the gateway endpoint, or at the interface the connection reached.
 */
function firstStretch(
  index: ModelIndex,
  leg: Leg,
  packet: Packet,
  goal: Goal,
  to: Located | undefined,
  session: Session,
): WalkOutcome {
  const exit = leg.outcome.exit;
  if (exit?.kind === 'internet-gateway') {
    const arrival = { action: 'reply', detail: `internet → ${exit.publicIp}` };
    return walkIn(index, exit.gateway, arrival, packet, goal, session);
  }
  if (exit?.kind === 'gateway-endpoint') return replyFromGatewayEndpoint(exit, packet, to);
  const reached = leg.reached;
  if (reached === undefined)
    return { disposition: 'UNKNOWN', hops: [], reason: 'the connection ended nowhere Moat can reply from' };
  const first = subnetHop(reached.place.hopKind, reached.place.node, reached.subnet, [
    { action: 'reply', detail: `→ ${describeAddress(leg.packet.returnAddress ?? leg.packet.source)}` },
  ]);
  const rest = walk(index, reached.place, packet, goal, session);
  return { ...rest, hops: [first, ...rest.hops] };
}

/** The reply reached the NAT gateway that translated the request (the last hop): its destination goes back. */
function reverseNat(hops: Hop[], packet: Packet): void {
  const at = hops.at(-1);
  if (at === undefined) return;
  const step = { action: 'reverse NAT', detail: `→ ${describeAddress(packet.destination)}` };
  hops[hops.length - 1] = { ...at, steps: [...at.steps, step] };
}
