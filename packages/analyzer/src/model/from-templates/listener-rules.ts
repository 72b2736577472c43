import type { Value } from '../../cfn/values.js';
import { appendTo } from '../../collections.js';
import type { ElementId, ListenerAction, ListenerRule, RuleCondition, RuleTransform } from '../types.js';
import { type BuildContext, field, list, num, str } from './context.js';

const TARGET_GROUP = 'AWS::ElasticLoadBalancingV2::TargetGroup';
const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';

/** The rules of each listener, lowest priority number first: the order an ALB evaluates them in. */
export function buildListenerRules(context: BuildContext): ReadonlyMap<ElementId, readonly ListenerRule[]> {
  const rules = new Map<ElementId, ListenerRule[]>();
  for (const rule of context.ofType('AWS::ElasticLoadBalancingV2::ListenerRule')) {
    const listenerId = context.link(rule, 'ListenerArn', LISTENER);
    if (listenerId === undefined) continue;
    appendTo(rules, listenerId, {
      source: rule.source,
      priority: num(rule.prop('Priority')) ?? Number.MAX_SAFE_INTEGER,
      conditions: list(rule.prop('Conditions')).map((condition) => ruleCondition(condition)),
      transforms: list(rule.prop('Transforms')).flatMap((transform) => ruleTransform(transform)),
      actions: listenerActions(context, rule.prop('Actions')),
    });
  }
  for (const listed of rules.values()) listed.sort((a, b) => a.priority - b.priority);
  return rules;
}

/**
 * A listener's or rule's actions in their `Order` (authenticate first, then forward, fixed-response or redirect).
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-action-types.html
 */
export function listenerActions(context: BuildContext, actions: Value | undefined): ListenerAction[] {
  return [...list(actions)]
    .sort((a, b) => (num(field(a, 'Order')) ?? 0) - (num(field(b, 'Order')) ?? 0))
    .map((action): ListenerAction => {
      const type = field(action, 'Type');
      switch (type) {
        case 'forward':
          return { kind: 'forward', targetGroupIds: forwardedGroups(context, action) };
        case 'fixed-response':
          return {
            kind: 'fixed-response',
            statusCode: String(field(field(action, 'FixedResponseConfig'), 'StatusCode') ?? '?'),
          };
        case 'redirect': {
          const config = field(action, 'RedirectConfig');
          const part = (name: string, fallback: string) => {
            const value = field(config, name);
            return typeof value === 'string' ? value : fallback;
          };
          return {
            kind: 'redirect',
            location: `${part('Protocol', '#{protocol}')}://${part('Host', '#{host}')}:${part('Port', '#{port}')}${part('Path', '/#{path}')}`,
          };
        }
        case 'authenticate-oidc':
        case 'authenticate-cognito':
          return { kind: 'authenticate', type };
        default:
          return { kind: 'unknown', reason: `action type ${String(type)} is not modelled` };
      }
    });
}

/** A forward action names one target group, or several weighted ones in `ForwardConfig`. */
function forwardedGroups(context: BuildContext, action: Value): ElementId[] {
  const ids = [
    context.reference(field(action, 'TargetGroupArn'), TARGET_GROUP),
    ...list(field(field(action, 'ForwardConfig'), 'TargetGroups')).map((group) =>
      context.reference(field(group, 'TargetGroupArn'), TARGET_GROUP),
    ),
  ];
  return [...new Set(ids.flatMap((id) => (id.known ? [id.value] : [])))];
}

const CONFIGS: Readonly<Record<string, string>> = {
  'path-pattern': 'PathPatternConfig',
  'host-header': 'HostHeaderConfig',
  'http-request-method': 'HttpRequestMethodConfig',
  'http-header': 'HttpHeaderConfig',
  'query-string': 'QueryStringConfig',
  'source-ip': 'SourceIpConfig',
};

/**
 * A rule condition, from its `<Field>Config` or, for host-header and path-pattern, the older `Values`.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-elasticloadbalancingv2-listenerrule-rulecondition.html
 */
function ruleCondition(condition: Value): RuleCondition {
  const name = field(condition, 'Field');
  const config = typeof name === 'string' ? field(condition, CONFIGS[name] ?? '') : undefined;
  const strings = (value: Value | undefined): string[] | undefined => {
    const items = list(value);
    return items.every((item) => typeof item === 'string') ? (items as string[]) : undefined;
  };
  const values = strings(field(config, 'Values') ?? field(condition, 'Values'));
  const regexValues = strings(field(config, 'RegexValues'));
  const unresolved = (what: string): RuleCondition => ({
    field: 'unknown',
    reason: `the ${String(name)} condition's ${what} are not all literals in the template`,
  });
  switch (name) {
    case 'path-pattern':
    case 'host-header':
    case 'http-request-method':
      return values === undefined || regexValues === undefined
        ? unresolved('values')
        : { field: name, values, regexValues };
    case 'http-header': {
      const headerName = field(config, 'HttpHeaderName');
      return values === undefined || regexValues === undefined || typeof headerName !== 'string'
        ? unresolved('header name or values')
        : { field: name, headerName, values, regexValues };
    }
    case 'query-string': {
      const pairs = list(field(config, 'Values')).map((pair) => ({
        key: field(pair, 'Key'),
        value: field(pair, 'Value'),
      }));
      if (
        pairs.some(
          (pair) => typeof pair.value !== 'string' || !['string', 'undefined'].includes(typeof pair.key),
        )
      )
        return unresolved('key/value pairs');
      return {
        field: name,
        pairs: pairs.map((pair) => ({
          value: String(pair.value),
          ...(typeof pair.key === 'string' ? { key: pair.key } : {}),
        })),
      };
    }
    case 'source-ip':
      return values === undefined ? unresolved('CIDRs') : { field: name, cidrs: values };
    default:
      return { field: 'unknown', reason: `condition field ${String(name)} is not modelled` };
  }
}

/** https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-transforms.html */
function ruleTransform(transform: Value): RuleTransform[] {
  const type = field(transform, 'Type');
  if (type !== 'url-rewrite' && type !== 'host-header-rewrite') return [];
  const config = field(transform, type === 'url-rewrite' ? 'UrlRewriteConfig' : 'HostHeaderRewriteConfig');
  const rewrites = list(field(config, 'Rewrites')).map((rewrite) => ({
    regex: str(field(rewrite, 'Regex'), 'Regex'),
    replace: str(field(rewrite, 'Replace'), 'Replace'),
  }));
  const unknown = rewrites.flatMap(({ regex, replace }) => [regex, replace]).find((part) => !part.known);
  return [
    {
      kind: type,
      rewrites: rewrites.flatMap(({ regex, replace }) =>
        regex.known && replace.known ? [{ regex: regex.value, replace: replace.value }] : [],
      ),
      ...(unknown !== undefined && !unknown.known ? { unknownReason: unknown.reason } : {}),
    },
  ];
}
