import { defaultTgwRouteTableId } from '../../../model/from-templates/transit.js';
import type { ElementId, Subnet, TransitGatewayAttachment } from '../../../model/types.js';
import type { Disposition, Hop, Step } from '../../types.js';
import { describeAddress } from '../address.js';
import { azOf, stopped, subnetHop } from '../core/hops.js';
import { managedInterface } from '../core/places.js';
import type { Departure, Forwarding, Packet, Session } from '../core/types.js';
import type { ModelIndex } from '../model-index.js';
import { lookupTgwRoute } from '../routing.js';
import { crossSubnets } from './subnet.js';

/**
 * A route to a transit gateway: the packet enters by the attachment's ENI in its AZ, the attachment's route
 * table picks the target attachment, and the packet goes on from that attachment's subnet.
 */
export function forwardToTransitGateway(departure: Departure, tgwId: ElementId): Forwarding {
  const { index, subnet, packet, session, hops } = departure;
  const entered = enterTransitGateway(index, subnet, tgwId, packet, session);
  if ('disposition' in entered) {
    hops.push(...entered.hops);
    return stopped(hops, entered.disposition, entered.reason);
  }
  const crossing = crossSubnets(departure, entered.entrySubnet);
  if (crossing.kind === 'stop') return crossing;
  hops.push({ ...entered.hop, steps: [...crossing.arrivalSteps, ...entered.hop.steps] });
  return {
    kind: 'next',
    place: managedInterface(entered.exitSubnet.id, 'tgw attachment', entered.exitAttachment.source),
    packet,
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
