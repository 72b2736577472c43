import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { net022 } from '../../src/analyses/invariants/rules/net022-vpc-link-load-balancer-internal.js';
import {
  buildModel,
  type Flow,
  type HttpRequest,
  loadAssembly,
  type NetworkModel,
  resolveEndpoint,
  standardFlows,
  traceFlow,
} from '../../src/index.js';
import { fixture, readHops } from './read-hops.js';

/** test/fixtures/http-api/api.yaml, with each `[find, replace]` edit applied to its text. */
const template = readFileSync(join(fixture('http-api'), 'api.yaml'), 'utf8');
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});
function api(...edits: readonly (readonly [string, string])[]): NetworkModel {
  const folder = mkdtempSync(join(tmpdir(), 'moat-http-api-'));
  folders.push(folder);
  const text = edits.reduce((current, [find, replace]) => {
    if (!current.includes(find)) throw new Error(`the fixture has no '${find}'`);
    return current.replaceAll(find, replace);
  }, template);
  writeFileSync(join(folder, 'api.yaml'), text);
  return buildModel(loadAssembly(folder, { region: 'us-east-1' }));
}

const toStage = (stage: string, http?: HttpRequest): Flow => ({
  from: { kind: 'internet' },
  to: { kind: 'entry', id: `api/${stage}` },
  protocol: 'tcp',
  port: 443,
  ...(http === undefined ? {} : { http }),
});

const VPC_LINK_TO_TASK = [
  'vpc link Link us-east-1a: sg egress egress 0.0.0.0/0:all/all (LinkSecurityGroup)',
  'subnet PrivateA us-east-1a: route 10.3.0.0/16 → local (main table of Vpc)',
];
const ALB_ADMITS_LINK = 'sg ingress ingress sg LinkSecurityGroup:80/tcp (AlbSecurityGroup)';
const alb = (request: string) =>
  `load balancer Alb us-east-1a: ${ALB_ADMITS_LINK}; request ${request}; rule no rule matches: the default action; forward listener :80/HTTP → ServiceTargets → Service:8080 in us-east-1a; sg egress egress 0.0.0.0/0:all/all (AlbSecurityGroup)`;
const task = (request: string) =>
  `task ENI Service us-east-1a: sg ingress ingress sg AlbSecurityGroup:8080/tcp (TaskSecurityGroup); http receives ${request} (its routes are not given)`;

