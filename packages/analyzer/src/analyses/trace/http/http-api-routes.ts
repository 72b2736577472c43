import type { ApiStage, HttpApiIntegration, HttpApiRoute, Resolved } from '../../../model/types.js';
import type { HttpRequest, Step } from '../../types.js';
import { bestMatch, samplePath } from './api-request.js';
import { describeRequest, splitTarget } from './request.js';

/** What an HTTP API stage does with a request: the route it picks, its integration and the backend's request. */
export type HttpStageRouting =
  | {
      readonly kind: 'integration';
      readonly route: HttpApiRoute;
      readonly integration: Resolved<HttpApiIntegration>;
      readonly backend: HttpRequest;
      readonly steps: readonly Step[];
    }
  | { readonly kind: 'not-served'; readonly reason: string; readonly steps: readonly Step[] };

/** The `$default` stage is served from the base of the API's URL; any other stage from `/<stage name>`. */
const stagePrefix = (stage: ApiStage): string =>
  stage.stageName === '$default' ? '' : `/${stage.stageName}`;

/**
 * The request a client of an HTTP API stage sends when the flow gives none: the first privately integrated route's
 * method (GET for ANY) and path, path variables keeping their names as sample values (`/` for `$default`).
 */
export function sampleHttpRequest(stage: ApiStage, routes: readonly HttpApiRoute[]): HttpRequest | undefined {
  const route =
    routes.find((candidate) => candidate.integration.known && candidate.integration.value.vpcLinkId) ??
    routes[0];
  if (route === undefined) return undefined;
  const method = route.match === undefined || route.match.method === 'ANY' ? 'GET' : route.match.method;
  const path = samplePath(route.match?.path ?? '/');
  return { method, path: `${stagePrefix(stage)}${path === '/' ? '' : path}` || '/' };
}

/**
 * The stage takes the request under its path, and picks a route: a full match of route and method first, then a
 * route with a greedy path variable (`{proxy+}`), then `$default`; `ANY` matches a method no route of the
 * resource names. Without a match API Gateway answers `{"message":"Not Found"}` itself.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html
 * A private integration receives the whole request path, the stage's part included ("a request to the test stage
 * … includes test/route-path in the request to your private integration"), and the query string.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-private.html
 */
export function routeByHttpStage(
  stage: ApiStage,
  routes: readonly HttpApiRoute[],
  request: HttpRequest,
): HttpStageRouting {
  const steps: Step[] = [{ action: 'request', detail: describeRequest(request) }];
  const { path } = splitTarget(request.path);
  const prefix = stagePrefix(stage);
  if (prefix !== '' && path !== prefix && !path.startsWith(`${prefix}/`)) {
    return {
      kind: 'not-served',
      reason: `${path} is not under stage '${stage.stageName}' (${prefix}/…): API Gateway answers it itself`,
      steps,
    };
  }
  const routePath = path.slice(prefix.length) || '/';
  const keyed = routes.flatMap((route) => (route.match ? [{ ...route.match, route }] : []));
  const route =
    bestMatch(keyed, request.method, routePath)?.match.route ??
    routes.find((candidate) => candidate.match === undefined);
  if (route === undefined) {
    return {
      kind: 'not-served',
      reason: `no route of the API matches ${request.method} ${routePath} and it has no $default route: API Gateway answers Not Found itself`,
      steps,
    };
  }
  const { integration } = route;
  steps.push({
    action: 'route',
    detail: `${request.method} ${routePath} → route '${route.routeKey}' (${route.source.logicalId}) → ${integration.known ? `${integration.value.type} integration ${integration.value.source.logicalId}` : 'no integration'}`,
  });
  const backendMethod = integration.known ? integration.value.backendMethod : 'ANY';
  return {
    kind: 'integration',
    route,
    integration,
    backend: { method: backendMethod === 'ANY' ? request.method : backendMethod, path: request.path },
    steps,
  };
}
