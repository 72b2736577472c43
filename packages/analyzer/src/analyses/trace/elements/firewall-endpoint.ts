import type { Firewall, RouteTarget } from '../../../model/types.js';
import type { Disposition, Step } from '../../types.js';
import { azOf, stopped, subnetHop } from '../core/hops.js';
import { managedInterface } from '../core/places.js';
import type { Departure, Forwarding, Packet, Session } from '../core/types.js';
import { inspect } from '../firewall-inspection.js';
import type { ModelIndex } from '../model-index.js';
import { crossSubnets } from './subnet.js';

type FirewallEndpointTarget = Extract<RouteTarget, { kind: 'firewall-endpoint' }>;

/**
 * A route to a Network Firewall endpoint: the packet enters the firewall's subnet in the endpoint's AZ, the
 * firewall inspects it (the rule evaluation is firewall-inspection.ts), and it leaves from that subnet.
 */
export function forwardToFirewallEndpoint(departure: Departure, target: FirewallEndpointTarget): Forwarding {
  const { index, packet, session, hops, route } = departure;
  const firewall = index.firewalls.get(target.firewallId);
  if (firewall === undefined)
    return stopped(hops, 'UNKNOWN', `firewall ${target.firewallId} is not in the model`);
  const zone = target.availabilityZone.known ? target.availabilityZone.value : target.assumedAvailabilityZone;
  if (zone === undefined) {
    return stopped(hops, 'UNKNOWN', target.availabilityZone.known ? '' : target.availabilityZone.reason);
  }
  if (!target.availabilityZone.known) {
    session.assumptions.push(
      `${firewall.source.logicalId}'s endpoint in route ${route.source.logicalId} is assumed to be in ${zone}: ${target.availabilityZone.reason}`,
    );
  }
  const endpointSubnet = firewall.subnetIds
    .map((id) => index.subnets.get(id))
    .find((candidate) => azOf(candidate) === zone);
  if (endpointSubnet === undefined)
    return stopped(hops, 'NO_ROUTE', `${firewall.source.logicalId} has no endpoint in ${zone}`);
  const crossing = crossSubnets(departure, endpointSubnet);
  if (crossing.kind === 'stop') return crossing;
  const verdict = firewallVerdict(index, firewall, zone, packet, session);
  hops.push(
    subnetHop('firewall', firewall.source, endpointSubnet, [
      ...crossing.arrivalSteps,
      {
        action: 'endpoint',
        detail: `in ${zone}${target.availabilityZone.known ? '' : ' (assumed)'}`,
      },
      ...verdict.steps,
    ]),
  );
  if (verdict.disposition !== undefined) return stopped(hops, verdict.disposition, verdict.reason ?? '');
  return { kind: 'next', place: managedInterface(endpointSubnet.id, 'firewall', firewall.source), packet };
}

/** A reply that arrives while the request's firewall crossings are not all retraced went around the firewall. */
export function bypassedCrossings(session: Session): string | undefined {
  if (!session.reply || session.crossings.length === 0) return undefined;
  const missed = session.crossings.map(
    (crossing) => `${crossing.firewallId.split('/').pop()} in ${crossing.availabilityZone}`,
  );
  return `asymmetric routing: the reply bypasses the firewall endpoint the request crossed (${missed.join(', ')}); Network Firewall drops connections it sees only one way`;
}

function firewallVerdict(
  index: ModelIndex,
  firewall: Firewall,
  zone: string,
  packet: Packet,
  session: Session,
): { steps: Step[]; disposition?: Disposition; reason?: string } {
  if (session.reply) {
    // Network Firewall keeps connection state per endpoint: the reply must come back through the same one.
    // https://docs.aws.amazon.com/network-firewall/latest/developerguide/arch-igw-ngw.html
    const expected = session.crossings.pop();
    if (expected?.firewallId === firewall.id && expected.availabilityZone === zone) {
      return {
        steps: [
          { action: 'PASS', detail: `established connection: the endpoint the request crossed (symmetric)` },
        ],
      };
    }
    const where = expected
      ? `the request crossed ${expected.firewallId.split('/').pop()} in ${expected.availabilityZone}`
      : 'the request did not cross it';
    return {
      steps: [{ action: 'DROP', detail: `asymmetric: ${where}` }],
      disposition: 'DROPPED_BY_FIREWALL',
      reason: `asymmetric routing: the reply crosses ${firewall.source.logicalId}'s endpoint in ${zone}, but ${where}; Network Firewall drops connections it sees only one way`,
    };
  }
  const result = inspect(index, firewall, {
    source: packet.source,
    destination: packet.destination,
    protocol: packet.protocol,
    port: packet.port,
    ...(packet.hostname !== undefined ? { hostname: packet.hostname } : {}),
  });
  session.crossings.push({ firewallId: firewall.id, availabilityZone: zone });
  if (result.verdict === 'PASS') return { steps: [...result.steps] };
  return {
    steps: [...result.steps],
    disposition: result.verdict === 'DROP' ? 'DROPPED_BY_FIREWALL' : 'UNKNOWN',
    reason: result.reason ?? '',
  };
}