describe('an HTTP API stage with a VPC link V2 to an internal ALB', () => {
  it('carries a request from the internet through the route, the VPC link ENIs and the ALB to a task', () => {
    const trace = traceFlow(api(), toStage('Live', { method: 'GET', path: '/items/7?x=1' }));
    expect(trace.disposition).toBe('ACCEPTED');
    expect(readHops(trace.hops)).toEqual([
      "api stage Live: stage HTTP API Api, stage '$default'; request GET /items/7?x=1; route GET /items/7 → route 'GET /items/{id}' (GetItem) → HTTP_PROXY integration AlbIntegration; integration GET /items/7?x=1 → VPC link Link → Alb:80",
      ...VPC_LINK_TO_TASK,
      alb('GET /items/7?x=1'),
      'subnet PrivateA us-east-1a: route 10.3.0.0/16 → local (main table of Vpc)',
      task('GET /items/7?x=1'),
    ]);
  });

  it('sends a request no route names to the $default route', () => {
    const trace = traceFlow(api(), toStage('Live', { method: 'DELETE', path: '/other' }));
    expect(trace.disposition).toBe('ACCEPTED');
    expect(readHops(trace.hops)[0]).toBe(
      "api stage Live: stage HTTP API Api, stage '$default'; request DELETE /other; route DELETE /other → route '$default' (DefaultRoute) → HTTP_PROXY integration AlbIntegration; integration DELETE /other → VPC link Link → Alb:80",
    );
  });

  it("keeps a named stage in the path the private integration receives, and samples the first private route's request", () => {
    const trace = traceFlow(api(), toStage('Beta'));
    expect(trace.disposition).toBe('ACCEPTED');
    expect(readHops(trace.hops)[0]).toBe(
      "api stage Beta: stage HTTP API Api, stage 'beta'; request GET /beta/items/id; route GET /items/id → route 'GET /items/{id}' (GetItem) → HTTP_PROXY integration AlbIntegration; integration GET /beta/items/id → VPC link Link → Alb:80",
    );
    expect(readHops(trace.hops).at(-1)).toBe(task('GET /beta/items/id'));
  });

  it("enters by the link's ENI in the AZ the flow names, and the ALB node there", () => {
    const trace = traceFlow(api(), {
      ...toStage('Live', { method: 'GET', path: '/items/7' }),
      to: { kind: 'entry', id: 'api/Live', availabilityZone: 'us-east-1b' },
    });
    expect(trace.disposition).toBe('ACCEPTED');
    expect(
      trace.hops.map((hop) => `${hop.kind} ${hop.node.logicalId} ${hop.availabilityZone ?? '-'}`),
    ).toEqual([
      'api stage Live -',
      'vpc link Link us-east-1b',
      'subnet PrivateB us-east-1b',
      'load balancer Alb us-east-1b',
      'subnet PrivateB us-east-1b',
      'task ENI Service us-east-1b',
    ]);
  });

  it('answers a path outside a named stage itself', () => {
    const trace = traceFlow(api(), toStage('Beta', { method: 'GET', path: '/items/7' }));
    expect(trace.disposition).toBe('NOT_SERVED');
    expect(trace.reason).toBe("/items/7 is not under stage 'beta' (/beta/…): API Gateway answers it itself");
  });

  it('answers Not Found itself when no route matches and there is no $default route', () => {
    const model = api(['      RouteKey: $default\n', '      RouteKey: GET /health\n']);
    const trace = traceFlow(model, toStage('Live', { method: 'DELETE', path: '/other' }));
    expect(trace.disposition).toBe('NOT_SERVED');
    expect(trace.reason).toBe(
      'no route of the API matches DELETE /other and it has no $default route: API Gateway answers Not Found itself',
    );
  });

  it('is UNKNOWN for a route whose integration does not go into a VPC', () => {
    const trace = traceFlow(api(), toStage('Live', { method: 'POST', path: '/orders' }));
    expect(trace.disposition).toBe('UNKNOWN');
    expect(trace.reason).toBe(
      "route 'POST /orders' of Api runs AWS_PROXY integration OrdersIntegration, not a private (VPC link) one: Moat traces only integrations into a VPC",
    );
  });

  it("is refused at the ALB when the ALB's security group does not admit the VPC link's", () => {
    const model = api(['SourceSecurityGroupId: !Ref LinkSecurityGroup', 'CidrIp: 10.9.0.0/16']);
    const trace = traceFlow(model, toStage('Live', { method: 'GET', path: '/items/7' }));
    expect(trace.disposition).toBe('DENIED_BY_SECURITY_GROUP');
    expect(trace.reason).toBe(
      'security group AlbSecurityGroup of Alb allows no ingress tcp/80 from Link (in PrivateA)',
    );
    expect(trace.hops.map((hop) => `${hop.kind} ${hop.node.logicalId}`)).toEqual([
      'api stage Live',
      'vpc link Link',
      'subnet PrivateA',
      'load balancer Alb',
    ]);
  });

  it('is UNKNOWN, naming the integration, when its IntegrationUri is a listener the templates do not hold', () => {
    const missing =
      'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/gone/50dc6c495c0c9188/f2f7dc8efc522ab2';
    const model = api(['IntegrationUri: !Ref AlbListener', `IntegrationUri: ${missing}`]);
    const trace = traceFlow(model, toStage('Live', { method: 'GET', path: '/items/7' }));
    expect(trace.disposition).toBe('UNKNOWN');
    expect(trace.reason).toBe(
      `AlbIntegration's IntegrationUri is not a listener of the model: '${missing}' names a resource outside the assembly`,
    );
  });

  it('is UNKNOWN for an integration with a Cloud Map service, whose instances the templates do not name', () => {
    const model = api(
      ['IntegrationUri: !Ref AlbListener', 'IntegrationUri: !GetAtt Registry.Arn'],
      [
        '  Link:\n',
        '  Registry:\n    Type: AWS::ServiceDiscovery::Service\n    Properties: { Name: items }\n  Link:\n',
      ],
    );
    const trace = traceFlow(model, toStage('Live', { method: 'GET', path: '/items/7' }));
    expect(trace.disposition).toBe('UNKNOWN');
    expect(trace.reason).toBe(
      'AlbIntegration reaches Cloud Map service Registry, whose registered instances the templates do not name',
    );
  });
});

describe('HTTP API stages as endpoints and entry points', () => {
  it("names a stage by logical id, and 'api' names the first stage", () => {
    const model = api();
    expect(resolveEndpoint(model, 'Beta')).toEqual({
      known: true,
      value: { kind: 'entry', id: 'api/Beta' },
    });
    expect(resolveEndpoint(model, 'api')).toEqual({
      known: true,
      value: { kind: 'entry', id: 'api/Live' },
    });
  });

  it('derives an ingress flow for each stage of an API that integrates privately, with its sample request', () => {
    const ingress = standardFlows(api(), { design: 'derived' }).filter((flow) => flow.name === 'ingress');
    expect(ingress.map(({ flow, expected }) => [flow.to, flow.port, flow.http, expected])).toEqual([
      [{ kind: 'entry', id: 'api/Live' }, 443, { method: 'GET', path: '/items/id' }, 'ACCEPTED'],
      [{ kind: 'entry', id: 'api/Beta' }, 443, { method: 'GET', path: '/beta/items/id' }, 'ACCEPTED'],
    ]);
  });

  it('derives none for an API whose routes reach no VPC', () => {
    const model = api([
      'Target: !Join [/, [integrations, !Ref AlbIntegration]]',
      'Target: !Join [/, [integrations, !Ref OrdersIntegration]]',
    ]);
    const ingress = standardFlows(model, { design: 'derived' }).filter((flow) => flow.name === 'ingress');
    expect(ingress).toEqual([]);
  });

  it("flags the listener's load balancer (NET022) when it is internet-facing", () => {
    expect(net022.check(api())).toEqual([]);
    const findings = net022.check(api(['      Scheme: internal\n', '      Scheme: internet-facing\n']));
    expect(findings.map((finding) => finding.message)).toEqual([
      "api/Alb: the load balancer is internet-facing but serves an API through a VPC link, so clients can skip the API's throttling and authorization. Set Scheme to internal.",
    ]);
  });
});
