import type { ApiStage, HttpApi } from '../../../model/types.js';
import type { Flow, Hop, Step } from '../../types.js';
import { failed } from '../core/hops.js';
import { vpcLinkPlace } from '../core/places.js';
import type { Forward } from '../core/types.js';
import { routeByHttpStage, sampleHttpRequest } from '../http/http-api-routes.js';
import { describeRequest } from '../http/request.js';
import type { ModelIndex } from '../model-index.js';
import { throughVpcLinkV2 } from './vpc-link.js';

/**
 * An HTTP API stage: a public endpoint (HTTP APIs are regional only, with no private endpoint type, no WAF and no
 * resource policy: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-vs-rest.html), where TLS
 * ends; the stage picks a route, and a private integration opens a connection from the ENIs of its VPC link V2 to
 * the load balancer listener its `IntegrationUri` names.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-private.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-vpc-links.html
 */
export function throughHttpApi(
  index: ModelIndex,
  flow: Flow,
  api: HttpApi,
  stage: ApiStage,
  assumptions: string[],
): Forward {
  const steps: Step[] = [
    { action: 'stage', detail: `HTTP API ${api.source.logicalId}, stage '${stage.stageName}'` },
  ];
  const hops: Hop[] = [{ kind: 'api stage', node: stage.source, steps }];
  const request = flow.http ?? sampleHttpRequest(stage, api.routes);
  if (request === undefined) {
    steps.push({ action: 'route', detail: 'the API has no route' });
    return failed('NO_ROUTE', `${api.source.logicalId} has no route`, hops);
  }
  const routing = routeByHttpStage(stage, api.routes, request);
  steps.push(...routing.steps);
  if (routing.kind === 'not-served') return failed('NOT_SERVED', routing.reason, hops);
  const { route, integration, backend } = routing;
  if (!integration.known) return failed('UNKNOWN', integration.reason, hops);
  const { vpcLinkId, listener } = integration.value;
  if (vpcLinkId === undefined)
    return failed(
      'UNKNOWN',
      `route '${route.routeKey}' of ${api.source.logicalId} runs ${integration.value.type} integration ${integration.value.source.logicalId}, not a private (VPC link) one: Moat traces only integrations into a VPC`,
      hops,
    );
  if (!listener.known) return failed('UNKNOWN', listener.reason, hops);
  const balancer = index.loadBalancers.get(listener.value.loadBalancerId);
  // The flow's AZ, when it names one, picks the link's ENI (and so the load balancer node) there.
  const link = vpcLinkPlace(
    index,
    vpcLinkId,
    flow.to.kind === 'entry' ? flow.to.availabilityZone : undefined,
  );
  if (balancer === undefined || link === undefined)
    return failed(
      'UNKNOWN',
      `${integration.value.source.logicalId}'s ${balancer === undefined ? 'load balancer' : 'VPC link'} has no subnet in the model`,
      hops,
    );
  steps.push({
    action: 'integration',
    detail: `${describeRequest(backend)} → VPC link ${link.place.node.logicalId} → ${balancer.source.logicalId}:${listener.value.port}`,
    source: integration.value.source,
  });
  return throughVpcLinkV2(index, flow, hops, link, balancer, listener.value.port, backend, assumptions);
}
