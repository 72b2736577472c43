import type { ElementId } from '../../../model/types.js';
import { azOf, stopped, subnetHop } from '../core/hops.js';
import { managedInterface } from '../core/places.js';
import type { Departure, Forwarding } from '../core/types.js';
import { crossSubnets } from './subnet.js';

/**
 * A route to a Gateway Load Balancer endpoint: the endpoint, in its one subnet, hands the packet whole (GENEVE
 * encapsulation) to the Gateway Load Balancer of its service, whose appliances send it back through the same
 * endpoint, from where its subnet's route table routes it on. The load balancer is "a transparent network
 * gateway", so the packet keeps its source and destination.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/gateway/introduction.html
 * https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-load-balancer-endpoints.html
 *
 * What the appliances decide is software Moat cannot read. The walk goes on, so that a route or security group
 * that fails later still fails the flow, but a verdict that would be ACCEPTED becomes UNKNOWN with this reason
 * (`Session.undecided`): never ACCEPTED on something the templates do not determine.
 */
export function forwardToGatewayLoadBalancerEndpoint(
  departure: Departure,
  endpointId: ElementId,
): Forwarding {
  const { index, packet, session, hops } = departure;
  const endpoint = index.gatewayLoadBalancerEndpoints.get(endpointId);
  const subnet = endpoint?.subnetIds[0] === undefined ? undefined : index.subnets.get(endpoint.subnetIds[0]);
  if (endpoint === undefined || subnet === undefined)
    return stopped(
      hops,
      'UNKNOWN',
      `Gateway Load Balancer endpoint ${endpointId} has no subnet in the model`,
    );
  const crossing = crossSubnets(departure, subnet);
  if (crossing.kind === 'stop') return crossing;
  const name = endpoint.source.logicalId;
  hops.push(
    subnetHop('gwlb endpoint', endpoint.source, subnet, [
      ...crossing.arrivalSteps,
      { action: 'endpoint', detail: `in ${azOf(subnet) ?? subnet.source.logicalId}` },
      {
        action: 'appliance',
        detail: 'the appliances behind the Gateway Load Balancer decide (not inspected)',
      },
    ]),
  );
  session.undecided.push(
    `the appliances behind Gateway Load Balancer endpoint ${name} decide whether the flow passes (both ways), and Moat cannot inspect them`,
  );
  return { kind: 'next', place: managedInterface(subnet.id, 'gwlb endpoint', endpoint.source), packet };
}
