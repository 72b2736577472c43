import { describe, expect, it } from 'vitest';
import type { Address } from '../../../src/analyses/trace/address.js';
import { routeByRules } from '../../../src/analyses/trace/http/listener-rules.js';
import type { HttpRequest } from '../../../src/analyses/types.js';
import type { Listener, ListenerRule, RuleCondition, RuleTransform } from '../../../src/model/types.js';

const source = (logicalId: string) => ({
  stack: 'Net',
  logicalId,
  type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
});
const forward = (group: string) => [{ kind: 'forward' as const, targetGroupIds: [`Net/${group}`] }];
const rule = (
  priority: number,
  conditions: readonly RuleCondition[],
  group: string,
  transforms: readonly RuleTransform[] = [],
): ListenerRule => ({
  source: source(`Rule${priority}`),
  priority,
  conditions,
  transforms,
  actions: forward(group),
});
const listener = (...rules: ListenerRule[]): Listener => ({
  id: 'Net/Listener',
  source: { stack: 'Net', logicalId: 'Listener', type: 'AWS::ElasticLoadBalancingV2::Listener' },
  port: 80,
  protocol: 'HTTP',
  defaultActions: forward('Default'),
  rules,
});
const path = (...values: string[]): RuleCondition => ({ field: 'path-pattern', values, regexValues: [] });
const client: Address = {
  kind: 'private',
  range: { first: 0x0a010000, last: 0x0a0100ff },
  label: 'VPC link',
};
const get = (target: string, more: Partial<HttpRequest> = {}): HttpRequest => ({
  method: 'GET',
  path: target,
  ...more,
});

/** The target group the request goes to, and the path it goes with. */
function routed(on: Listener, request: HttpRequest | undefined, from: Address = client) {
  const routing = routeByRules(on, request, from);
  if (routing.kind === 'unknown') return { unknown: routing.reason };
  const action = routing.actions.at(-1);
  return {
    group: action?.kind === 'forward' ? action.targetGroupIds[0] : action?.kind,
    path: routing.request?.path,
    host: routing.request?.host,
  };
}

