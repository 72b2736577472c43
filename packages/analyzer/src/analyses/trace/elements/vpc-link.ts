import type { LoadBalancer, VpcLink } from '../../../model/types.js';
import type { Flow, Hop, HttpRequest, Step } from '../../types.js';
import { connect } from '../core/connection.js';
import { failed, subnetHop } from '../core/hops.js';
import { loadBalancerPlace } from '../core/places.js';
import type { Forward, Located, Packet } from '../core/types.js';
import { describeRequest } from '../http/request.js';
import type { ModelIndex } from '../model-index.js';
import { evaluateSecurityGroups } from '../security-groups.js';
import { throughLoadBalancer } from './load-balancer.js';

/**
 * A VPC link V2 (REST and HTTP APIs alike) reaches the load balancer from ENIs in the link's subnets, with the
 * link's security groups: the load balancer's security groups must admit them, and the subnets' routes and network
 * ACLs apply on the way. The link's ENI in the load balancer's AZ is taken when there is one.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-vpc-links.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-vpc-links-v2.html
 */
export function throughVpcLinkV2(
  index: ModelIndex,
  flow: Flow,
  hops: Hop[],
  link: Located,
  balancer: LoadBalancer,
  port: number,
  backend: HttpRequest,
  assumptions: string[],
): Forward {
  const node = loadBalancerPlace(index, balancer, link.availabilityZone);
  if (node === undefined)
    return failed('UNKNOWN', `${balancer.source.logicalId} has no subnet in the model`, hops);
  const packet: Packet = {
    source: link.address,
    destination: node.address,
    protocol: flow.protocol,
    port,
    destinationPorts: { from: port, to: port },
    sourceGroupIds: link.place.securityGroupIds,
  };
  const leg = connect(
    index,
    link,
    packet,
    { kind: 'nic', place: node.place, vpcId: node.vpcId },
    node,
    assumptions,
  );
  const forward: Forward = {
    disposition: leg.outcome.disposition,
    hops: [
      ...hops,
      subnetHop(link.place.hopKind, link.place.node, link.subnet, leg.senderSteps),
      ...leg.hops,
    ],
    legs: [leg],
    ...(leg.outcome.reason ? { reason: leg.outcome.reason } : {}),
  };
  return forward.disposition === 'ACCEPTED'
    ? throughLoadBalancer(index, forward, balancer, node, flow, assumptions, 0, port, backend)
    : forward;
}

/**
 * A VPC link V1 is a PrivateLink endpoint service in front of an NLB: API Gateway reaches the NLB's node from
 * addresses of its own, and the NLB forwards to its targets. An NLB with security groups applies their inbound
 * rules to that traffic unless `EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic` is off; which addresses API
 * Gateway connects from is not documented, so only a rule open to every address decides it.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-private-integration.html
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html
 */
export function throughVpcLinkV1(
  index: ModelIndex,
  flow: Flow,
  hops: Hop[],
  link: VpcLink,
  balancer: LoadBalancer,
  backend: HttpRequest,
  uriPort: number | undefined,
  assumptions: string[],
): Forward {
  const node = loadBalancerPlace(index, balancer);
  if (node === undefined)
    return failed('UNKNOWN', `${balancer.source.logicalId} has no subnet in the model`, hops);
  const port = uriPort ?? balancer.listeners[0]?.port ?? 80;
  const steps: Step[] = [
    {
      action: 'integration',
      detail: `${describeRequest(backend)} → VPC link V1 ${link.source.logicalId} (PrivateLink) → ${balancer.source.logicalId}:${port}`,
      source: link.source,
    },
  ];
  const nodeHop = subnetHop(node.place.hopKind, node.place.node, node.subnet, steps);
  const enforced = balancer.privateLinkInboundRules && balancer.securityGroupIds.length > 0;
  if (enforced) {
    const verdict = evaluateSecurityGroups(
      index,
      balancer.securityGroupIds,
      'ingress',
      {
        address: { kind: 'public', label: `API Gateway (VPC link V1 ${link.source.logicalId})` },
        securityGroupIds: [],
      },
      flow.protocol,
      port,
      balancer.source,
    );
    steps.push(verdict.step);
    if (verdict.kind !== 'allow')
      return failed(
        'UNKNOWN',
        `${balancer.source.logicalId}'s security groups judge the PrivateLink traffic of VPC link V1 ${link.source.logicalId}, whose source addresses AWS does not document, and no rule admits every address on ${flow.protocol}/${port}: open the port to 0.0.0.0/0 in them (the VPC link is the only way in to an internal NLB) or set EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic to off`,
        [...hops, nodeHop],
      );
  } else {
    steps.push({
      action: 'privatelink',
      detail:
        balancer.securityGroupIds.length > 0
          ? 'inbound rules not enforced on PrivateLink traffic'
          : 'the NLB has no security group',
    });
  }
  const forward: Forward = { disposition: 'ACCEPTED', hops: [...hops, nodeHop], legs: [] };
  return throughLoadBalancer(index, forward, balancer, node, flow, assumptions, 0, port, backend);
}
