import { describeNonLiteral, isValueObject, type Value } from '../../cfn/values.js';
import { firewallAttachmentId } from '../ids.js';
import { domainListRules, fiveTupleRuleText } from '../suricata/generated-rules.js';
import { parseRulesString, parseRuleText } from '../suricata/parse-rules.js';
import type {
  CustomAction,
  Firewall,
  FirewallAttachment,
  FirewallPolicy,
  FirewallRuleGroup,
  PortInterval,
  Resolved,
  RuleGroupReference,
  StatefulRule,
  StatelessMatch,
  StatelessRule,
} from '../types.js';
import { known, unknown } from '../types.js';
import { type BuildContext, type CfnElement, field, list, num, str } from './context.js';

export interface FirewallElements {
  readonly firewalls: Firewall[];
  readonly firewallPolicies: FirewallPolicy[];
  readonly firewallRuleGroups: FirewallRuleGroup[];
}

const RULE_GROUP = 'AWS::NetworkFirewall::RuleGroup';

export function buildFirewalls(context: BuildContext): FirewallElements {
  const logTypes = new Map<string, string[]>();
  for (const logging of context.ofType('AWS::NetworkFirewall::LoggingConfiguration')) {
    const firewall = context.reference(logging.prop('FirewallArn'), 'AWS::NetworkFirewall::Firewall');
    if (!firewall.known) continue;
    const configs = list(field(logging.prop('LoggingConfiguration'), 'LogDestinationConfigs'));
    logTypes.set(
      firewall.value,
      configs.flatMap((config) => {
        const type = field(config, 'LogType');
        return typeof type === 'string' ? [type] : [];
      }),
    );
  }
  return {
    firewalls: context.ofType('AWS::NetworkFirewall::Firewall').flatMap((firewall): Firewall[] => {
      const common = {
        id: firewall.id,
        source: firewall.source,
        policyId: context.reference(
          firewall.prop('FirewallPolicyArn'),
          'AWS::NetworkFirewall::FirewallPolicy',
        ),
        logTypes: logTypes.get(firewall.id) ?? [],
      };
      if (firewall.prop('TransitGatewayId') !== undefined) {
        const attachment = transitGatewayAttachment(context, firewall);
        return attachment === undefined
          ? []
          : [{ ...common, subnetIds: [], transitGatewayAttachment: attachment }];
      }
      const vpcId = context.link(firewall, 'VpcId', 'AWS::EC2::VPC');
      if (vpcId === undefined) return [];
      return [
        {
          ...common,
          vpcId,
          subnetIds: list(firewall.prop('SubnetMappings')).flatMap((mapping) => {
            const id = context.reference(field(mapping, 'SubnetId'), 'AWS::EC2::Subnet');
            return id.known ? [id.value] : [];
          }),
        },
      ];
    }),
    firewallPolicies: context
      .ofType('AWS::NetworkFirewall::FirewallPolicy')
      .map((policy) => buildPolicy(context, policy)),
    firewallRuleGroups: context.ofType(RULE_GROUP).map((group) => buildRuleGroup(context, group)),
  };
}

/**
 * A firewall attached natively to a transit gateway: `TransitGatewayId` instead of `VpcId`, and one endpoint per
 * `AvailabilityZoneMappings` entry, in a VPC AWS manages. Its attachment is what TGW route tables name.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-networkfirewall-firewall.html
 */
function transitGatewayAttachment(
  context: BuildContext,
  firewall: CfnElement,
): FirewallAttachment | undefined {
  const transitGatewayId = context.link(firewall, 'TransitGatewayId', 'AWS::EC2::TransitGateway');
  if (transitGatewayId === undefined) return undefined;
  return {
    id: firewallAttachmentId(firewall.id),
    transitGatewayId,
    availabilityZones: list(firewall.prop('AvailabilityZoneMappings')).map((mapping) =>
      context.zones.keyOfValue(
        field(mapping, 'AvailabilityZone'),
        firewall,
        `${firewall.source.logicalId}.AvailabilityZoneMappings`,
      ),
    ),
  };
}

const strings = (value: Value | undefined): string[] =>
  list(value).flatMap((item) => (typeof item === 'string' ? [item] : []));

const entries = (value: Value | undefined): [string, Value][] =>
  isValueObject(value) ? Object.entries(value) : [];

const references = (context: BuildContext, value: Value | undefined): RuleGroupReference[] =>
  list(value).map((reference) => {
    const priority = num(field(reference, 'Priority'));
    return {
      ruleGroupId: context.reference(field(reference, 'ResourceArn'), RULE_GROUP),
      ...(priority !== undefined ? { priority } : {}),
    };
  });

