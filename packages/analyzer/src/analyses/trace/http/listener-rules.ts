import { parseCidr, rangesOverlap } from '../../../model/ip.js';
import type {
  Listener,
  ListenerAction,
  ListenerRule,
  RuleCondition,
  RuleTransform,
} from '../../../model/types.js';
import type { HttpRequest, Step } from '../../types.js';
import { type Address, addressWithin } from '../address.js';
import { albRegex, describeRequest, splitTarget, wildcardMatches } from './request.js';

/** What an ALB listener does with a request: the actions of the rule that matched (or the default), or unknown. */
export type ListenerRouting =
  | {
      readonly kind: 'actions';
      readonly actions: readonly ListenerAction[];
      /** The request as the rule's transforms leave it. */
      readonly request?: HttpRequest;
      readonly steps: readonly Step[];
    }
  | { readonly kind: 'unknown'; readonly reason: string; readonly steps: readonly Step[] };

/**
 * An ALB evaluates a listener's rules in priority order, lowest number first; the first rule whose conditions all
 * match handles the request, and the default action handles a request no rule matches
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-rules.html). A rule's transforms
 * rewrite the matched request before it is forwarded; they do not change which rule matched
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-transforms.html). A flow without an
 * HTTP request is a question about the TCP path only: it follows the default action, and the step says so.
 */
export function routeByRules(
  listener: Listener,
  request: HttpRequest | undefined,
  client: Address,
): ListenerRouting {
  const steps: Step[] = [];
  if (request === undefined) {
    if (listener.rules.length > 0) {
      steps.push({
        action: 'rules',
        detail:
          "no HTTP request in the flow: the listener's rules are not evaluated, the default action applies",
      });
    }
    return { kind: 'actions', actions: listener.defaultActions, steps };
  }
  steps.push({ action: 'request', detail: describeRequest(request) });
  for (const rule of listener.rules) {
    const verdicts = rule.conditions.map((condition) => conditionMatches(condition, request, client));
    const unknown = verdicts.find((verdict) => typeof verdict === 'string');
    const name = `priority ${rule.priority} (${rule.source.logicalId})`;
    if (typeof unknown === 'string') {
      return { kind: 'unknown', reason: `${name}: ${unknown}`, steps };
    }
    if (!verdicts.every(Boolean)) {
      steps.push({ action: 'rule', detail: `${name} does not match`, source: rule.source });
      continue;
    }
    steps.push({
      action: 'rule',
      detail: `${name} matches: ${rule.conditions.map(describeCondition).join(' and ') || 'no conditions'}`,
      source: rule.source,
    });
    const transformed = applyTransforms(rule, request, steps);
    if (typeof transformed === 'string') return { kind: 'unknown', reason: `${name}: ${transformed}`, steps };
    return { kind: 'actions', actions: rule.actions, request: transformed, steps };
  }
  steps.push({ action: 'rule', detail: 'no rule matches: the default action', source: listener.source });
  return { kind: 'actions', actions: listener.defaultActions, request, steps };
}

/** True, false, or why the condition cannot be evaluated. */
function conditionMatches(condition: RuleCondition, request: HttpRequest, client: Address): boolean | string {
  const { path, query } = splitTarget(request.path);
  switch (condition.field) {
    case 'path-pattern':
      // Case sensitive, on the path only (not the query string).
      return valueOrRegexMatches(condition.values, condition.regexValues, path, false);
    case 'host-header':
      if (request.host === undefined) return "the request's Host header is not known from the templates";
      return valueOrRegexMatches(condition.values, condition.regexValues, request.host, true);
    case 'http-request-method':
      // Case sensitive, no wildcards: the method name must be an exact match.
      return condition.values.includes(request.method);
    case 'http-header': {
      const value = request.headers?.[condition.headerName.toLowerCase()];
      return value !== undefined && valueOrRegexMatches(condition.values, condition.regexValues, value, true);
    }
    case 'query-string': {
      const pairs = (query ?? '')
        .split('&')
        .filter((pair) => pair !== '')
        .map((pair) => {
          const equals = pair.indexOf('=');
          return equals < 0
            ? { key: pair, value: '' }
            : { key: pair.slice(0, equals), value: pair.slice(equals + 1) };
        });
      const options = { caseInsensitive: true, escapes: true };
      return condition.pairs.some((wanted) =>
        pairs.some(
          (pair) =>
            (wanted.key === undefined || wildcardMatches(wanted.key, pair.key, options)) &&
            wildcardMatches(wanted.value, pair.value, options),
        ),
      );
    }
    case 'source-ip':
      return sourceIpMatches(condition.cidrs, client);
    case 'unknown':
      return condition.reason;
  }
}

