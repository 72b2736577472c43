import { type Cidr, parseCidr } from '../../model/ip.js';
import type { Firewall, FirewallPolicy, FirewallRuleGroup, StatefulRule } from '../../model/types.js';
import type { Step } from '../types.js';
import { type Address, addressWithin } from './address.js';
import type { ModelIndex } from './model-index.js';

/** What the stateful engine sees of a connection. */
export interface InspectedPacket {
  readonly source: Address;
  readonly destination: Address;
  readonly protocol: 'tcp' | 'udp';
  readonly port: number;
  /** The TLS SNI (port ≠ 80) or HTTP Host (port 80) the client sends, when it addresses a host by name. */
  readonly hostname?: string;
}

export type Inspection =
  | { readonly verdict: 'PASS' | 'DROP'; readonly steps: readonly Step[]; readonly reason?: string }
  | { readonly verdict: 'UNKNOWN'; readonly steps: readonly Step[]; readonly reason: string };

interface RuleContext {
  readonly group: FirewallRuleGroup;
  readonly variable: (name: string) => readonly Cidr[] | undefined;
}

/**
 * Evaluates a firewall policy on a connection: the stateless default actions first (`aws:forward_to_sfe` hands
 * the packet to the stateful engine), then the stateful rule groups, then the stateful default actions.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-rule-evaluation-order.html
 */
export function inspect(index: ModelIndex, firewall: Firewall, packet: InspectedPacket): Inspection {
  if (!firewall.policyId.known) {
    return {
      verdict: 'UNKNOWN',
      steps: [],
      reason: `the policy of ${firewall.source.logicalId}: ${firewall.policyId.reason}`,
    };
  }
  const policy = index.firewallPolicies.get(firewall.policyId.value);
  if (policy === undefined)
    return {
      verdict: 'UNKNOWN',
      steps: [],
      reason: `${firewall.source.logicalId}'s policy is not in the model`,
    };
  const stateless = policy.statelessDefaultActions;
  if (!stateless.includes('aws:forward_to_sfe')) {
    const pass = stateless.includes('aws:pass');
    const step = {
      action: pass ? 'PASS' : 'DROP',
      detail: `stateless default action ${stateless.join(', ') || '(none)'}`,
      source: policy.source,
    };
    return pass
      ? { verdict: 'PASS', steps: [step] }
      : {
          verdict: 'DROP',
          steps: [step],
          reason: `${policy.source.logicalId} drops it with its stateless default action`,
        };
  }
  const groups: { group: FirewallRuleGroup; priority: number }[] = [];
  for (const [position, reference] of policy.statefulRuleGroups.entries()) {
    if (!reference.ruleGroupId.known) {
      return {
        verdict: 'UNKNOWN',
        steps: [],
        reason: `a rule group of ${policy.source.logicalId}: ${reference.ruleGroupId.reason}`,
      };
    }
    const group = index.firewallRuleGroups.get(reference.ruleGroupId.value);
    if (group !== undefined) groups.push({ group, priority: reference.priority ?? position });
  }
  const homeNet = homeNetOf(index, firewall, policy);
  const contexts = groups
    .sort((a, b) => a.priority - b.priority)
    .map(
      ({ group }): RuleContext => ({
        group,
        variable: (name) => {
          const own = group.variables[name];
          if (own !== undefined) return own.flatMap((cidr) => index.cidr(cidr) ?? []);
          return name === 'HOME_NET' ? homeNet : undefined;
        },
      }),
    );
  return policy.ruleOrder === 'STRICT_ORDER'
    ? strictOrder(policy, contexts, packet)
    : actionOrder(policy, contexts, packet);
}

/**
 * HOME_NET is the rule group's variable, else the policy's, else the CIDRs of the firewall's own VPC: traffic
 * from spoke VPCs is outside it unless the policy says otherwise.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/stateful-rule-groups-domain-names.html
 */
function homeNetOf(index: ModelIndex, firewall: Firewall, policy: FirewallPolicy): readonly Cidr[] {
  // A firewall attached to a transit gateway sits in a VPC AWS manages, whose CIDR covers no VPC of the templates:
  // its HOME_NET must be set (https://docs.aws.amazon.com/network-firewall/latest/developerguide/tgw-firewall-considerations.html).
  const own = firewall.vpcId === undefined ? undefined : index.vpcs.get(firewall.vpcId)?.cidrs;
  const cidrs = policy.homeNet ?? own ?? [];
  return cidrs.flatMap((cidr) => index.cidr(cidr) ?? []);
}

const APPLICATION_PROTOCOLS = new Set<StatefulRule['protocol']>(['tls', 'http']);

/**
 * Strict order: rule groups by priority, rules as written; the first PASS, DROP or REJECT decides and ALERT
 * goes on. Under `aws:drop_strict` the default applies to every packet, so the TCP handshake is dropped before
 * a TLS SNI or HTTP Host rule can match unless a transport rule passes it; `aws:drop_established` lets the
 * handshake through. https://docs.aws.amazon.com/network-firewall/latest/developerguide/firewall-rule-groups-best-practices.html
 */
