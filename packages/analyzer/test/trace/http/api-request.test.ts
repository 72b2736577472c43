import { describe, expect, it } from 'vitest';
import { routeByStage, sampleRequest } from '../../../src/analyses/trace/http/api-request.js';
import { type ApiIntegration, type ApiStage, known } from '../../../src/model/types.js';

const stage: ApiStage = {
  id: 'Net/Stage',
  source: { stack: 'Net', logicalId: 'Stage', type: 'AWS::ApiGateway::Stage' },
  stageName: 'prod',
  accessLogs: true,
};
const integration = (path: string, more: Partial<ApiIntegration> = {}): ApiIntegration => ({
  path,
  method: 'GET',
  type: 'HTTP_PROXY',
  vpcLinkId: 'Net/VpcLink',
  loadBalancerId: 'Net/Alb',
  backendMethod: 'GET',
  uriPort: 80,
  uriPath: known(path),
  pathParameters: {},
  pathOverrideTemplates: [],
  ...more,
});
const backendOf = (integrations: readonly ApiIntegration[], path: string, method = 'GET') => {
  const routing = routeByStage(stage, integrations, { method, path });
  if (routing.kind === 'not-served') return { notServed: routing.reason };
  return routing.backend === undefined
    ? { unknown: routing.unknownReason }
    : { resource: routing.integration.path, backend: routing.backend.path };
};

describe('REST API stage routing', () => {
  it('keeps the stage in the path a private integration sends to its backend', () => {
    expect(backendOf([integration('/price')], '/prod/price')).toEqual({
      resource: '/price',
      backend: '/prod/price',
    });
  });

  it('sends the URI path alone to a backend that is not behind a VPC link', () => {
    const { vpcLinkId: _, ...publicIntegration } = integration('/price');
    expect(backendOf([publicIntegration], '/prod/price')).toEqual({ resource: '/price', backend: '/price' });
  });

  it('passes the query string through a proxy integration', () => {
    expect(backendOf([integration('/price')], '/prod/price?symbol=BTCUSDT')).toEqual({
      resource: '/price',
      backend: '/prod/price?symbol=BTCUSDT',
    });
  });

  it('binds a greedy path parameter and maps it into the URI, preferring a literal resource', () => {
    const proxy = integration('/{proxy+}', {
      method: 'ANY',
      backendMethod: 'ANY',
      uriPath: known('/{proxy}'),
      pathParameters: { proxy: 'method.request.path.proxy' },
    });
    expect(backendOf([proxy, integration('/price')], '/prod/price')).toEqual({
      resource: '/price',
      backend: '/prod/price',
    });
    expect(backendOf([proxy, integration('/price')], '/prod/items/42', 'DELETE')).toEqual({
      resource: '/{proxy+}',
      backend: '/prod/items/42',
    });
  });

  it('leaves the backend path unknown when a URI parameter is not mapped from the method', () => {
    expect(backendOf([integration('/{id}', { uriPath: known('/items/{id}') })], '/prod/42')).toEqual({
      unknown: "the integration URI's {id} is not mapped from a path parameter of the method",
    });
  });

  it('leaves the backend path unknown when a non-proxy integration overrides it in a mapping template', () => {
    const mapped = integration('/price', { type: 'HTTP', pathOverrideTemplates: ['application/json'] });
    expect(backendOf([mapped], '/prod/price')).toEqual({
      unknown:
        'the mapping template for application/json sets $context.requestOverride.path, which Moat does not evaluate',
    });
  });

  it('ignores a mapping template on a proxy integration, where templates do not apply', () => {
    const routing = routeByStage(
      stage,
      [integration('/price', { pathOverrideTemplates: ['application/json'] })],
      { method: 'GET', path: '/prod/price' },
    );
    expect(routing.kind === 'integration' && routing.backend?.path).toBe('/prod/price');
    expect(routing.steps.map((step) => step.action)).toEqual(['request', 'resource', 'mapping template']);
  });

  it('answers itself a path outside the stage or without a matching method', () => {
    expect(backendOf([integration('/price')], '/test/price')).toEqual({
      notServed: "/test/price is not under stage 'prod' (/prod/…): API Gateway answers it itself",
    });
    expect(backendOf([integration('/price')], '/prod/price', 'POST')).toEqual({
      notServed: "no method of the API matches POST /price in stage 'prod': API Gateway answers it itself",
    });
  });

  it("samples the stage's first integrated method when the flow names no request", () => {
    expect(sampleRequest(stage, [integration('/items/{id}', { method: 'ANY' })])).toEqual({
      method: 'GET',
      path: '/prod/items/id',
    });
  });
});
