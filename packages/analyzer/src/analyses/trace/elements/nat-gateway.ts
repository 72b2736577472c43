import type { ElementId, NatGateway, Subnet } from '../../../model/types.js';
import { azOf, stopped, subnetHop } from '../core/hops.js';
import { managedInterface } from '../core/places.js';
import type { Departure, Forwarding, Located } from '../core/types.js';
import type { ModelIndex } from '../model-index.js';
import { natPresenceIn } from '../regional-nat.js';
import { crossSubnets } from './subnet.js';

/**
 * A route to a NAT gateway: the packet enters the NAT gateway's subnet, which translates its source to the
 * gateway's private IP and sends it on by that subnet's route table. An internet gateway then translates that
 * address to the gateway's Elastic IP (public NAT); a private NAT gateway has none, and an internet gateway drops
 * what it sends. The reply comes back to the gateway's address and is translated back there (paths/reply.ts).
 * https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html
 *
 * A regional NAT gateway does the same in the AZ the packet comes from, with the Elastic IP of that AZ, and sends
 * it on by its own route table (regional-nat.ts).
 * https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateways-regional.html
 */
export function forwardToNatGateway(departure: Departure, natId: ElementId): Forwarding {
  const { index, packet, session, hops } = departure;
  const nat = index.natGateways.get(natId);
  if (nat === undefined) return stopped(hops, 'UNKNOWN', `NAT gateway ${natId} is not in the model`);
  if (session.reply) {
    return stopped(
      hops,
      'NO_ROUTE',
      `the reply is routed to NAT gateway ${nat.source.logicalId}, which would translate its source; the client drops it (asymmetric path)`,
    );
  }
  const translated = natInterface(index, nat, departure.subnet);
  if (translated.kind === 'stop') return stopped(hops, translated.disposition, translated.reason);
  const { at } = translated;
  const crossing = crossSubnets(departure, at.subnet);
  if (crossing.kind === 'stop') return crossing;
  const publicNat = nat.connectivity === 'public';
  const regionalIn = nat.placement.kind === 'regional' ? ` in ${at.availabilityZone ?? '?'}` : '';
  hops.push(
    subnetHop('nat gateway', nat.source, at.subnet, [
      ...crossing.arrivalSteps,
      {
        action: 'source NAT',
        detail: publicNat ? `to its Elastic IP${regionalIn}` : 'to its private IP (private NAT)',
      },
    ]),
  );
  session.translations.push({ nat, at });
  return {
    kind: 'next',
    place: at.place,
    packet: {
      ...packet,
      source: at.address,
      sourceGroupIds: [],
      sourcePublicIp: publicNat
        ? { label: `Elastic IP of ${nat.source.logicalId}${regionalIn}`, vpcId: at.vpcId }
        : undefined,
    },
  };
}

type Translation =
  | { readonly kind: 'at'; readonly at: Located }
  | { readonly kind: 'stop'; readonly disposition: 'UNKNOWN'; readonly reason: string };

/**
 * The interface of the NAT gateway that translates a packet from `from`, and its private address: the source of
 * what it translated, and so the destination of the reply, which is translated back there. A zonal NAT gateway has
 * one, in its subnet; a regional one has one in each AZ it serves, and translates in the AZ the packet comes from.
 */
function natInterface(index: ModelIndex, nat: NatGateway, from: Subnet | undefined): Translation {
  const placement = nat.placement;
  const subnet =
    placement.kind === 'zonal' ? index.subnets.get(placement.subnetId) : regionalPresence(index, nat, from);
  if (typeof subnet === 'string') return { kind: 'stop', disposition: 'UNKNOWN', reason: subnet };
  const range = subnet === undefined ? undefined : index.cidr(subnet.cidr);
  if (subnet === undefined || range === undefined)
    return {
      kind: 'stop',
      disposition: 'UNKNOWN',
      reason: `NAT gateway ${nat.source.logicalId} is not in the model`,
    };
  const zone = azOf(subnet);
  const label =
    placement.kind === 'regional' ? `${nat.source.logicalId} in ${zone ?? '?'}` : nat.source.logicalId;
  return {
    kind: 'at',
    at: {
      place: managedInterface(subnet.id, 'nat gateway', nat.source),
      subnet,
      vpcId: subnet.vpcId,
      address: { kind: 'private', range, label },
      ...(zone ? { availabilityZone: zone } : {}),
    },
  };
}

/** Where a regional NAT gateway translates a packet from `from`: its presence in that subnet's AZ, or why not. */
function regionalPresence(index: ModelIndex, nat: NatGateway, from: Subnet | undefined): Subnet | string {
  const zone = azOf(from);
  const name = nat.source.logicalId;
  if (from === undefined || zone === undefined) {
    const why =
      from === undefined
        ? 'this packet comes from no subnet'
        : `the AZ of ${from.source.logicalId} is unknown`;
    return `regional NAT gateway ${name} translates in the AZ a packet comes from, and ${why}`;
  }
  return (
    natPresenceIn(index.subnets, nat, zone) ??
    `regional NAT gateway ${name} lists no Elastic IP for ${zone} in AvailabilityZoneAddresses, and AWS does not document what it does with traffic from an AZ it is not in`
  );
}
