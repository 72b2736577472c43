import type { ElementId } from '../../../model/types.js';
import { ended, stopped } from '../core/hops.js';
import type { Departure, Forwarding } from '../core/types.js';

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
