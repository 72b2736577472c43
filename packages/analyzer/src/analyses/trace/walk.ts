import { defaultTgwRouteTableId } from '../../model/from-templates/transit.js';
import type {
  ElementId,
  Firewall,
  RouteTarget,
  Subnet,
  TransitGatewayAttachment,
} from '../../model/types.js';
import type { Disposition, Hop, Step } from '../types.js';
import { type Address, describeAddress } from './address.js';
import { azOf, subnetHop } from './core/hops.js';
import type { Exit, Goal, Packet, Place, Session, WalkOutcome } from './core/types.js';
import { inspect } from './firewall-inspection.js';
import type { ModelIndex } from './model-index.js';
import { evaluateNetworkAcl } from './network-acls.js';
import { lookupRoute, lookupTgwRoute } from './routing.js';
import { evaluateSecurityGroups } from './security-groups.js';

const MAX_HOPS = 64;

/**
 * Follows a packet from a network interface through route tables, gateways, the transit gateway and
 * firewall endpoints until it reaches the goal, leaves for the internet, or is dropped. Each hop names the
 * resource and the decision taken there.
 */
export function walk(
  index: ModelIndex,
  start: Place,
  initialPacket: Packet,
  goal: Goal,
  session: Session,
): WalkOutcome {
  const hops: Hop[] = [];
  let place = start;
  let packet = initialPacket;
  let arrivalSteps: Step[] = [];
  const visited = new Set<string>();
  const stop = (disposition: Disposition, reason: string, exit?: Exit): WalkOutcome => ({
    disposition,
    hops,
    reason,
    ...(exit ? { exit } : {}),
  });

  for (let count = 0; count < MAX_HOPS; count++) {
    const subnet = index.subnets.get(place.subnetId);
    if (subnet === undefined) return stop('UNKNOWN', `subnet ${place.subnetId} is not in the model`);
    const key = `${subnet.id}|${describeAddress(packet.destination)}|${describeAddress(packet.source)}`;
    if (visited.has(key))
      return stop('NO_ROUTE', `routing loop: the packet returns to ${subnet.source.logicalId}`);
    visited.add(key);
    const table = index.routeTableOf(subnet);
    const steps: Step[] = [...arrivalSteps];
    arrivalSteps = [];
    const hop = subnetHop('subnet', subnet.source, subnet, steps);
    hops.push(hop);
    if (table === undefined) return stop('NO_ROUTE', `${subnet.source.logicalId} has no route table`);
    const lookup = lookupRoute(index, table, packet.destination);
    if (lookup.kind === 'unknown') return stop('UNKNOWN', lookup.reason);
    if (lookup.kind === 'none') {
      steps.push({
        action: 'no route',
        detail: `${table.source.logicalId} has no route to ${describeAddress(packet.destination)}`,
      });
      return stop(
        'NO_ROUTE',
        `route table ${table.source.logicalId} of ${subnet.source.logicalId} has no route to ${describeAddress(packet.destination)}`,
      );
    }
    const target = lookup.route.target;
    steps.push({
      action: 'route',
      detail: `${lookup.destination} → ${describeTarget(index, target)} (${table.main ? `main table of ${table.source.logicalId}` : table.source.logicalId})`,
      source: lookup.route.source,
    });

    /** NACLs apply where a packet leaves one subnet for another: outbound here, inbound there. */
    const cross = (
      next: Subnet | undefined,
      remoteOut: Address,
      remoteIn: Address,
    ): WalkOutcome | undefined => {
      if (next === undefined || next.id === subnet.id) return undefined;
      const out = index.networkAclOf(subnet);
      if (out !== undefined) {
        const verdict = evaluateNetworkAcl(
          index,
          out,
          'egress',
          remoteOut,
          packet.protocol,
          packet.destinationPorts,
        );
        steps.push(verdict.step);
        if (verdict.kind !== 'allow')
          return stop(verdict.kind === 'deny' ? 'DENIED_BY_NACL' : 'UNKNOWN', verdict.reason);
      }
      const into = index.networkAclOf(next);
      if (into !== undefined) {
        const verdict = evaluateNetworkAcl(
          index,
          into,
          'ingress',
          remoteIn,
          packet.protocol,
          packet.destinationPorts,
        );
        arrivalSteps.push(verdict.step);
        if (verdict.kind !== 'allow') {
          hops.push(subnetHop('subnet', next.source, next, arrivalSteps));
          return stop(verdict.kind === 'deny' ? 'DENIED_BY_NACL' : 'UNKNOWN', verdict.reason);
        }
      }
      return undefined;
    };

    switch (target.kind) {
      case 'local': {
        // The local route keeps the packet in this VPC: a goal in another VPC whose CIDR overlaps is not reached.
        if (goal.kind !== 'nic' || goal.vpcId !== subnet.vpcId) {
          return stop(
            'NO_ROUTE',
            `${describeAddress(packet.destination)} falls in a CIDR of ${subnet.source.logicalId}'s own VPC, so the local route keeps it there`,
          );
        }
        const destination = index.subnets.get(goal.place.subnetId);
        if (destination === undefined)
          return stop('UNKNOWN', `subnet ${goal.place.subnetId} is not in the model`);
        const blocked = cross(destination, packet.destination, packet.source);
        if (blocked) return blocked;
        return arrive(index, goal.place, destination, packet, session, hops, arrivalSteps);
      }
      case 'internet-gateway': {
        const gateway = index.internetGatewayByVpc.get(subnet.vpcId);
        if (gateway === undefined || gateway.id !== target.id) {
          return stop(
            'NO_ROUTE',
            `the internet gateway of route ${lookup.route.source.logicalId} is not attached to this VPC`,
          );
        }
        if (goal.kind !== 'public' || packet.destination.kind !== 'public') {
          return stop(
            'NO_ROUTE',
            `${describeAddress(packet.destination)} is a private address; the internet does not route it`,
          );
        }
        const out = index.networkAclOf(subnet);
        if (out !== undefined) {
          const verdict = evaluateNetworkAcl(
            index,
            out,
            'egress',
            packet.destination,
            packet.protocol,
            packet.destinationPorts,
          );
          steps.push(verdict.step);
          if (verdict.kind !== 'allow')
            return stop(verdict.kind === 'deny' ? 'DENIED_BY_NACL' : 'UNKNOWN', verdict.reason);
        }
        // An internet gateway translates only addresses that have a public IPv4 address or an Elastic IP.
        // https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html
        if (packet.source.kind === 'private' && !place.publicIp) {
          hops.push({
            kind: 'internet gateway',
            node: gateway.source,
            steps: [{ action: 'drop', detail: `${place.node.logicalId} has no public IP to translate to` }],
          });
          return stop(
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
        if (bypassed !== undefined) return stop('DROPPED_BY_FIREWALL', bypassed);
        return {
          disposition: 'ACCEPTED',
          hops,
          exit: { kind: 'internet-gateway', gateway, ...(session.nat ? { nat: session.nat } : {}) },
        };
      }
      case 'nat-gateway': {
        const nat = index.natGateways.get(target.id);
        const natSubnet = nat ? index.subnets.get(nat.subnetId) : undefined;
        if (nat === undefined || natSubnet === undefined)
          return stop('UNKNOWN', `NAT gateway ${target.id} is not in the model`);
        if (session.reply) {
          return stop(
            'NO_ROUTE',
            `the reply is routed to NAT gateway ${nat.source.logicalId}, which would translate its source; the client drops it (asymmetric path)`,
          );
        }
        const blocked = cross(natSubnet, packet.destination, packet.source);
        if (blocked) return blocked;
        const publicNat = nat.connectivity === 'public';
        hops.push(
          subnetHop('nat gateway', nat.source, natSubnet, [
            ...arrivalSteps,
            {
              action: 'source NAT',
              detail: publicNat ? 'to its Elastic IP' : 'to its private IP (private NAT)',
            },
          ]),
        );
        arrivalSteps = [];
        packet = {
          ...packet,
          source: publicNat
            ? { kind: 'public', label: `Elastic IP of ${nat.source.logicalId}` }
            : {
                kind: 'private',
                range: index.cidr(natSubnet.cidr) ?? { first: 0, last: 0 },
                label: `${nat.source.logicalId}`,
              },
          sourceGroupIds: [],
        };
        session.nat = nat;
        place = {
          subnetId: natSubnet.id,
          securityGroupIds: [],
          publicIp: publicNat,
          hopKind: 'nat gateway',
          node: nat.source,
          securityGroupsApply: false,
        };
        continue;
      }
      case 'transit-gateway': {
        const entered = enterTransitGateway(index, subnet, target.id, packet, session);
        if ('disposition' in entered) {
          hops.push(...entered.hops);
          return stop(entered.disposition, entered.reason);
        }
        const blocked = cross(entered.entrySubnet, packet.destination, packet.source);
        if (blocked) return blocked;
        hops.push({ ...entered.hop, steps: [...arrivalSteps, ...entered.hop.steps] });
        arrivalSteps = [];
        place = {
          subnetId: entered.exitSubnet.id,
          securityGroupIds: [],
          publicIp: false,
          hopKind: 'tgw attachment',
          node: entered.exitAttachment.source,
          securityGroupsApply: false,
        };
        continue;
      }
      case 'firewall-endpoint': {
        const firewall = index.firewalls.get(target.firewallId);
        if (firewall === undefined)
          return stop('UNKNOWN', `firewall ${target.firewallId} is not in the model`);
        const zone = target.availabilityZone.known
          ? target.availabilityZone.value
          : target.assumedAvailabilityZone;
        if (zone === undefined) {
          return stop('UNKNOWN', target.availabilityZone.known ? '' : target.availabilityZone.reason);
        }
        if (!target.availabilityZone.known) {
          session.assumptions.push(
            `${firewall.source.logicalId}'s endpoint in route ${lookup.route.source.logicalId} is assumed to be in ${zone}: ${target.availabilityZone.reason}`,
          );
        }
        const endpointSubnet = firewall.subnetIds
          .map((id) => index.subnets.get(id))
          .find((candidate) => azOf(candidate) === zone);
        if (endpointSubnet === undefined)
          return stop('NO_ROUTE', `${firewall.source.logicalId} has no endpoint in ${zone}`);
        const blocked = cross(endpointSubnet, packet.destination, packet.source);
        if (blocked) return blocked;
        const verdict = firewallVerdict(index, firewall, zone, packet, session);
        hops.push(
          subnetHop('firewall', firewall.source, endpointSubnet, [
            ...arrivalSteps,
            {
              action: 'endpoint',
              detail: `in ${zone}${target.availabilityZone.known ? '' : ' (assumed)'}`,
            },
            ...verdict.steps,
          ]),
        );
        arrivalSteps = [];
        if (verdict.disposition !== undefined) return stop(verdict.disposition, verdict.reason ?? '');
        place = {
          subnetId: endpointSubnet.id,
          securityGroupIds: [],
          publicIp: false,
          hopKind: 'firewall',
          node: firewall.source,
          securityGroupsApply: false,
        };
        continue;
      }
      case 'gateway-endpoint': {
        const endpoint = index.gatewayEndpoints.get(target.id);
        if (endpoint === undefined)
          return stop('UNKNOWN', `gateway endpoint ${target.id} is not in the model`);
        hops.push({
          kind: 'gateway endpoint',
          node: endpoint.source,
          steps: [
            {
              action: 'forward',
              detail: `→ ${endpoint.service.known ? endpoint.service.value : 'service'} (AWS network)`,
            },
          ],
        });
        return {
          disposition: 'ACCEPTED',
          hops,
          exit: { kind: 'gateway-endpoint', endpointSource: endpoint.source },
        };
      }
      case 'blackhole':
        return stop('BLACKHOLE', `route ${lookup.route.source.logicalId} is a blackhole`);
      case 'unknown':
        return stop('UNKNOWN', target.reason);
      default:
        return stop(
          'UNKNOWN',
          `${target.kind} targets (route ${lookup.route.source.logicalId}) are not traced by Moat`,
        );
    }
  }
  return stop('NO_ROUTE', `the path is longer than ${MAX_HOPS} hops`);
}

function arrive(
  index: ModelIndex,
  place: Place,
  subnet: Subnet,
  packet: Packet,
  session: Session,
  hops: Hop[],
  arrivalSteps: Step[],
): WalkOutcome {
  const steps = [...arrivalSteps];
  hops.push(subnetHop(place.hopKind, place.node, subnet, steps));
  if (session.reply) {
    steps.push({
      action: 'stateful',
      detail: 'reply of an allowed connection (security groups are stateful)',
    });
  } else if (place.securityGroupsApply) {
    const verdict = evaluateSecurityGroups(
      index,
      place.securityGroupIds,
      'ingress',
      { address: packet.source, securityGroupIds: packet.sourceGroupIds },
      packet.protocol,
      packet.port,
      place.node,
    );
    steps.push(verdict.step);
    if (verdict.kind !== 'allow') {
      return {
        disposition: verdict.kind === 'deny' ? 'DENIED_BY_SECURITY_GROUP' : 'UNKNOWN',
        hops,
        reason: verdict.reason,
      };
    }
  }
  const bypassed = bypassedCrossings(session);
  if (bypassed !== undefined) return { disposition: 'DROPPED_BY_FIREWALL', hops, reason: bypassed };
  return { disposition: 'ACCEPTED', hops, exit: { kind: 'nic' } };
}

/** A reply that arrives while the request's firewall crossings are not all retraced went around the firewall. */
function bypassedCrossings(session: Session): string | undefined {
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

type TgwEntry =
  | { hop: Hop; entrySubnet: Subnet; exitSubnet: Subnet; exitAttachment: TransitGatewayAttachment }
  | { disposition: Disposition; reason: string; hops: Hop[] };

/**
 * The packet enters the TGW through the attachment's ENI in its own AZ; the attachment's associated route
 * table decides; the TGW delivers to the target attachment's ENI in the same AZ when it has one. With
 * appliance mode, the TGW keeps one AZ of the appliance VPC for both directions of a flow.
 * https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html#tgw-az-aware-routing
 * https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-appliance-scenario.html
 */
function enterTransitGateway(
  index: ModelIndex,
  subnet: Subnet,
  tgwId: ElementId,
  packet: Packet,
  session: Session,
): TgwEntry {
  const zone = azOf(subnet);
  const attachment = index.attachmentByVpcAndTgw.get(`${subnet.vpcId}|${tgwId}`);
  if (attachment === undefined) {
    return {
      disposition: 'NO_ROUTE',
      reason: `the VPC of ${subnet.source.logicalId} has no attachment to transit gateway ${tgwId}`,
      hops: [],
    };
  }
  if (zone === undefined) {
    const reason = subnet.availabilityZone.known ? '' : subnet.availabilityZone.reason;
    return {
      disposition: 'UNKNOWN',
      reason: `the transit gateway ENI depends on the AZ of ${subnet.source.logicalId}, which is unknown: ${reason}`,
      hops: [],
    };
  }
  const entrySubnet = attachment.subnetIds
    .map((id) => index.subnets.get(id))
    .find((candidate) => azOf(candidate) === zone);
  if (entrySubnet === undefined) {
    return {
      disposition: 'NO_ROUTE',
      reason: `${attachment.source.logicalId} has no subnet in ${zone}; resources in an AZ without an attachment subnet cannot reach the transit gateway`,
      hops: [],
    };
  }
  const steps: Step[] = [{ action: 'enter', detail: `transit gateway ENI in ${zone}` }];
  const hop = subnetHop('tgw attachment', attachment.source, entrySubnet, steps);
  const table = index.tgwRouteTableByAttachment.get(attachment.id);
  if (table === undefined) {
    return {
      disposition: 'NO_ROUTE',
      reason: `${attachment.source.logicalId} is associated with no transit gateway route table`,
      hops: [hop],
    };
  }
  const tableName =
    table.id === defaultTgwRouteTableId(table.transitGatewayId)
      ? `default route table of ${table.source.logicalId}`
      : table.source.logicalId;
  const lookup = lookupTgwRoute(index, table, packet.destination);
  if (lookup.kind === 'unknown') return { disposition: 'UNKNOWN', reason: lookup.reason, hops: [hop] };
  if (lookup.kind === 'none') {
    steps.push({
      action: 'no route',
      detail: `associated ${tableName}: no route to ${describeAddress(packet.destination)}`,
    });
    return {
      disposition: 'NO_ROUTE',
      reason: `transit gateway route table ${table.source.logicalId} has no route to ${describeAddress(packet.destination)}`,
      hops: [hop],
    };
  }
  const route = lookup.route;
  if (route.target.kind !== 'attachment') {
    steps.push({
      action: 'route',
      detail: `associated ${tableName}: ${lookup.destination} → ${route.target.kind}`,
      source: route.source,
    });
    return route.target.kind === 'blackhole'
      ? {
          disposition: 'BLACKHOLE',
          reason: `transit gateway route ${route.source.logicalId} (${lookup.destination}) is a blackhole`,
          hops: [hop],
        }
      : { disposition: 'UNKNOWN', reason: route.target.reason, hops: [hop] };
  }
  const exitAttachment = index.attachments.get(route.target.attachmentId);
  if (exitAttachment === undefined)
    return {
      disposition: 'UNKNOWN',
      reason: `attachment ${route.target.attachmentId} is not in the model`,
      hops: [hop],
    };
  const exitSubnets = exitAttachment.subnetIds.flatMap((id) => index.subnets.get(id) ?? []);
  const kept = exitAttachment.applianceMode ? session.tgwAz.get(exitAttachment.id) : undefined;
  const exitSubnet =
    exitSubnets.find((candidate) => kept !== undefined && azOf(candidate) === kept) ??
    exitSubnets.find((candidate) => azOf(candidate) === zone) ??
    exitSubnets[0];
  if (exitSubnet === undefined)
    return {
      disposition: 'NO_ROUTE',
      reason: `${exitAttachment.source.logicalId} has no subnet`,
      hops: [hop],
    };
  const exitZone = azOf(exitSubnet) ?? '?';
  if (!session.reply) session.tgwAz.set(exitAttachment.id, exitZone);
  steps.push(
    {
      action: 'route',
      detail: `associated ${tableName}: ${lookup.destination} → ${exitAttachment.source.logicalId} (${route.origin})`,
      source: route.source,
    },
    {
      action: 'deliver',
      detail: `${exitAttachment.source.logicalId} ENI in ${exitZone}${kept !== undefined ? ' (appliance mode keeps the AZ of the request)' : exitZone !== zone ? ' (no attachment subnet in the source AZ)' : ''}`,
    },
  );
  return { hop, entrySubnet, exitSubnet, exitAttachment };
}

function describeTarget(index: ModelIndex, target: RouteTarget): string {
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
    case 'blackhole':
      return 'blackhole';
    case 'unknown':
      return 'unknown target';
    default:
      return target.kind;
  }
}
