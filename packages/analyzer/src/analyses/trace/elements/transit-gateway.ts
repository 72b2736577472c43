import {
  compareZones,
  incomparableZones,
  subnetsInZone,
  type ZoneComparison,
} from '../../../model/availability-zones.js';
import { defaultTgwRouteTableId } from '../../../model/ids.js';
import type { ElementId, Firewall, Subnet, TransitGatewayAttachment } from '../../../model/types.js';
import type { Disposition, Hop, Step } from '../../types.js';
import { describeAddress } from '../address.js';
import { azOf, stopped, subnetHop } from '../core/hops.js';
import { managedInterface } from '../core/places.js';
import type { Departure, Forwarding, Packet, Session } from '../core/types.js';
import type { ModelIndex } from '../model-index.js';
import { lookupTgwRoute } from '../routing.js';
import { inspectAtEndpoint } from './firewall-endpoint.js';
import { crossSubnets } from './subnet.js';

/**
 * A route to a transit gateway: the packet enters by the attachment's ENI in its AZ, the attachment's route
 * table picks the target attachment, and the packet goes on from that attachment's subnet. A firewall attached
 * to the transit gateway is an attachment too: it inspects the packet, and its own route table picks the next.
 */
export function forwardToTransitGateway(departure: Departure, tgwId: ElementId): Forwarding {
  const { index, subnet, packet, session, hops } = departure;
  if (subnet === undefined)
    return stopped(hops, 'NO_ROUTE', `a gateway route table cannot route to transit gateway ${tgwId}`);
  const entered = enterTransitGateway(index, subnet, tgwId, packet, session);
  if ('disposition' in entered) {
    hops.push(...entered.hops);
    return stopped(hops, entered.disposition, entered.reason);
  }
  const crossing = crossSubnets(departure, entered.entrySubnet);
  if (crossing.kind === 'stop') return crossing;
  const [first, ...rest] = entered.hops;
  if (first !== undefined)
    hops.push({ ...first, steps: [...crossing.arrivalSteps, ...first.steps] }, ...rest);
  return {
    kind: 'next',
    place: managedInterface(entered.exitSubnet.id, 'tgw attachment', entered.exitAttachment.source),
    packet,
  };
}

type TgwEntry =
  | { hops: Hop[]; entrySubnet: Subnet; exitSubnet: Subnet; exitAttachment: TransitGatewayAttachment }
  | { disposition: Disposition; reason: string; hops: Hop[] };

/** Firewall attachments a packet may cross in a row before a VPC attachment; more is a routing loop. */
const MAX_FIREWALLS = 4;

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
  const inZone = subnetsInZone(
    attachment.subnetIds.flatMap((id) => index.subnets.get(id) ?? []),
    zone,
  );
  const [entrySubnet] = inZone.same;
  const [incomparable] = inZone.incomparable;
  if (entrySubnet === undefined && incomparable !== undefined) {
    return {
      disposition: 'UNKNOWN',
      reason: `whether ${attachment.source.logicalId} has an ENI in the AZ of ${subnet.source.logicalId} is unknown: ${incomparableZones(subnet.source.logicalId, zone, incomparable.source.logicalId, azOf(incomparable) ?? '?')}`,
      hops: [],
    };
  }
  if (entrySubnet === undefined) {
    return {
      disposition: 'NO_ROUTE',
      reason: `${attachment.source.logicalId} has no subnet in ${zone}; resources in an AZ without an attachment subnet cannot reach the transit gateway`,
      hops: [],
    };
  }
  let steps: Step[] = [{ action: 'enter', detail: `transit gateway ENI in ${zone}` }];
  const hops = [subnetHop('tgw attachment', attachment.source, entrySubnet, steps)];
  /** Where the packet is in the TGW: the attachment it came from, and the ENI it entered by (for reasons). */
  let from: { attachmentId: ElementId; name: string; zone: string; entry: string } = {
    attachmentId: attachment.id,
    name: attachment.source.logicalId,
    zone,
    entry: `${attachment.source.logicalId}'s ENI in ${entrySubnet.source.logicalId}`,
  };
  for (let crossed = 0; crossed <= MAX_FIREWALLS; crossed++) {
    const next = routeFrom(index, from, packet, steps);
    if ('disposition' in next) return { ...next, hops };
    const firewall = index.firewallByAttachment.get(next.attachmentId);
    if (firewall === undefined) {
      const exit = deliverToVpc(index, next.attachmentId, from, session, steps);
      return 'disposition' in exit ? { ...exit, hops } : { hops, entrySubnet, ...exit };
    }
    const crossing = throughAttachedFirewall(index, firewall, from, packet, session, steps);
    if (!('hop' in crossing)) return { ...crossing, hops };
    hops.push(crossing.hop);
    if (crossing.disposition !== undefined)
      return { disposition: crossing.disposition, reason: crossing.reason ?? '', hops };
    steps = crossing.steps;
    from = {
      attachmentId: next.attachmentId,
      name: firewall.source.logicalId,
      zone: crossing.zone,
      entry: `${firewall.source.logicalId}'s endpoint`,
    };
  }
  return {
    disposition: 'NO_ROUTE',
    reason: `the transit gateway sends the packet through more than ${MAX_FIREWALLS} firewalls in a row: a routing loop`,
    hops,
  };
}

