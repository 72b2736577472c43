import { metaValue } from '../../../model/suricata/parse-options.js';
import type { Firewall, FirewallPolicy } from '../../../model/types.js';
import type { ModelIndex } from '../model-index.js';
import { bufferApplication } from './buffers.js';
import { compileRule } from './compiled-rule.js';
import { type Connection, connectionOf, type InspectedConnection } from './connection.js';
import { APPLICATION_PROTOCOLS } from './protocols.js';
import { ruleVariables } from './rule-variables.js';
import { type Outcome, type RuleEntry, runStatefulEngine } from './stateful-engine.js';
import { statelessVerdict } from './stateless-engine.js';

export type { InspectedConnection } from './connection.js';

export type Inspection = Outcome;

/**
 * What a firewall does with a connection: every packet goes through the stateless engine, which passes,
 * drops or forwards it to the stateful engine; the stateful engine then runs the policy's rule groups.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/firewall-policies.html
 */
export function inspect(index: ModelIndex, firewall: Firewall, inspected: InspectedConnection): Inspection {
  if (!firewall.policyId.known) {
    const reason = `the policy of ${firewall.source.logicalId}: ${firewall.policyId.reason}`;
    return { verdict: 'UNKNOWN', steps: [], reason };
  }
  const policy = index.firewallPolicies.get(firewall.policyId.value);
  if (policy === undefined)
    return {
      verdict: 'UNKNOWN',
      steps: [],
      reason: `${firewall.source.logicalId}'s policy is not in the model`,
    };
  const connection = connectionOf(inspected);
  const verdicts = connection.packets.map((packet) => ({
    packet,
    verdict: statelessVerdict(index, policy, connection, packet),
  }));
  for (const { packet, verdict } of verdicts) {
    if (verdict.action === 'UNKNOWN') {
      return {
        verdict: 'UNKNOWN',
        steps: [{ action: 'UNKNOWN', detail: verdict.reason, source: verdict.source }],
        reason: verdict.reason,
      };
    }
    if (verdict.action === 'aws:drop') {
      const detail = `${packet.name}: ${verdict.by} drops it`;
      return {
        verdict: 'DROP',
        steps: [{ action: 'DROP', detail, source: verdict.source }],
        reason: `${verdict.by} drops the ${packet.name}`,
      };
    }
  }
  const passed = verdicts.filter(({ verdict }) => verdict.action === 'aws:pass');
  const first = passed[0];
  if (first !== undefined && first.verdict.action === 'aws:pass') {
    if (passed.length === verdicts.length) {
      return {
        verdict: 'PASS',
        steps: [
          {
            action: 'PASS',
            detail: `${first.verdict.by} passes every packet, without stateful inspection`,
            source: first.verdict.source,
          },
        ],
      };
    }
    const reason = `${first.verdict.by} passes the ${first.packet.name} past the stateful engine but forwards other packets of the connection to it, which then sees only part of the connection; Moat does not model that`;
    return {
      verdict: 'UNKNOWN',
      steps: [{ action: 'UNKNOWN', detail: reason, source: first.verdict.source }],
      reason,
    };
  }
  const rules = statefulRules(index, firewall, policy);
  if (connection.application !== undefined) return runStatefulEngine(policy, rules, connection);
  return eachApplication(policy, rules, connection);
}

/** The application protocols the rules ask about, on the connection's transport. */
function applicationsNamed(rules: readonly RuleEntry[], connection: Connection): string[] {
  const named = new Set<string>();
  for (const entry of rules) {
    if (entry.kind !== 'rule') continue;
    const { protocol, options } = entry.rule.rule;
    const candidates = [
      protocol === 'http1' ? 'http' : protocol,
      ...options.flatMap((option) =>
        option.kind === 'buffer'
          ? [bufferApplication(option.name) ?? '']
          : option.kind === 'app-layer-protocol'
            ? [option.protocol]
            : option.kind === 'ssl-state'
              ? ['tls']
              : [],
      ),
    ];
    for (const candidate of candidates) {
      if (APPLICATION_PROTOCOLS[candidate]?.includes(connection.transport)) named.add(candidate);
    }
  }
  return [...named].sort();
}