/**
 * The policy: stateless defaults and rule groups, stateful rule groups (with DROP_TO_ALERT overrides), rule
 * order and default actions, and the HOME_NET override.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-networkfirewall-firewallpolicy-firewallpolicy.html
 */
function buildPolicy(context: BuildContext, policy: CfnElement): FirewallPolicy {
  const body = policy.prop('FirewallPolicy');
  const policyVariables = field(field(body, 'PolicyVariables'), 'RuleVariables');
  const homeNet = field(policyVariables, 'HOME_NET');
  for (const [name] of entries(policyVariables).filter(([name]) => name !== 'HOME_NET')) {
    context.warn(
      `${policy.source.logicalId} sets the policy variable ${name}, which Moat ignores: Network Firewall documents HOME_NET as the policy variable; define ${name} in the rule groups that use it`,
      policy.source,
    );
  }
  return {
    id: policy.id,
    source: policy.source,
    // DEFAULT_ACTION_ORDER is the default: https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-rule-evaluation-order.html
    ruleOrder:
      field(field(body, 'StatefulEngineOptions'), 'RuleOrder') === 'STRICT_ORDER'
        ? 'STRICT_ORDER'
        : 'DEFAULT_ACTION_ORDER',
    statelessDefaultActions: strings(field(body, 'StatelessDefaultActions')),
    statelessFragmentDefaultActions: strings(field(body, 'StatelessFragmentDefaultActions')),
    statelessCustomActions: customActions(field(body, 'StatelessCustomActions')),
    statelessRuleGroups: references(context, field(body, 'StatelessRuleGroupReferences')),
    statefulDefaultActions: strings(field(body, 'StatefulDefaultActions')),
    statefulRuleGroups: list(field(body, 'StatefulRuleGroupReferences')).map((reference, position) => ({
      ...(references(context, [reference])[0] ?? { ruleGroupId: unknown(`reference ${position} is empty`) }),
      // https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_StatefulRuleGroupOverride.html
      ...(field(field(reference, 'Override'), 'Action') === 'DROP_TO_ALERT' ? { dropToAlert: true } : {}),
    })),
    ...(homeNet !== undefined ? { homeNet: valueList(field(homeNet, 'Definition'), 'HOME_NET') } : {}),
  };
}

const valueList = (value: Value | undefined, what: string): Resolved<string>[] =>
  list(value).map((item) => str(item, `an entry of ${what}`));

function customActions(value: Value | undefined): CustomAction[] {
  return list(value).flatMap((action) => {
    const name = field(action, 'ActionName');
    if (typeof name !== 'string') return [];
    const dimensions = list(
      field(field(field(action, 'ActionDefinition'), 'PublishMetricAction'), 'Dimensions'),
    );
    return [{ name, dimensions: dimensions.flatMap((dimension) => strings(field(dimension, 'Value'))) }];
  });
}

/**
 * A rule group: stateless rules with their custom actions, or stateful rules from a `RulesString`, a domain
 * list or standard 5-tuple rules, each made the Suricata rule Network Firewall runs, with the group's rule
 * variables and IP set references.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-networkfirewall-rulegroup-rulegroup.html
 */
function buildRuleGroup(context: BuildContext, group: CfnElement): FirewallRuleGroup {
  const body = group.prop('RuleGroup');
  const source = field(body, 'RulesSource');
  if (group.prop('Type') === 'STATELESS') {
    const stateless = field(source, 'StatelessRulesAndCustomActions');
    return {
      id: group.id,
      source: group.source,
      kind: 'STATELESS',
      rules: list(field(stateless, 'StatelessRules'))
        .map(statelessRule)
        .sort((a, b) => a.priority - b.priority),
      customActions: customActions(field(stateless, 'CustomActions')),
    };
  }
  const variables = field(body, 'RuleVariables');
  const sets = (kind: string): Record<string, Resolved<string>[]> =>
    Object.fromEntries(
      entries(field(variables, kind)).map(([name, set]) => [name, valueList(field(set, 'Definition'), name)]),
    );
  const domainList = field(source, 'RulesSourceList');
  const generated = field(domainList, 'GeneratedRulesType');
  return {
    id: group.id,
    source: group.source,
    kind: 'STATEFUL',
    ipSets: sets('IPSets'),
    portSets: sets('PortSets'),
    ipSetReferences: Object.fromEntries(
      entries(field(field(body, 'ReferenceSets'), 'IPSetReferences')).map(([name, reference]) => [
        name,
        context.reference(field(reference, 'ReferenceArn'), 'AWS::EC2::PrefixList'),
      ]),
    ),
    rules: statefulRules(source),
    ...(generated === 'ALLOWLIST' || generated === 'DENYLIST' ? { generatedRulesType: generated } : {}),
  };
}