/**
 * The route the table associated with the attachment `from` picks for the packet: the attachment it targets,
 * or why there is none. The route step goes on the hop of `from`.
 */
function routeFrom(
  index: ModelIndex,
  from: { readonly attachmentId: ElementId; readonly name: string },
  packet: Packet,
  steps: Step[],
): { attachmentId: ElementId } | { disposition: Disposition; reason: string } {
  const table = index.tgwRouteTableByAttachment.get(from.attachmentId);
  if (table === undefined) {
    return {
      disposition: 'NO_ROUTE',
      reason: `${from.name} is associated with no transit gateway route table`,
    };
  }
  const tableName =
    table.id === defaultTgwRouteTableId(table.transitGatewayId)
      ? `default route table of ${table.source.logicalId}`
      : table.source.logicalId;
  const lookup = lookupTgwRoute(index, table, packet.destination);
  if (lookup.kind === 'unknown') return { disposition: 'UNKNOWN', reason: lookup.reason };
  if (lookup.kind === 'none') {
    steps.push({
      action: 'no route',
      detail: `associated ${tableName}: no route to ${describeAddress(packet.destination)}`,
    });
    return {
      disposition: 'NO_ROUTE',
      reason: `transit gateway route table ${table.source.logicalId} has no route to ${describeAddress(packet.destination)}`,
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
        }
      : { disposition: 'UNKNOWN', reason: route.target.reason };
  }
  const target = route.target.attachmentId;
  const name =
    index.attachments.get(target)?.source.logicalId ??
    index.firewallByAttachment.get(target)?.source.logicalId;
  if (name === undefined)
    return { disposition: 'UNKNOWN', reason: `attachment ${target} is not in the model` };
  steps.push({
    action: 'route',
    detail: `associated ${tableName}: ${lookup.destination} → ${name} (${route.origin})`,
    source: route.source,
  });
  return { attachmentId: target };
}

/** The packet leaves the transit gateway by the target VPC attachment's ENI: in the same AZ when it can. */
function deliverToVpc(
  index: ModelIndex,
  attachmentId: ElementId,
  { zone, entry }: { readonly zone: string; readonly entry: string },
  session: Session,
  steps: Step[],
):
  | { exitSubnet: Subnet; exitAttachment: TransitGatewayAttachment }
  | { disposition: Disposition; reason: string } {
  const exitAttachment = index.attachments.get(attachmentId);
  if (exitAttachment === undefined)
    return { disposition: 'UNKNOWN', reason: `attachment ${attachmentId} is not in the model` };
  const exitSubnets = exitAttachment.subnetIds.flatMap((id) => index.subnets.get(id) ?? []);
  const kept = exitAttachment.applianceMode ? session.tgwAz.get(exitAttachment.id) : undefined;
  const inZone = subnetsInZone(exitSubnets, zone);
  const [incomparable] = inZone.incomparable;
  const keptSubnet = exitSubnets.find((candidate) => kept !== undefined && azOf(candidate) === kept);
  // With one attachment subnet the TGW has no choice to make, whatever the AZs are.
  if (
    keptSubnet === undefined &&
    inZone.same.length === 0 &&
    incomparable !== undefined &&
    exitSubnets.length > 1
  ) {
    return {
      disposition: 'UNKNOWN',
      reason: `whether the transit gateway delivers to ${exitAttachment.source.logicalId} in the AZ the packet entered by is unknown: ${incomparableZones(entry, zone, `its ENI in ${incomparable.source.logicalId}`, azOf(incomparable) ?? '?')}`,
    };
  }
  const exitSubnet = keptSubnet ?? inZone.same[0] ?? exitSubnets[0];
  if (exitSubnet === undefined)
    return { disposition: 'NO_ROUTE', reason: `${exitAttachment.source.logicalId} has no subnet` };
  const exitZone = azOf(exitSubnet) ?? '?';
  if (!session.reply) session.tgwAz.set(exitAttachment.id, exitZone);
  steps.push({
    action: 'deliver',
    detail: `${exitAttachment.source.logicalId} ENI in ${exitZone}${deliveryNote(kept !== undefined, compareZones(exitZone, zone))}`,
  });
  return { exitSubnet, exitAttachment };
}

