import { forwardToFirewallEndpoint } from '../elements/firewall-endpoint.js';
import { forwardToInternetGateway } from '../elements/internet-gateway.js';
import { forwardToNatGateway } from '../elements/nat-gateway.js';
import { deliverInVpc } from '../elements/network-interface.js';
import { forwardToTransitGateway } from '../elements/transit-gateway.js';
import { forwardToGatewayEndpoint } from '../elements/vpc-endpoint.js';
import { stopped } from './hops.js';
import type { Departure, Forwarding } from './types.js';

/**
 * The element module that forwards a packet by the kind of the route's target. A new kind of target is one
 * element module and one case here (and, if its route step should name it, one in elements/subnet.ts).
 */
export function forwardByRoute(departure: Departure): Forwarding {
  const { route, hops } = departure;
  const target = route.target;
  switch (target.kind) {
    case 'local':
      return deliverInVpc(departure);
    case 'internet-gateway':
      return forwardToInternetGateway(departure, target.id);
    case 'nat-gateway':
      return forwardToNatGateway(departure, target.id);
    case 'transit-gateway':
      return forwardToTransitGateway(departure, target.id);
    case 'firewall-endpoint':
      return forwardToFirewallEndpoint(departure, target);
    case 'gateway-endpoint':
      return forwardToGatewayEndpoint(departure, target.id);
    case 'blackhole':
      return stopped(hops, 'BLACKHOLE', `route ${route.source.logicalId} is a blackhole`);
    case 'unknown':
      return stopped(hops, 'UNKNOWN', target.reason);
    default:
      return stopped(
        hops,
        'UNKNOWN',
        `${target.kind} targets (route ${route.source.logicalId}) are not traced by Moat`,
      );
  }
}
