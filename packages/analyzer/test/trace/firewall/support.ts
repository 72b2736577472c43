import { type Address, privateAddress } from '../../../src/analyses/trace/address.js';
import type { InspectedConnection } from '../../../src/analyses/trace/firewall/connection.js';
import { type Inspection, inspect } from '../../../src/analyses/trace/firewall/inspect.js';
import { indexModel } from '../../../src/analyses/trace/model-index.js';
import { parseCidr, parseIpv4 } from '../../../src/model/ip.js';
import { parseRulesString } from '../../../src/model/suricata/parse-rules.js';
import {
  type FirewallPolicy,
  type FirewallRuleGroup,
  known,
  type NetworkModel,
  type Resolved,
  type StatefulRuleGroup,
} from '../../../src/model/types.js';
import { firewall, firewallPolicy, model, src, subnet, vpc } from '../../invariants/support/model-builder.js';

/** A stateful rule group of Suricata rules, with IP sets and port sets as literal lists. */
export function rulesGroup(
  logicalId: string,
  rulesString: string,
  variables: { ipSets?: Record<string, string[]>; portSets?: Record<string, string[]> } = {},
  more: Partial<StatefulRuleGroup> = {},
): StatefulRuleGroup {
  const literal = (sets: Record<string, string[]> = {}): Record<string, Resolved<string>[]> =>
    Object.fromEntries(
      Object.entries(sets).map(([name, values]) => [name, values.map((value) => known(value))]),
    );
  return {
    id: `Net/${logicalId}`,
    source: src(logicalId, 'AWS::NetworkFirewall::RuleGroup'),
    kind: 'STATEFUL',
    ipSets: literal(variables.ipSets),
    portSets: literal(variables.portSets),
    ipSetReferences: {},
    rules: parseRulesString(rulesString),
    ...more,
  };
}

/** The inspection VPC (10.0.0.0/16), its firewall, and a policy referencing the groups in their order. */
export function firewallModel(
  groups: readonly FirewallRuleGroup[],
  policy: Partial<FirewallPolicy> = {},
  more: Partial<NetworkModel> = {},
): NetworkModel {
  const inspection = vpc('InspectionVpc', '10.0.0.0/16');
  const firewallSubnet = subnet('FirewallA', inspection, '10.0.0.0/28', 'eu-central-1a');
  const stateful = groups.filter((group) => group.kind === 'STATEFUL');
  const stateless = groups.filter((group) => group.kind === 'STATELESS');
  const thePolicy = firewallPolicy('Policy', {
    statefulRuleGroups: stateful.map((group, index) => ({
      ruleGroupId: known(group.id),
      priority: (index + 1) * 10,
    })),
    statelessRuleGroups: stateless.map((group, index) => ({
      ruleGroupId: known(group.id),
      priority: (index + 1) * 10,
    })),
    ...policy,
  });
  return model({
    vpcs: [inspection],
    subnets: [firewallSubnet],
    firewallPolicies: [thePolicy],
    firewallRuleGroups: [...groups],
    firewalls: [firewall('Firewall', inspection, [firewallSubnet], thePolicy)],
    ...more,
  });
}

/** A task somewhere in 10.0.1.0/24 of the inspection VPC. */
export const task: Address = privateAddress(
  parseCidr('10.0.1.0/24') ?? { first: 0, last: 0 },
  'Task (in PrivateA)',
);

/** An internet host by name, optionally with its address. */
export const host = (hostname: string, ip?: string): Address => {
  const address = ip === undefined ? undefined : parseIpv4(ip);
  return { kind: 'public', label: hostname, ...(address !== undefined ? { ip: address } : {}) };
};

export const internet: Address = { kind: 'public', label: 'internet' };

/** A TCP connection from the task to a named host: TLS with that SNI, or HTTP with that Host on port 80. */
export const toHost = (hostname: string, port = 443, ip?: string): InspectedConnection => ({
  source: task,
  destination: host(hostname, ip),
  protocol: 'tcp',
  port,
  hostname,
});

/** The firewall's verdict on a connection, with its reason and each step as `ACTION detail`. */
export function verdictOf(networkModel: NetworkModel, connection: InspectedConnection): string[] {
  const index = indexModel(networkModel);
  const theFirewall = networkModel.firewalls[0];
  if (theFirewall === undefined) throw new Error('the model has no firewall');
  const inspection: Inspection = inspect(index, theFirewall, connection);
  return [
    inspection.verdict,
    ...('reason' in inspection ? [`reason: ${inspection.reason}`] : []),
    ...inspection.steps.map((step) => `${step.action} ${step.detail}`),
  ];
}