/** Why the TGW delivers in the AZ it does, when that is not simply the AZ the packet entered by. */
function deliveryNote(keptByApplianceMode: boolean, comparison: ZoneComparison): string {
  if (keptByApplianceMode) return ' (appliance mode keeps the AZ of the request)';
  if (comparison === 'incomparable')
    return ' (its only attachment subnet; its AZ and the source AZ do not compare)';
  return comparison === 'different' ? ' (no attachment subnet in the source AZ)' : '';
}

/**
 * A firewall attached to the transit gateway: the TGW delivers to its endpoint in the packet's AZ when it has
 * one. Appliance mode is always on for such a firewall, so the reply keeps the AZ of the request. The firewall
 * inspects the packet (firewall-endpoint.ts), and its attachment's route table routes it on.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/tgw-firewall-considerations.html
 */
function throughAttachedFirewall(
  index: ModelIndex,
  firewall: Firewall,
  { zone, entry }: { readonly zone: string; readonly entry: string },
  packet: Packet,
  session: Session,
  steps: Step[],
):
  | { hop: Hop; steps: Step[]; zone: string; disposition?: Disposition; reason?: string }
  | { disposition: Disposition; reason: string } {
  const attachment = firewall.transitGatewayAttachment;
  const mapped = attachment?.availabilityZones ?? [];
  const zones = mapped.flatMap((candidate) => (candidate.known ? [candidate.value] : []));
  const unresolved = mapped.find((candidate) => !candidate.known);
  const kept = attachment === undefined ? undefined : session.tgwAz.get(attachment.id);
  const incomparable = zones.find((candidate) => compareZones(candidate, zone) === 'incomparable');
  if (kept === undefined && !zones.includes(zone) && incomparable !== undefined) {
    return {
      disposition: 'UNKNOWN',
      reason: `whether ${firewall.source.logicalId} has an endpoint in the AZ the packet entered by is unknown: ${incomparableZones(entry, zone, 'its endpoint mapping', incomparable)}`,
    };
  }
  const chosen = kept ?? (zones.includes(zone) ? zone : unresolved === undefined ? zones[0] : undefined);
  if (attachment === undefined || chosen === undefined) {
    return unresolved !== undefined && !unresolved.known
      ? {
          disposition: 'UNKNOWN',
          reason: `the endpoint of ${firewall.source.logicalId} in ${zone} depends on an unknown Availability Zone mapping: ${unresolved.reason}`,
        }
      : { disposition: 'NO_ROUTE', reason: `${firewall.source.logicalId} has no Availability Zone mapping` };
  }
  if (!session.reply) session.tgwAz.set(attachment.id, chosen);
  steps.push({
    action: 'deliver',
    detail: `${firewall.source.logicalId} endpoint in ${chosen}${kept !== undefined ? ' (appliance mode keeps the AZ of the request)' : chosen !== zone ? ' (no endpoint in the source AZ)' : ''}`,
  });
  const verdict = inspectAtEndpoint(index, firewall, chosen, packet, session);
  const own: Step[] = [
    { action: 'endpoint', detail: `in ${chosen} (transit gateway attachment)` },
    ...verdict.steps,
  ];
  return {
    hop: { kind: 'firewall', node: firewall.source, availabilityZone: chosen, steps: own },
    steps: own,
    zone: chosen,
    ...(verdict.disposition !== undefined
      ? { disposition: verdict.disposition, reason: verdict.reason ?? '' }
      : {}),
  };
}