/** Stands for an application protocol none of the rules names. */
const OTHER_APPLICATION = 'another protocol';

/**
 * When Moat does not know the connection's application protocol (no host name), the connection is
 * evaluated as each protocol the rules name and as one they do not: the same verdict every time is the
 * verdict; otherwise it is UNKNOWN, saying which protocol gives what.
 */
function eachApplication(
  policy: FirewallPolicy,
  rules: readonly RuleEntry[],
  connection: Connection,
): Outcome {
  const named = applicationsNamed(rules, connection);
  if (named.length === 0) return runStatefulEngine(policy, rules, connection);
  const outcomes = [...named, OTHER_APPLICATION].map((application) => ({
    application,
    outcome: runStatefulEngine(policy, rules, { ...connection, application }),
  }));
  const [first] = outcomes;
  if (
    first !== undefined &&
    first.outcome.verdict !== 'UNKNOWN' &&
    outcomes.every(({ outcome }) => outcome.verdict === first.outcome.verdict)
  )
    return first.outcome;
  const cases = outcomes.map(
    ({ application, outcome }) =>
      `as ${application}: ${outcome.verdict}${outcome.verdict === 'PASS' ? '' : ` (${outcome.reason})`}`,
  );
  const reason = `Moat does not know the application protocol of the connection, and the verdict depends on it: ${cases.join('; ')}`;
  return {
    verdict: 'UNKNOWN',
    steps: [{ action: 'UNKNOWN', detail: reason, source: policy.source }],
    reason,
  };
}

/** Suricata's priority for a rule without a `priority` keyword or classtype. */
const DEFAULT_PRIORITY = 3;
const ACTION_RANK = { pass: 0, drop: 1, reject: 2, alert: 3 } as const;

/**
 * The stateful rules in evaluation order. Strict order: the rule groups by priority, each group's rules as
 * written. Action order: pass rules first, then drop, reject and alert, each by the `priority` keyword.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-rule-evaluation-order.html
 */
function statefulRules(index: ModelIndex, firewall: Firewall, policy: FirewallPolicy): RuleEntry[] {
  const references = policy.statefulRuleGroups
    .map((reference, position) => ({ reference, order: reference.priority ?? position }))
    .sort((a, b) => a.order - b.order);
  const entries: RuleEntry[] = references.flatMap(({ reference }): RuleEntry[] => {
    if (!reference.ruleGroupId.known)
      return [
        {
          kind: 'unreadable',
          what: 'a stateful rule group',
          reason: `it is not known: ${reference.ruleGroupId.reason}`,
          source: policy.source,
        },
      ];
    const group = index.firewallRuleGroups.get(reference.ruleGroupId.value);
    if (group?.kind !== 'STATEFUL')
      return [
        {
          kind: 'unreadable',
          what: `stateful rule group ${reference.ruleGroupId.value}`,
          reason: 'it is not in the model',
          source: policy.source,
        },
      ];
    const variables = ruleVariables(index, firewall, policy, group);
    return group.rules.map(
      (rule): RuleEntry =>
        rule.rule.known
          ? {
              kind: 'rule',
              rule: compileRule(rule.rule.value, rule.text, group, variables, reference.dropToAlert === true),
            }
          : {
              kind: 'unreadable',
              what: `the rule '${rule.text}'`,
              reason: rule.rule.reason,
              source: group.source,
            },
    );
  });
  if (policy.ruleOrder === 'STRICT_ORDER') return entries;
  const rank = (entry: RuleEntry): [number, number] =>
    entry.kind === 'unreadable'
      ? [-1, 0]
      : [
          ACTION_RANK[entry.rule.action],
          Number(metaValue(entry.rule.rule.options, 'priority') ?? DEFAULT_PRIORITY),
        ];
  return entries
    .map((entry, position) => ({ entry, position, key: rank(entry) }))
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.position - b.position)
    .map(({ entry }) => entry);
}
