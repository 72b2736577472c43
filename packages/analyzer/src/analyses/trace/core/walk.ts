import type { InternetGateway } from '../../../model/types.js';
import type { Hop, Step } from '../../types.js';
import { departFromInternetGateway } from '../elements/internet-gateway.js';
import { departFrom } from '../elements/subnet.js';
import type { ModelIndex } from '../model-index.js';
import { forwardByRoute } from './dispatch.js';
import type { Departed, Goal, Packet, Place, Session, WalkOutcome } from './types.js';

const MAX_HOPS = 64;

/**
 * Follows a packet from a network interface through route tables, gateways, the transit gateway and
 * firewall endpoints until it reaches the goal, leaves for the internet, or is dropped. Each hop names the
 * resource and the decision taken there: the subnet's route table picks a route (elements/subnet.ts), and the
 * element the route targets forwards the packet (core/dispatch.ts).
 */
export function walk(
  index: ModelIndex,
  start: Place,
  packet: Packet,
  goal: Goal,
  session: Session,
): WalkOutcome {
  const hops: Hop[] = [];
  const visited = new Set<string>();
  const first = departFrom(index, start, packet, goal, session, hops, visited);
  return follow(index, first, goal, session, hops, visited);
}

/**
 * Follows a packet that enters the VPC by its internet gateway, addressed to a private address behind a public
 * one: the gateway's route table picks the first route (elements/internet-gateway.ts). The first hop is the
 * gateway's, with `arrival` as its first step.
 */
export function walkIn(
  index: ModelIndex,
  gateway: InternetGateway,
  arrival: Step,
  packet: Packet,
  goal: Goal,
  session: Session,
): WalkOutcome {
  const hops: Hop[] = [];
  const first = departFromInternetGateway(index, gateway, arrival, packet, goal, session, hops);
  return follow(index, first, goal, session, hops, new Set());
}

function follow(
  index: ModelIndex,
  first: Departed,
  goal: Goal,
  session: Session,
  hops: Hop[],
  visited: Set<string>,
): WalkOutcome {
  let departed = first;
  for (let count = 0; count < MAX_HOPS; count++) {
    if (departed.kind === 'stop') return departed.outcome;
    const forwarding = forwardByRoute(departed.departure);
    if (forwarding.kind === 'stop') return forwarding.outcome;
    departed = departFrom(index, forwarding.place, forwarding.packet, goal, session, hops, visited);
  }
  return { disposition: 'NO_ROUTE', hops, reason: `the path is longer than ${MAX_HOPS} hops` };
}
