import type { Hop } from '../../types.js';
import { departFrom } from '../elements/subnet.js';
import type { ModelIndex } from '../model-index.js';
import { forwardByRoute } from './dispatch.js';
import type { Goal, Packet, Place, Session, WalkOutcome } from './types.js';

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
  initialPacket: Packet,
  goal: Goal,
  session: Session,
): WalkOutcome {
  const hops: Hop[] = [];
  const visited = new Set<string>();
  let place = start;
  let packet = initialPacket;
  for (let count = 0; count < MAX_HOPS; count++) {
    const departed = departFrom(index, place, packet, goal, session, hops, visited);
    if (departed.kind === 'stop') return departed.outcome;
    const forwarding = forwardByRoute(departed.departure);
    if (forwarding.kind === 'stop') return forwarding.outcome;
    place = forwarding.place;
    packet = forwarding.packet;
  }
  return { disposition: 'NO_ROUTE', hops, reason: `the path is longer than ${MAX_HOPS} hops` };
}
