import type { ApiIntegration, ApiStage } from '../../../model/types.js';
import type { HttpRequest, Step } from '../../types.js';
import { describeRequest, splitTarget } from './request.js';

/** What a REST API stage does with a request: the integration it runs and the request the backend receives. */
export type StageRouting =
  | {
      readonly kind: 'integration';
      readonly integration: ApiIntegration;
      /** Undefined when the templates do not determine the backend's path (a mapping template sets it). */
      readonly backend?: HttpRequest;
      readonly steps: readonly Step[];
      /** Why the backend request is unknown, when it is. */
      readonly unknownReason?: string;
    }
  | { readonly kind: 'not-served'; readonly reason: string; readonly steps: readonly Step[] };

/** A resource path with each `{param}` or `{param+}` given its own name as the sample value: `/items/id`. */
export const samplePath = (resourcePath: string): string => resourcePath.replace(/\{([^}+]+)\+?\}/g, '$1');

/**
 * The request a client of a REST API stage sends when the flow gives none: the first VPC-link integration's method
 * on its resource path, under the stage (`GET /prod/price`). Path parameters keep their names as sample values.
 */
export function sampleRequest(
  stage: ApiStage,
  integrations: readonly ApiIntegration[],
): HttpRequest | undefined {
  const integration = integrations.find((candidate) => candidate.vpcLinkId !== undefined) ?? integrations[0];
  if (integration === undefined) return undefined;
  const path = samplePath(integration.path);
  return {
    method: integration.method === 'ANY' ? 'GET' : integration.method,
    path: `/${stage.stageName}${path === '/' ? '' : path}` || '/',
  };
}

/**
 * The stage strips its name from the path, picks the method whose resource matches the rest (a literal segment
 * before a `{param}`, a `{param+}` taking the rest), and builds the backend request from the integration URI. In a
 * private integration (VPC link) API Gateway includes the stage in the backend path: "a request to the test stage
 * … includes test/path in the request to your private integration"; only an override of
 * `$context.requestOverride.path` removes it
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/private-integration.html). Overrides live in mapping
 * templates, which apply to non-proxy integrations only: "For proxy integrations, API Gateway passes the entire
 * request through to your backend"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/integration-passthrough-behaviors.html).
 */
export function routeByStage(
  stage: ApiStage,
  integrations: readonly ApiIntegration[],
  request: HttpRequest,
): StageRouting {
  const steps: Step[] = [{ action: 'request', detail: describeRequest(request) }];
  const { path, query } = splitTarget(request.path);
  const prefix = `/${stage.stageName}`;
  if (path !== prefix && !path.startsWith(`${prefix}/`)) {
    return {
      kind: 'not-served',
      reason: `${path} is not under stage '${stage.stageName}' (${prefix}/…): API Gateway answers it itself`,
      steps,
    };
  }
  const resourcePath = path.slice(prefix.length) || '/';
  const match = bestMatch(integrations, request.method, resourcePath);
  if (match === undefined) {
    return {
      kind: 'not-served',
      reason: `no method of the API matches ${request.method} ${resourcePath} in stage '${stage.stageName}': API Gateway answers it itself`,
      steps,
    };
  }
  const { match: integration, parameters } = match;
  steps.push({
    action: 'resource',
    detail: `${request.method} ${resourcePath} → method ${integration.method} ${integration.path}, ${integration.type} integration`,
  });
  if (integration.type === 'HTTP_PROXY' && integration.pathOverrideTemplates.length > 0) {
    steps.push({
      action: 'mapping template',
      detail: `the template for ${integration.pathOverrideTemplates.join(', ')} sets $context.requestOverride.path, but mapping templates do not apply to an HTTP_PROXY integration`,
    });
  }
  const method = integration.backendMethod === 'ANY' ? request.method : integration.backendMethod;
  const backendPath = backendPathOf(integration, parameters, stage);
  if (typeof backendPath !== 'string') {
    return { kind: 'integration', integration, steps, unknownReason: backendPath.unknown };
  }
  // A proxy integration passes the query string through; a non-proxy one sends only mapped parameters.
  const target =
    integration.type === 'HTTP_PROXY' && query !== undefined ? `${backendPath}?${query}` : backendPath;
  return { kind: 'integration', integration, backend: { method, path: target }, steps };
}

function backendPathOf(
  integration: ApiIntegration,
  parameters: Readonly<Record<string, string>>,
  stage: ApiStage,
): string | { readonly unknown: string } {
  if (integration.pathOverrideTemplates.length > 0 && integration.type === 'HTTP') {
    return {
      unknown: `the mapping template for ${integration.pathOverrideTemplates.join(', ')} sets $context.requestOverride.path, which Moat does not evaluate`,
    };
  }
  if (!integration.uriPath.known) return { unknown: integration.uriPath.reason };
  let failure: string | undefined;
  const uriPath = integration.uriPath.value.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const source = integration.pathParameters[name];
    const from = source === undefined ? undefined : /^method\.request\.path\.(.+)$/.exec(source)?.[1];
    const value = from === undefined ? undefined : parameters[from];
    if (value === undefined)
      failure ??= `the integration URI's ${whole} is not mapped from a path parameter of the method`;
    return value ?? whole;
  });
  if (failure !== undefined) return { unknown: failure };
  return integration.vpcLinkId !== undefined ? `/${stage.stageName}${uriPath}` : uriPath;
}

/**
 * The method (REST) or route (HTTP API) whose resource path matches, the one with the most literal segments first,
 * a method named exactly before `ANY` on the same resource, and its path parameters.
 */
export function bestMatch<T extends { readonly method: string; readonly path: string }>(
  candidates: readonly T[],
  method: string,
  resourcePath: string,
): { readonly match: T; readonly parameters: Readonly<Record<string, string>> } | undefined {
  const segments = resourcePath.split('/').filter((segment) => segment !== '');
  const scored = candidates.flatMap((candidate) => {
    if (candidate.method !== method && candidate.method !== 'ANY') return [];
    const parameters = matchResource(candidate.path, segments);
    if (parameters === undefined) return [];
    const literals = candidate.path.split('/').filter((part) => part !== '' && !part.startsWith('{')).length;
    return [{ match: candidate, parameters, score: literals * 2 + (candidate.method === method ? 1 : 0) }];
  });
  scored.sort((a, b) => b.score - a.score);
  return scored[0];
}

function matchResource(
  resource: string,
  segments: readonly string[],
): Readonly<Record<string, string>> | undefined {
  const parts = resource.split('/').filter((part) => part !== '');
  const parameters: Record<string, string> = {};
  for (const [position, part] of parts.entries()) {
    const greedy = /^\{(.+)\+\}$/.exec(part);
    if (greedy?.[1] !== undefined) {
      const rest = segments.slice(position);
      if (rest.length === 0) return undefined;
      parameters[greedy[1]] = rest.join('/');
      return parameters;
    }
    const segment = segments[position];
    if (segment === undefined) return undefined;
    const parameter = /^\{(.+)\}$/.exec(part);
    if (parameter?.[1] !== undefined) parameters[parameter[1]] = segment;
    else if (part !== segment) return undefined;
  }
  return parts.length === segments.length ? parameters : undefined;
}