/** Values compare with `*` and `?`; regex values match the text as regular expressions do (anywhere, unless anchored). */
function valueOrRegexMatches(
  values: readonly string[],
  regexValues: readonly string[],
  text: string,
  caseInsensitive: boolean,
): boolean | string {
  if (values.some((value) => wildcardMatches(value, text, { caseInsensitive }))) return true;
  for (const source of regexValues) {
    const compiled = albRegex(source, caseInsensitive ? 'i' : '');
    if ('unsupported' in compiled) return compiled.unsupported;
    if (compiled.regex.test(text)) return true;
  }
  return false;
}

/** The client's address is in one of the CIDRs, in none, or may be either (a task somewhere in its subnet). */
function sourceIpMatches(cidrs: readonly string[], client: Address): boolean | string {
  const blocks = cidrs.map((text) => parseCidr(text));
  if (blocks.some((block) => block === undefined))
    return `source-ip ${cidrs.join(', ')} is not a list of IPv4 CIDRs`;
  if (blocks.some((block) => block !== undefined && addressWithin(client, block))) return true;
  const overlaps = blocks.some(
    (block) =>
      block !== undefined &&
      ((client.kind === 'private' && rangesOverlap(client.range, block)) ||
        (client.kind === 'public' && client.ip === undefined)),
  );
  return overlaps
    ? `the client's address (${client.label}) may or may not be in source-ip ${cidrs.join(', ')}`
    : false;
}

function describeCondition(condition: RuleCondition): string {
  switch (condition.field) {
    case 'path-pattern':
    case 'host-header':
    case 'http-request-method':
      return `${condition.field} ${[...condition.values, ...condition.regexValues.map((regex) => `~${regex}`)].join(', ')}`;
    case 'http-header':
      return `http-header ${condition.headerName} ${[...condition.values, ...condition.regexValues.map((regex) => `~${regex}`)].join(', ')}`;
    case 'query-string':
      return `query-string ${condition.pairs.map((pair) => (pair.key === undefined ? pair.value : `${pair.key}=${pair.value}`)).join(', ')}`;
    case 'source-ip':
      return `source-ip ${condition.cidrs.join(', ')}`;
    case 'unknown':
      return condition.reason;
  }
}

/**
 * The rule's `url-rewrite` (of the path and query string) and `host-header-rewrite`: the first rewrite whose regex
 * matches replaces the match; with no match the request goes on unchanged. Replacements use `$1`… for groups.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-transforms.html
 */
function applyTransforms(rule: ListenerRule, request: HttpRequest, steps: Step[]): HttpRequest | string {
  let result = request;
  for (const transform of rule.transforms) {
    if (transform.unknownReason !== undefined) return `its ${transform.kind}: ${transform.unknownReason}`;
    const input = transform.kind === 'url-rewrite' ? result.path : result.host;
    if (input === undefined) {
      steps.push({
        action: transform.kind,
        detail: 'the Host header is not known: not applied',
        source: rule.source,
      });
      continue;
    }
    const rewritten = rewrite(transform, input);
    if (typeof rewritten !== 'object') {
      if (rewritten !== undefined) return rewritten;
      steps.push({
        action: transform.kind,
        detail: `no regex matches ${input}: unchanged`,
        source: rule.source,
      });
      continue;
    }
    steps.push({
      action: transform.kind,
      detail: `${rewritten.regex} → ${rewritten.replace}: ${input} becomes ${rewritten.output}`,
      source: rule.source,
    });
    result =
      transform.kind === 'url-rewrite'
        ? { ...result, path: rewritten.output }
        : { ...result, host: rewritten.output };
  }
  return result;
}

/** The first rewrite that matches, its output; undefined when none matches; a string when Moat cannot tell. */
function rewrite(
  transform: RuleTransform,
  input: string,
): { readonly regex: string; readonly replace: string; readonly output: string } | string | undefined {
  for (const { regex, replace } of transform.rewrites) {
    const compiled = albRegex(regex);
    if ('unsupported' in compiled) return compiled.unsupported;
    if (!compiled.regex.test(input)) continue;
    if (/\$(?![1-9])/.test(replace)) {
      return `the replacement ${replace} uses a $ that is not a capture group ($1 to $9): Moat does not evaluate it`;
    }
    return { regex, replace, output: input.replace(compiled.regex, replace) };
  }
  return undefined;
}
