import { describeAddress } from '../address.js';
import { ended, subnetHop } from '../core/hops.js';
import type { Goal, Leg, Packet, ReplyStart, Session, WalkOutcome } from '../core/types.js';
import { walk } from '../core/walk.js';
import { replyFromInternet } from '../elements/internet-gateway.js';
import { replyFromGatewayEndpoint } from '../elements/vpc-endpoint.js';
import type { ModelIndex } from '../model-index.js';
import { EPHEMERAL_PORTS } from '../network-acls.js';

/**
 * The reply of one connection, from where it ended back to its sender: the element it left by (internet
 * gateway, gateway endpoint) or the interface it reached starts it, then it walks back with the request's
 * session, so it must retrace the request's firewall crossings and TGW AZs.
 */
export function traceReply(index: ModelIndex, leg: Leg, assumptions: string[]): WalkOutcome {
  const session: Session = {
    reply: true,
    crossings: [...leg.session.crossings],
    tgwAz: leg.session.tgwAz,
    assumptions,
  };
  const back: Packet = {
    source: leg.packet.destination,
    destination: leg.packet.source,
    protocol: leg.packet.protocol,
    port: leg.packet.port,
    destinationPorts: EPHEMERAL_PORTS,
    sourceGroupIds: [],
  };
  const goal: Goal = leg.from
    ? { kind: 'nic', place: leg.from.place, vpcId: leg.from.vpcId }
    : { kind: 'public' };
  const start = replyStart(index, leg);
  if (start.kind === 'stop') return start.outcome;
  const outcome = walk(index, start.from, back, goal, session);
  return { ...outcome, hops: [...start.hops, ...outcome.hops] };
}

function replyStart(index: ModelIndex, leg: Leg): ReplyStart {
  const exit = leg.outcome.exit;
  if (exit?.kind === 'internet-gateway') return replyFromInternet(index, exit, leg);
  if (exit?.kind === 'gateway-endpoint') return replyFromGatewayEndpoint(exit, leg);
  const reached = leg.reached;
  if (reached === undefined)
    return ended({
      disposition: 'UNKNOWN',
      hops: [],
      reason: 'the connection ended nowhere Moat can reply from',
    });
  const first = subnetHop(reached.place.hopKind, reached.place.node, reached.subnet, [
    { action: 'reply', detail: `→ ${describeAddress(leg.packet.source)}` },
  ]);
  return { kind: 'walk', hops: [first], from: reached.place };
}