const unreadable = (what: string, value: Value | undefined): StatefulRule => ({
  text: `(${what})`,
  rule: unknown(`${what} is not known: ${describeNonLiteral(value)}`),
});

function statefulRules(source: Value | undefined): StatefulRule[] {
  const domainList = field(source, 'RulesSourceList');
  if (domainList !== undefined) {
    const type = field(domainList, 'GeneratedRulesType');
    const targets = field(domainList, 'Targets');
    if ((type !== 'ALLOWLIST' && type !== 'DENYLIST') || !Array.isArray(targets))
      return [unreadable('RulesSourceList', domainList)];
    const targetTypes = strings(field(domainList, 'TargetTypes')).filter(
      (targetType): targetType is 'TLS_SNI' | 'HTTP_HOST' =>
        targetType === 'TLS_SNI' || targetType === 'HTTP_HOST',
    );
    const names = targets.map((target) => str(target, 'a domain list target'));
    const unresolved = names.find((name) => !name.known);
    if (unresolved !== undefined && !unresolved.known)
      return [{ text: '(RulesSourceList.Targets)', rule: unknown(unresolved.reason) }];
    return domainListRules(
      type,
      targetTypes,
      names.flatMap((name) => (name.known ? [name.value] : [])),
    ).map(parseRuleText);
  }
  const rulesString = field(source, 'RulesString');
  if (rulesString !== undefined) {
    return typeof rulesString === 'string'
      ? parseRulesString(rulesString)
      : [unreadable('RulesString', rulesString)];
  }
  return list(field(source, 'StatefulRules')).map((rule) => {
    const header = field(rule, 'Header');
    const text = (name: string): string => {
      const value = field(header, name);
      return typeof value === 'string' ? value : '';
    };
    const action = field(rule, 'Action');
    return parseRuleText(
      fiveTupleRuleText({
        action: typeof action === 'string' ? action : '',
        protocol: text('Protocol'),
        source: text('Source'),
        sourcePort: text('SourcePort'),
        direction: text('Direction'),
        destination: text('Destination'),
        destinationPort: text('DestinationPort'),
        options: list(field(rule, 'RuleOptions')).map((option) => ({
          keyword: String(field(option, 'Keyword') ?? ''),
          settings: strings(field(option, 'Settings')),
        })),
      }),
    );
  });
}

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-networkfirewall-rulegroup-matchattributes.html */
function statelessRule(rule: Value): StatelessRule {
  const definition = field(rule, 'RuleDefinition');
  const attributes = field(definition, 'MatchAttributes');
  const addresses = (name: string): Resolved<string>[] =>
    list(field(attributes, name)).map((address) => str(field(address, 'AddressDefinition'), name));
  const ports = (name: string): Resolved<PortInterval[]> => {
    const ranges: PortInterval[] = [];
    for (const range of list(field(attributes, name))) {
      const first = num(field(range, 'FromPort'));
      const last = num(field(range, 'ToPort'));
      if (first === undefined || last === undefined)
        return unknown(`${name} has a range that is not a number`);
      ranges.push({ first, last });
    }
    return known(ranges);
  };
  const sourcePorts = ports('SourcePorts');
  const destinationPorts = ports('DestinationPorts');
  const protocols = list(field(attributes, 'Protocols')).map(num);
  const match: Resolved<StatelessMatch> = !sourcePorts.known
    ? sourcePorts
    : !destinationPorts.known
      ? destinationPorts
      : protocols.some((protocol) => protocol === undefined)
        ? unknown('Protocols has an entry that is not a number')
        : known({
            sources: addresses('Sources'),
            destinations: addresses('Destinations'),
            sourcePorts: sourcePorts.value,
            destinationPorts: destinationPorts.value,
            protocols: protocols.flatMap((protocol) => (protocol === undefined ? [] : [protocol])),
            tcpFlags: list(field(attributes, 'TCPFlags')).map((flags) => ({
              flags: strings(field(flags, 'Flags')),
              masks: strings(field(flags, 'Masks')),
            })),
          });
  return {
    priority: num(field(rule, 'Priority')) ?? Number.MAX_SAFE_INTEGER,
    actions: strings(field(definition, 'Actions')),
    match,
  };
}
