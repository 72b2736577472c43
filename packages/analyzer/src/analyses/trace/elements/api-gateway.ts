import type { NetworkModel } from '../../../model/types.js';
import type { Flow, Hop, Step } from '../../types.js';
import { failed } from '../core/hops.js';
import { vpcLinkPlace } from '../core/places.js';
import type { Forward } from '../core/types.js';
import { routeByStage, sampleRequest } from '../http/api-request.js';
import { describeRequest } from '../http/request.js';
import type { ModelIndex } from '../model-index.js';
import { throughVpcLinkV1, throughVpcLinkV2 } from './vpc-link.js';

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
  const zone = flow.to.kind === 'entry' ? flow.to.availabilityZone : undefined;
  const link = integration.vpcLinkId ? vpcLinkPlace(index, integration.vpcLinkId, zone) : undefined;
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
  const port = integration.uriPort ?? balancer.listeners[0]?.port ?? 80;
  steps.push({
    action: 'integration',
    detail: `${describeRequest(routing.backend)} → VPC link ${link.place.node.logicalId} → ${balancer.source.logicalId}:${port} (a private integration keeps the stage '${stage.stageName}' in the path)`,
  });
  return throughVpcLinkV2(index, flow, hops, link, balancer, port, routing.backend, assumptions);
}
