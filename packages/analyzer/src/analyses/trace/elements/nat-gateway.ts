import type { ElementId, NatGateway } from '../../../model/types.js';
import { stopped, subnetHop } from '../core/hops.js';
import { managedInterface } from '../core/places.js';
import type { Departure, Forwarding, Located } from '../core/types.js';
import type { ModelIndex } from '../model-index.js';
import { crossSubnets } from './subnet.js';

/**
 * A route to a NAT gateway: the packet enters the NAT gateway's subnet, which translates its source to the
 * gateway's private IP and sends it on by that subnet's route table. An internet gateway then translates that
 * address to the gateway's Elastic IP (public NAT); a private NAT gateway has none, and an internet gateway drops
 * what it sends. The reply comes back to the gateway's address and is translated back there (paths/reply.ts).
 * https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html
 */
export function forwardToNatGateway(departure: Departure, natId: ElementId): Forwarding {
  const { index, packet, session, hops } = departure;
  const nat = index.natGateways.get(natId);
  const translated = nat === undefined ? undefined : natInterface(index, nat);
  if (nat === undefined || translated === undefined)
    return stopped(hops, 'UNKNOWN', `NAT gateway ${natId} is not in the model`);
  if (session.reply) {
    return stopped(
      hops,
      'NO_ROUTE',
      `the reply is routed to NAT gateway ${nat.source.logicalId}, which would translate its source; the client drops it (asymmetric path)`,
    );
  }
  const crossing = crossSubnets(departure, translated.subnet);
  if (crossing.kind === 'stop') return crossing;
  const publicNat = nat.connectivity === 'public';
  hops.push(
    subnetHop('nat gateway', nat.source, translated.subnet, [
      ...crossing.arrivalSteps,
      {
        action: 'source NAT',
        detail: publicNat ? 'to its Elastic IP' : 'to its private IP (private NAT)',
      },
    ]),
  );
  session.translations.push(nat);
  return {
    kind: 'next',
    place: translated.place,
    packet: {
      ...packet,
      source: translated.address,
      sourceGroupIds: [],
      sourcePublicIp: publicNat
        ? { label: `Elastic IP of ${nat.source.logicalId}`, vpcId: translated.vpcId }
        : undefined,
    },
  };
}

/**
 * The NAT gateway's network interface in its subnet, and its private address: the source of what it translated,
 * and so the destination of the reply, which is translated back there.
 */
export function natInterface(index: ModelIndex, nat: NatGateway): Located | undefined {
  const subnet = index.subnets.get(nat.subnetId);
  const range = subnet === undefined ? undefined : index.cidr(subnet.cidr);
  if (subnet === undefined || range === undefined) return undefined;
  return {
    place: managedInterface(subnet.id, 'nat gateway', nat.source),
    subnet,
    vpcId: subnet.vpcId,
    address: { kind: 'private', range, label: nat.source.logicalId },
  };
}