describe('ALB listener rules', () => {
  it('takes the first matching rule by priority, whatever the order the rules were written in', () => {
    const on = listener(rule(1, [path('/api/*')], 'Api'), rule(5, [path('*')], 'Everything'));
    expect(routed(on, get('/api/price'))).toEqual({ group: 'Net/Api', path: '/api/price', host: undefined });
    expect(routed(on, get('/other'))).toEqual({ group: 'Net/Everything', path: '/other', host: undefined });
  });

  it('falls back to the default action when no rule matches', () => {
    expect(routed(listener(rule(1, [path('/api/*')], 'Api')), get('/price')).group).toBe('Net/Default');
  });

  it('compares paths case-sensitively, with * for any run and ? for one character, ignoring the query string', () => {
    const on = listener(rule(1, [path('/v?/items*')], 'Items'));
    expect(routed(on, get('/v1/items/42?sort=asc')).group).toBe('Net/Items');
    expect(routed(on, get('/v10/items')).group).toBe('Net/Default');
    expect(routed(on, get('/V1/items')).group).toBe('Net/Default');
    expect(routed(on, get('/v1/other?x=/v1/items')).group).toBe('Net/Default');
  });

  it('compares host names case-insensitively, and cannot decide without a known Host header', () => {
    const on = listener(
      rule(1, [{ field: 'host-header', values: ['*.example.com'], regexValues: [] }], 'Example'),
    );
    expect(routed(on, get('/', { host: 'API.Example.com' })).group).toBe('Net/Example');
    expect(routed(on, get('/', { host: 'example.org' })).group).toBe('Net/Default');
    expect(routed(on, get('/'))).toEqual({
      unknown: "priority 1 (Rule1): the request's Host header is not known from the templates",
    });
  });

  it('matches the method exactly and case-sensitively', () => {
    const on = listener(
      rule(1, [{ field: 'http-request-method', values: ['POST'], regexValues: [] }], 'Writes'),
    );
    expect(routed(on, { method: 'POST', path: '/' }).group).toBe('Net/Writes');
    expect(routed(on, { method: 'post', path: '/' }).group).toBe('Net/Default');
  });

  it('matches a header by its name in any case and its value case-insensitively; a missing header does not match', () => {
    const on = listener(
      rule(
        1,
        [{ field: 'http-header', headerName: 'X-Channel', values: ['beta*'], regexValues: [] }],
        'Beta',
      ),
    );
    expect(routed(on, get('/', { headers: { 'x-channel': 'BETA-2' } })).group).toBe('Net/Beta');
    expect(routed(on, get('/')).group).toBe('Net/Default');
  });

  it('matches a query string pair by key and value, with \\* as a literal star', () => {
    const on = listener(
      rule(1, [{ field: 'query-string', pairs: [{ key: 'version', value: 'v\\*' }] }], 'Star'),
      rule(2, [{ field: 'query-string', pairs: [{ value: 'beta' }] }], 'AnyKey'),
    );
    expect(routed(on, get('/?version=v*')).group).toBe('Net/Star');
    expect(routed(on, get('/?version=v2')).group).toBe('Net/Default');
    expect(routed(on, get('/?channel=BETA')).group).toBe('Net/AnyKey');
  });

  it("matches the client's source address, and cannot decide when it may fall either side", () => {
    const on = listener(rule(1, [{ field: 'source-ip', cidrs: ['10.1.0.0/16'] }], 'Inside'));
    expect(routed(on, get('/')).group).toBe('Net/Inside');
    expect(routed(on, get('/'), { kind: 'public', label: 'internet', ip: 0x08080808 }).group).toBe(
      'Net/Default',
    );
    const wide: Address = {
      kind: 'private',
      range: { first: 0x0a000000, last: 0x0affffff },
      label: 'a task',
    };
    expect(routed(on, get('/'), wide)).toEqual({
      unknown: "priority 1 (Rule1): the client's address (a task) may or may not be in source-ip 10.1.0.0/16",
    });
  });

  it('rewrites the matched URL with the first matching regex, and leaves it when none matches', () => {
    const strip: RuleTransform = {
      kind: 'url-rewrite',
      rewrites: [{ regex: '^/prod/(.*)$', replace: '/$1' }],
    };
    const on = listener(rule(1, [path('/prod/*', '/other')], 'Service', [strip]));
    expect(routed(on, get('/prod/price?symbol=BTCUSDT'))).toEqual({
      group: 'Net/Service',
      path: '/price?symbol=BTCUSDT',
      host: undefined,
    });
    expect(routed(on, get('/other')).path).toBe('/other');
  });

  it('rewrites the Host header, and says so on the rule step', () => {
    const internal: RuleTransform = {
      kind: 'host-header-rewrite',
      rewrites: [{ regex: '^api\\.(.+)$', replace: 'internal.$1' }],
    };
    const routing = routeByRules(
      listener(rule(1, [path('*')], 'Service', [internal])),
      get('/', { host: 'api.example.com' }),
      client,
    );
    expect(routing.kind === 'actions' ? routing.request?.host : routing.reason).toBe('internal.example.com');
    expect(routing.steps.map((step) => `${step.action} ${step.detail}`)).toEqual([
      'request GET / (host api.example.com)',
      'rule priority 1 (Rule1) matches: path-pattern *',
      'host-header-rewrite ^api\\.(.+)$ → internal.$1: api.example.com becomes internal.example.com',
    ]);
  });

  it('does not evaluate a regex with a feature ALB does not support', () => {
    const lookahead: RuleTransform = { kind: 'url-rewrite', rewrites: [{ regex: '^/(?=x)', replace: '/' }] };
    expect(routed(listener(rule(1, [path('*')], 'Service', [lookahead])), get('/x'))).toEqual({
      unknown: 'priority 1 (Rule1): the regular expression ^/(?=x) uses a feature ALB does not support',
    });
  });

  it('follows the default action for a flow without an HTTP request, and says the rules were not evaluated', () => {
    const routing = routeByRules(listener(rule(1, [path('/api/*')], 'Api')), undefined, client);
    expect(routing.kind === 'actions' && routing.actions).toEqual(forward('Default'));
    expect(routing.steps.map((step) => step.detail)).toEqual([
      "no HTTP request in the flow: the listener's rules are not evaluated, the default action applies",
    ]);
  });
});
