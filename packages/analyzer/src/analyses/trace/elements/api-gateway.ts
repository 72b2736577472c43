import type { LoadBalancer, NetworkModel, VpcLink } from '../../../model/types.js';
import type { Flow, Hop, HttpRequest, Step } from '../../types.js';
import { connect } from '../core/connection.js';
import { failed, subnetHop } from '../core/hops.js';
import { loadBalancerPlace, vpcLinkPlace } from '../core/places.js';
import type { Forward, Packet } from '../core/types.js';
import { routeByStage, sampleRequest } from '../http/api-request.js';
import { describeRequest } from '../http/request.js';
import type { ModelIndex } from '../model-index.js';
import { evaluateSecurityGroups } from '../security-groups.js';
import { throughLoadBalancer } from './load-balancer.js';

/**
 * A REST API stage: TLS ends at API Gateway, WAF filters there, the stage routes the request to a method, and the
 * integration reaches the load balancer through the ENIs of a VPC link V2, or the NLB behind a VPC link V1, with
 * the request the backend receives.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-integration.html
 */
export function throughApi(
  index: ModelIndex,
  flow: Flow,
  api: NetworkModel['restApis'][number],
  stage: NetworkModel['restApis'][number]['stages'][number],
  assumptions: string[],
): Forward {
  const steps: Step[] = [
    {
      action: 'stage',
      detail: `${api.endpointType} REST API ${api.source.logicalId}, stage '${stage.stageName}'`,
    },
  ];
  const acl = index.webAclByResource.get(stage.id);
  if (acl !== undefined)
    steps.push({
      action: 'waf',
      detail: `web ACL ${acl.source.logicalId} (default ${acl.defaultAction}, ${acl.rules.length} rules)`,
      source: acl.source,
    });
  const hops: Hop[] = [{ kind: 'api stage', node: stage.source, steps }];
  if (api.endpointType === 'PRIVATE')
    return failed('NOT_REACHABLE_FROM_INTERNET', `${api.source.logicalId} is a PRIVATE API`, hops);
  const request = flow.http ?? sampleRequest(stage, api.integrations);
  if (request === undefined) {
    steps.push({ action: 'integration', detail: 'the API has no method with an integration' });
    return failed('NO_ROUTE', `${api.source.logicalId} has no method with an integration`, hops);
  }
  const routing = routeByStage(stage, api.integrations, request);
  steps.push(...routing.steps);
  if (routing.kind === 'not-served') return failed('NOT_SERVED', routing.reason, hops);
  const { integration } = routing;
  const balancer = integration.loadBalancerId
    ? index.loadBalancers.get(integration.loadBalancerId)
    : undefined;
  const linkV1 = integration.vpcLinkId ? index.vpcLinks.get(integration.vpcLinkId) : undefined;
  if (balancer !== undefined && linkV1?.version === 'V1' && routing.backend !== undefined) {
    return throughVpcLinkV1(
      index,
      flow,
      hops,
      linkV1,
      balancer,
      routing.backend,
      integration.uriPort,
      assumptions,
    );
  }
  const link = integration.vpcLinkId ? vpcLinkPlace(index, integration.vpcLinkId) : undefined;
  if (balancer === undefined || link === undefined) {
    steps.push({ action: 'integration', detail: 'no VPC link integration to a load balancer of the model' });
    return failed(
      'NO_ROUTE',
      `${api.source.logicalId}'s ${integration.method} ${integration.path} has no VPC link integration to a load balancer of the model`,
      hops,
    );
  }
  if (routing.backend === undefined) {
    return failed('UNKNOWN', routing.unknownReason ?? 'the backend request is not known', hops);
  }
  const node = loadBalancerPlace(index, balancer, link.availabilityZone);
  if (node === undefined)
    return failed('UNKNOWN', `${balancer.source.logicalId} has no subnet in the model`, hops);
  const port = integration.uriPort ?? balancer.listeners[0]?.port ?? 80;
  steps.push({
    action: 'integration',
    detail: `${describeRequest(routing.backend)} → VPC link ${link.place.node.logicalId} → ${balancer.source.logicalId}:${port} (a private integration keeps the stage '${stage.stageName}' in the path)`,
  });
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
    ? throughLoadBalancer(index, forward, balancer, node, flow, assumptions, 0, port, routing.backend)
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
function throughVpcLinkV1(
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
