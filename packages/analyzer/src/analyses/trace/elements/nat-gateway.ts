import type { ElementId, NatGateway } from '../../../model/types.js';
import type { Hop } from '../../types.js';
import { type Address, describeAddress } from '../address.js';
import { stopped, subnetHop } from '../core/hops.js';
import { managedInterface } from '../core/places.js';
import type { Departure, Forwarding, Place } from '../core/types.js';
import type { ModelIndex } from '../model-index.js';
import { crossSubnets } from './subnet.js';

/**
 * A route to a NAT gateway: the packet enters the NAT gateway's subnet, which translates its source to the
 * gateway's Elastic IP (public NAT) or private IP (private NAT) and sends it on by that subnet's route table.
 * The reply is translated back at the same gateway.
 */
export function forwardToNatGateway(departure: Departure, natId: ElementId): Forwarding {
  const { index, packet, session, hops } = departure;
  const nat = index.natGateways.get(natId);
  const natSubnet = nat ? index.subnets.get(nat.subnetId) : undefined;
  if (nat === undefined || natSubnet === undefined)
    return stopped(hops, 'UNKNOWN', `NAT gateway ${natId} is not in the model`);
  if (session.reply) {
    return stopped(
      hops,
      'NO_ROUTE',
      `the reply is routed to NAT gateway ${nat.source.logicalId}, which would translate its source; the client drops it (asymmetric path)`,
    );
  }
  const crossing = crossSubnets(departure, natSubnet);
  if (crossing.kind === 'stop') return crossing;
  const publicNat = nat.connectivity === 'public';
  hops.push(
    subnetHop('nat gateway', nat.source, natSubnet, [
      ...crossing.arrivalSteps,
      {
        action: 'source NAT',
        detail: publicNat ? 'to its Elastic IP' : 'to its private IP (private NAT)',
      },
    ]),
  );
  session.nat = nat;
  return {
    kind: 'next',
    place: managedInterface(natSubnet.id, 'nat gateway', nat.source, publicNat),
    packet: {
      ...packet,
      source: publicNat
        ? { kind: 'public', label: `Elastic IP of ${nat.source.logicalId}` }
        : {
            kind: 'private',
            range: index.cidr(natSubnet.cidr) ?? { first: 0, last: 0 },
            label: `${nat.source.logicalId}`,
          },
      sourceGroupIds: [],
    },
  };
}

/** The reply reaches the NAT gateway that translated the request, which sends it back to `client`. */
export function reverseNat(
  index: ModelIndex,
  nat: NatGateway,
  client: Address,
): { readonly hop: Hop; readonly place: Place } {
  const natSubnet = index.subnets.get(nat.subnetId);
  return {
    hop: subnetHop('nat gateway', nat.source, natSubnet, [
      { action: 'reverse NAT', detail: `→ ${describeAddress(client)}` },
    ]),
    place: managedInterface(nat.subnetId, 'nat gateway', nat.source, true),
  };
}
