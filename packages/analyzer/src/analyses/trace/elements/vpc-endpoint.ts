import type { ElementId } from '../../../model/types.js';
import type { Hop } from '../../types.js';
import { describeAddress } from '../address.js';
import { ended, stopped, subnetHop } from '../core/hops.js';
import { interfaceEndpointPlace } from '../core/places.js';
import type { Departure, Exit, Forwarding, Leg, Located, ReplyStart } from '../core/types.js';
import type { ModelIndex } from '../model-index.js';

/**
 * VPC endpoints: a gateway endpoint (S3, DynamoDB) is a route target that hands the packet to the AWS
 * network; an interface endpoint is a network interface that a service's name resolves to.
 */

/** A route to a gateway endpoint (its prefix-list route): the packet leaves the VPC for the AWS service. */
export function forwardToGatewayEndpoint(departure: Departure, endpointId: ElementId): Forwarding {
  const { index, hops } = departure;
  const endpoint = index.gatewayEndpoints.get(endpointId);
  if (endpoint === undefined)
    return stopped(hops, 'UNKNOWN', `gateway endpoint ${endpointId} is not in the model`);
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
  return ended({
    disposition: 'ACCEPTED',
    hops,
    exit: { kind: 'gateway-endpoint', endpointSource: endpoint.source },
  });
}

/** The reply to a connection that left by a gateway endpoint comes back by it to the sender. */
export function replyFromGatewayEndpoint(
  exit: Extract<Exit, { kind: 'gateway-endpoint' }>,
  leg: Leg,
): ReplyStart {
  const hops: Hop[] = [
    {
      kind: 'gateway endpoint',
      node: exit.endpointSource,
      steps: [{ action: 'reply', detail: `→ ${describeAddress(leg.packet.source)}` }],
    },
  ];
  if (leg.from)
    hops.push(
      subnetHop(leg.from.place.hopKind, leg.from.place.node, leg.from.subnet, [
        { action: 'stateful', detail: 'reply of an allowed connection' },
      ]),
    );
  return ended({ disposition: 'ACCEPTED', hops });
}

/**
 * The interface endpoint an AWS service's name resolves to from a VPC: with private DNS, the service's name
 * resolves to the endpoint's ENIs in the VPC.
 * https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html#interface-endpoint-private-dns
 */
export function interfaceEndpointFor(
  index: ModelIndex,
  vpcId: ElementId,
  service: string,
  zone: string | undefined,
): Located | undefined {
  const endpoint = index.interfaceEndpointsByVpc
    .get(vpcId)
    ?.find(
      (candidate) =>
        candidate.privateDnsEnabled && candidate.service.known && candidate.service.value === service,
    );
  return endpoint ? interfaceEndpointPlace(index, endpoint, zone) : undefined;
}
