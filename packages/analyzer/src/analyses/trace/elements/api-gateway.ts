import type { LoadBalancer, NetworkModel } from '../../../model/types.js';
import type { Flow, Hop, Step } from '../../types.js';
import { connect } from '../core/connection.js';
import { failed, subnetHop } from '../core/hops.js';
import { loadBalancerPlace, vpcLinkPlace } from '../core/places.js';
import type { Forward, Packet } from '../core/types.js';
import type { ModelIndex } from '../model-index.js';
import { throughLoadBalancer } from './load-balancer.js';

/**
 * A REST API stage: TLS ends at API Gateway, WAF filters there, and the integration reaches the ALB through the
 * ENIs of a VPC link V2. https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-integration.html
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
  const integration = api.integrations.find(
    (candidate) => candidate.vpcLinkId !== undefined && candidate.loadBalancerId !== undefined,
  );
  const balancer = integration?.loadBalancerId
    ? index.loadBalancers.get(integration.loadBalancerId)
    : undefined;
  const link = integration?.vpcLinkId ? vpcLinkPlace(index, integration.vpcLinkId) : undefined;
  if (integration === undefined || balancer === undefined || link === undefined) {
    steps.push({ action: 'integration', detail: 'no VPC link integration to a load balancer of the model' });
    return failed(
      'NO_ROUTE',
      `${api.source.logicalId} has no VPC link V2 integration to a load balancer of the model`,
      hops,
    );
  }
  const node = loadBalancerPlace(index, balancer, link.availabilityZone);
  if (node === undefined)
    return failed('UNKNOWN', `${balancer.source.logicalId} has no subnet in the model`, hops);
  const port = integrationPort(integration.uri, balancer);
  steps.push({
    action: 'integration',
    detail: `${integration.method} ${integration.path} → VPC link ${link.place.node.logicalId} → ${balancer.source.logicalId}:${port}`,
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
    ? throughLoadBalancer(index, forward, balancer, node, flow, assumptions, 0, port)
    : forward;
}

/** The listener port the integration calls: the URI's port, else the first listener's. */
function integrationPort(
  uri: NetworkModel['restApis'][number]['integrations'][number]['uri'],
  balancer: LoadBalancer,
): number {
  const match = uri.known ? /^(https?):\/\/[^/:]+(?::(\d+))?/.exec(uri.value) : null;
  if (match?.[2]) return Number(match[2]);
  if (match?.[1]) return match[1] === 'https' ? 443 : 80;
  return balancer.listeners[0]?.port ?? 80;
}
