import { appendTo } from '../../collections.js';
import type {
  ApiStage,
  ElementId,
  HttpApi,
  HttpApiIntegration,
  HttpApiRoute,
  IntegrationListener,
  Resolved,
} from '../types.js';
import { known, unknown } from '../types.js';
import { type BuildContext, type CfnElement, field, num } from './context.js';
import { referencedLogicalIds } from './references.js';

const API = 'AWS::ApiGatewayV2::Api';
const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';
const LOAD_BALANCER = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const CLOUD_MAP_SERVICE = 'AWS::ServiceDiscovery::Service';
const VPC_LINK_V2 = 'AWS::ApiGatewayV2::VpcLink';

/**
 * The HTTP APIs of the templates with their stages, routes and integrations. A WebSocket API
 * (`ProtocolType: WEBSOCKET`) carries no request/response traffic to a VPC link and is left out.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-api.html
 */
export function buildHttpApis(context: BuildContext): HttpApi[] {
  const integrations = new Map(
    context
      .ofType('AWS::ApiGatewayV2::Integration')
      .map((integration) => [integration.id, buildIntegration(context, integration)]),
  );
  const stagesOf = byApi(context, context.ofType('AWS::ApiGatewayV2::Stage'), buildStage);
  const routesOf = byApi(context, context.ofType('AWS::ApiGatewayV2::Route'), (route) =>
    buildRoute(route, integrations),
  );
  return context
    .ofType(API)
    .filter((api) => api.prop('ProtocolType') === 'HTTP')
    .map(
      (api): HttpApi => ({
        id: api.id,
        source: api.source,
        stages: stagesOf.get(api.id) ?? [],
        routes: routesOf.get(api.id) ?? [],
      }),
    );
}

function byApi<T>(
  context: BuildContext,
  elements: readonly CfnElement[],
  build: (element: CfnElement) => T,
): Map<ElementId, T[]> {
  const grouped = new Map<ElementId, T[]>();
  for (const element of elements) {
    const apiId = context.link(element, 'ApiId', API);
    if (apiId !== undefined) appendTo(grouped, apiId, build(element));
  }
  return grouped;
}

/**
 * An HTTP API stage throttles by `DefaultRouteSettings` and logs by `AccessLogSettings`.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-stage.html
 */
function buildStage(stage: CfnElement): ApiStage {
  const settings = stage.prop('DefaultRouteSettings');
  const rate = num(field(settings, 'ThrottlingRateLimit'));
  const burst = num(field(settings, 'ThrottlingBurstLimit'));
  return {
    id: stage.id,
    source: stage.source,
    stageName: String(stage.prop('StageName') ?? ''),
    ...(rate !== undefined ? { throttlingRateLimit: rate } : {}),
    ...(burst !== undefined ? { throttlingBurstLimit: burst } : {}),
    accessLogs: field(stage.prop('AccessLogSettings'), 'DestinationArn') !== undefined,
  };
}

/**
 * A route's key is `$default` or `METHOD /path`; its `Target` is `integrations/<integration id>`, usually a
 * `Fn::Join` or `Fn::Sub` around a `Ref` of the integration.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html
 */
function buildRoute(
  route: CfnElement,
  integrations: ReadonlyMap<ElementId, HttpApiIntegration>,
): HttpApiRoute {
  const routeKey = String(route.prop('RouteKey') ?? '');
  const [method = '', path = ''] = routeKey.split(' ');
  const named = referencedLogicalIds(route.raw('Target')).map((logicalId) =>
    integrations.get(`${route.source.stack}/${logicalId}`),
  );
  const integration = named.find((candidate) => candidate !== undefined);
  return {
    id: route.id,
    source: route.source,
    routeKey,
    ...(routeKey === '$default' ? {} : { match: { method: method.toUpperCase(), path } }),
    integration:
      integration !== undefined
        ? known(integration)
        : unknown(
            route.prop('Target') === undefined
              ? `route '${routeKey}' (${route.source.logicalId}) has no Target`
              : `route '${routeKey}' (${route.source.logicalId}) targets no integration of the templates`,
          ),
  };
}

/**
 * A private integration (`ConnectionType: VPC_LINK`) names the VPC link V2 in `ConnectionId` and, in
 * `IntegrationUri`, the listener of an ALB or NLB, or a Cloud Map service.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-private.html
 */
function buildIntegration(context: BuildContext, integration: CfnElement): HttpApiIntegration {
  const vpcLink =
    integration.prop('ConnectionType') === 'VPC_LINK'
      ? context.reference(integration.prop('ConnectionId'), VPC_LINK_V2)
      : undefined;
  const method = integration.prop('IntegrationMethod');
  return {
    id: integration.id,
    source: integration.source,
    type: String(integration.prop('IntegrationType') ?? ''),
    ...(vpcLink?.known ? { vpcLinkId: vpcLink.value } : {}),
    backendMethod: typeof method === 'string' ? method.toUpperCase() : 'ANY',
    listener:
      vpcLink === undefined
        ? unknown(`${integration.source.logicalId} is not a private (VPC_LINK) integration`)
        : vpcLink.known
          ? listenerOf(context, integration)
          : unknown(`${integration.source.logicalId}'s ConnectionId: ${vpcLink.reason}`),
  };
}

function listenerOf(context: BuildContext, integration: CfnElement): Resolved<IntegrationListener> {
  const name = integration.source.logicalId;
  const uri = context.reference(integration.prop('IntegrationUri'), LISTENER, CLOUD_MAP_SERVICE);
  if (!uri.known) return unknown(`${name}'s IntegrationUri is not a listener of the model: ${uri.reason}`);
  const target = context.element(uri.value);
  if (target === undefined || target.source.type === CLOUD_MAP_SERVICE)
    return unknown(
      `${name} reaches Cloud Map service ${target?.source.logicalId ?? uri.value}, whose registered instances the templates do not name`,
    );
  const balancer = context.reference(target.prop('LoadBalancerArn'), LOAD_BALANCER);
  const port = num(target.prop('Port'));
  if (!balancer.known)
    return unknown(`listener ${target.source.logicalId} of ${name}: LoadBalancerArn ${balancer.reason}`);
  if (port === undefined)
    return unknown(`listener ${target.source.logicalId} of ${name} has no literal Port`);
  return known({ loadBalancerId: balancer.value, port });
}