function strictOrder(
  policy: FirewallPolicy,
  contexts: readonly RuleContext[],
  packet: InspectedPacket,
): Inspection {
  const steps: Step[] = [];
  const dropStrict = policy.statefulDefaultActions.includes('aws:drop_strict');
  let handshakePassed = false;
  for (const context of contexts) {
    for (const rule of context.group.rules) {
      if (!ruleMatches(rule, context, packet)) continue;
      const step = ruleStep(rule, context);
      if (rule.action === 'ALERT') {
        steps.push(step);
        continue;
      }
      if (rule.action === 'PASS' && !APPLICATION_PROTOCOLS.has(rule.protocol)) handshakePassed = true;
      if (APPLICATION_PROTOCOLS.has(rule.protocol) && dropStrict && !handshakePassed) {
        steps.push({
          action: 'DROP',
          detail: `default action aws:drop_strict drops the TCP handshake before rule '${rule.description}' can see the ${rule.protocol === 'tls' ? 'TLS SNI' : 'HTTP Host'}`,
          source: policy.source,
        });
        return {
          verdict: 'DROP',
          steps,
          reason: `${policy.source.logicalId} uses aws:drop_strict with application-layer rules; use aws:drop_established or pass the TCP handshake`,
        };
      }
      steps.push(step);
      return rule.action === 'PASS'
        ? { verdict: 'PASS', steps }
        : {
            verdict: 'DROP',
            steps,
            reason: `${context.group.source.logicalId} rule '${rule.description}' ${rule.action}s it`,
          };
    }
  }
  return defaultAction(policy, steps);
}

function defaultAction(policy: FirewallPolicy, steps: Step[]): Inspection {
  const defaults = policy.statefulDefaultActions;
  const drop = defaults.find((action) => action === 'aws:drop_strict' || action === 'aws:drop_established');
  if (drop !== undefined) {
    steps.push({ action: 'DROP', detail: `no rule matched: default action ${drop}`, source: policy.source });
    return {
      verdict: 'DROP',
      steps,
      reason: `no rule of ${policy.source.logicalId} passes it, and its default action is ${drop}`,
    };
  }
  steps.push({
    action: 'PASS',
    detail: `no rule matched: default action ${defaults.join(', ') || '(none: pass)'}`,
    source: policy.source,
  });
  return { verdict: 'PASS', steps };
}

/** Action order: any matching PASS wins, then DROP/REJECT, then ALERT; what no rule drops passes. */
function actionOrder(
  policy: FirewallPolicy,
  contexts: readonly RuleContext[],
  packet: InspectedPacket,
): Inspection {
  const matches = contexts.flatMap((context) =>
    context.group.rules
      .filter((rule) => ruleMatches(rule, context, packet))
      .map((rule) => ({ rule, context })),
  );
  for (const action of ['PASS', 'DROP', 'REJECT'] as const) {
    const match = matches.find(({ rule }) => rule.action === action);
    if (match === undefined) continue;
    const steps = [ruleStep(match.rule, match.context)];
    return action === 'PASS'
      ? { verdict: 'PASS', steps }
      : {
          verdict: 'DROP',
          steps,
          reason: `${match.context.group.source.logicalId} rule '${match.rule.description}' ${action}s it`,
        };
  }
  return {
    verdict: 'PASS',
    steps: [
      {
        action: 'PASS',
        detail: 'no stateful rule drops it (action order passes the rest)',
        source: policy.source,
      },
    ],
  };
}

const ruleStep = (rule: StatefulRule, context: RuleContext): Step => ({
  action: rule.action,
  detail: `rule '${rule.description}'${rule.sid !== undefined ? ` sid ${rule.sid}` : ''} (${context.group.source.logicalId})`,
  source: context.group.source,
});

function ruleMatches(rule: StatefulRule, context: RuleContext, packet: InspectedPacket): boolean {
  const application = packet.hostname === undefined ? undefined : packet.port === 80 ? 'http' : 'tls';
  const protocolMatches =
    rule.protocol === 'ip' ||
    rule.protocol === packet.protocol ||
    (packet.protocol === 'tcp' && rule.protocol === application);
  if (!protocolMatches) return false;
  if (
    rule.domains !== undefined &&
    !(
      packet.hostname !== undefined &&
      rule.domains.some((domain) => domainMatches(domain, packet.hostname ?? ''))
    )
  ) {
    return false;
  }
  if (rule.destinationPorts !== 'any' && !rule.destinationPorts.includes(packet.port)) return false;
  if (rule.sourcePorts !== 'any') return false; // replies and clients use ephemeral source ports
  return (
    sideMatches(rule.sourceVariable, rule.sourceCidrs, context, packet.source) &&
    sideMatches(rule.destinationVariable, rule.destinationCidrs, context, packet.destination)
  );
}

/** `.example.com` matches example.com and its subdomains; `www.example.com` only itself. */
function domainMatches(domain: string, hostname: string): boolean {
  const name = hostname.toLowerCase();
  const wanted = domain.toLowerCase();
  return wanted.startsWith('.') ? name === wanted.slice(1) || name.endsWith(wanted) : name === wanted;
}

function sideMatches(
  variable: string | undefined,
  cidrs: StatefulRule['sourceCidrs'],
  context: RuleContext,
  address: Address,
): boolean {
  if (variable !== undefined) {
    // EXTERNAL_NET is the negation of HOME_NET unless a group defines it.
    const negated = variable === 'EXTERNAL_NET' && context.variable('EXTERNAL_NET') === undefined;
    const set = context.variable(negated ? 'HOME_NET' : variable) ?? [];
    const inside = set.some((cidr) => addressWithin(address, cidr));
    return negated ? !inside : inside;
  }
  if (cidrs === 'any') return true;
  return cidrs.some((cidr) => {
    const parsed = cidr.known ? parseCidr(cidr.value) : undefined;
    return parsed !== undefined && addressWithin(address, parsed);
  });
}
