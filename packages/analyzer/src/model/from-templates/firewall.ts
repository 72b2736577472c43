import type { Value } from '../../cfn/values.js';
import type {
  Firewall,
  FirewallAction,
  FirewallPolicy,
  FirewallRuleGroup,
  Resolved,
  StatefulRule,
} from '../types.js';
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
      const vpcId = context.link(firewall, 'VpcId', 'AWS::EC2::VPC');
      if (vpcId === undefined) return [];
      return [
        {
          id: firewall.id,
          source: firewall.source,
          vpcId,
          subnetIds: list(firewall.prop('SubnetMappings')).flatMap((mapping) => {
            const id = context.reference(field(mapping, 'SubnetId'), 'AWS::EC2::Subnet');
            return id.known ? [id.value] : [];
          }),
          policyId: context.reference(
            firewall.prop('FirewallPolicyArn'),
            'AWS::NetworkFirewall::FirewallPolicy',
          ),
          logTypes: logTypes.get(firewall.id) ?? [],
        },
      ];
    }),
    firewallPolicies: context
      .ofType('AWS::NetworkFirewall::FirewallPolicy')
      .map((policy) => buildPolicy(context, policy)),
    firewallRuleGroups: context.ofType(RULE_GROUP).map((group) => buildRuleGroup(group)),
  };
}

const strings = (value: Value | undefined): string[] =>
  list(value).flatMap((item) => (typeof item === 'string' ? [item] : []));

function buildPolicy(context: BuildContext, policy: CfnElement): FirewallPolicy {
  const body = policy.prop('FirewallPolicy');
  const homeNet = field(field(field(body, 'PolicyVariables'), 'RuleVariables'), 'HOME_NET');
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
    statefulDefaultActions: strings(field(body, 'StatefulDefaultActions')),
    statefulRuleGroups: list(field(body, 'StatefulRuleGroupReferences')).map((reference) => {
      const priority = num(field(reference, 'Priority'));
      return {
        ruleGroupId: context.reference(field(reference, 'ResourceArn'), RULE_GROUP),
        ...(priority !== undefined ? { priority } : {}),
      };
    }),
    ...(homeNet !== undefined ? { homeNet: cidrList(field(homeNet, 'Definition')) } : {}),
  };
}

const cidrList = (value: Value | undefined): Resolved<string>[] =>
  list(value).map((cidr) => str(cidr, 'rule variable CIDR'));

function buildRuleGroup(group: CfnElement): FirewallRuleGroup {
  const body = group.prop('RuleGroup');
  const ipSets = field(field(body, 'RuleVariables'), 'IPSets');
  const variables: Record<string, Resolved<string>[]> = {};
  for (const [name, set] of Object.entries(
    ipSets !== undefined && typeof ipSets === 'object' ? (ipSets as object) : {},
  )) {
    variables[name] = cidrList(field(set as Value, 'Definition'));
  }
  const source = field(body, 'RulesSource');
  const domainList = field(source, 'RulesSourceList');
  const generated = field(domainList, 'GeneratedRulesType');
  const rules =
    domainList !== undefined
      ? domainListRules(domainList)
      : [
          ...list(field(source, 'StatefulRules')).map(fiveTupleRule),
          ...parseSuricataRules(
            typeof field(source, 'RulesString') === 'string' ? (field(source, 'RulesString') as string) : '',
          ),
        ];
  return {
    id: group.id,
    source: group.source,
    kind: group.prop('Type') === 'STATELESS' ? 'STATELESS' : 'STATEFUL',
    variables,
    rules,
    ...(generated === 'ALLOWLIST' || generated === 'DENYLIST' ? { generatedRulesType: generated } : {}),
  };
}

/**
 * A domain list becomes the rules AWS generates for it: for an allow list, PASS for the listed names and
 * then DROP for any other TLS/HTTP traffic from HOME_NET; for a deny list, DROP for the listed names.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/stateful-rule-groups-domain-names.html
 */
function domainListRules(domainList: Value): StatefulRule[] {
  const domains = strings(field(domainList, 'Targets'));
  const allow = field(domainList, 'GeneratedRulesType') === 'ALLOWLIST';
  const protocols = strings(field(domainList, 'TargetTypes')).map((type) =>
    type === 'HTTP_HOST' ? 'http' : 'tls',
  );
  const base = {
    sourceCidrs: 'any',
    sourceVariable: 'HOME_NET',
    sourcePorts: 'any',
    destinationCidrs: 'any',
    destinationVariable: 'EXTERNAL_NET',
    destinationPorts: 'any',
  } as const;
  const listed: StatefulRule[] = protocols.map((protocol) => ({
    ...base,
    action: allow ? 'PASS' : 'DROP',
    protocol,
    domains,
    description: `${allow ? 'allow' : 'deny'} ${domains.join(', ')} (${protocol === 'tls' ? 'TLS SNI' : 'HTTP Host'})`,
  }));
  const implicit: StatefulRule[] = allow
    ? protocols.map((protocol) => ({
        ...base,
        action: 'DROP',
        protocol,
        description: `not on the allow list (${protocol === 'tls' ? 'TLS SNI' : 'HTTP Host'}): AWS's implicit drop`,
      }))
    : [];
  return [...listed, ...implicit];
}

const ACTIONS: readonly FirewallAction[] = ['PASS', 'DROP', 'ALERT', 'REJECT'];

function fiveTupleRule(rule: Value): StatefulRule {
  const header = field(rule, 'Header');
  const action = String(field(rule, 'Action') ?? 'ALERT').toUpperCase();
  const sid = list(field(rule, 'RuleOptions')).find((option) => field(option, 'Keyword') === 'sid');
  const sidValue = num(list(field(sid, 'Settings'))[0]);
  const text = (name: string): string => String(field(header, name) ?? 'ANY');
  return {
    action: ACTIONS.includes(action as FirewallAction) ? (action as FirewallAction) : 'ALERT',
    protocol: normaliseProtocol(text('Protocol')),
    sourceCidrs: 'any',
    destinationCidrs: 'any',
    ...addresses('source', text('Source')),
    sourcePorts: ports(text('SourcePort')),
    ...addresses('destination', text('Destination')),
    destinationPorts: ports(text('DestinationPort')),
    description: `${action} ${text('Protocol')} ${text('Source')}:${text('SourcePort')} → ${text('Destination')}:${text('DestinationPort')}`,
    ...(sidValue !== undefined ? { sid: sidValue } : {}),
  };
}

function normaliseProtocol(protocol: string): StatefulRule['protocol'] {
  const lower = protocol.toLowerCase();
  return lower === 'tcp' || lower === 'udp' || lower === 'icmp' || lower === 'tls' || lower === 'http'
    ? lower
    : 'ip';
}

type AddressFields = Pick<
  StatefulRule,
  'sourceCidrs' | 'destinationCidrs' | 'sourceVariable' | 'destinationVariable'
>;

function addresses(side: 'source' | 'destination', text: string): Partial<AddressFields> {
  const parsed: { cidrs: StatefulRule['sourceCidrs']; variable?: string } = text.startsWith('$')
    ? { cidrs: 'any', variable: text.slice(1) }
    : text.toUpperCase() === 'ANY'
      ? { cidrs: 'any' }
      : {
          cidrs: text
            .replace(/[[\]]/g, '')
            .split(',')
            .map((cidr) => ({ known: true, value: cidr.trim() })),
        };
  const variable = parsed.variable;
  return side === 'source'
    ? { sourceCidrs: parsed.cidrs, ...(variable ? { sourceVariable: variable } : {}) }
    : { destinationCidrs: parsed.cidrs, ...(variable ? { destinationVariable: variable } : {}) };
}

function ports(text: string): 'any' | number[] {
  if (text.toUpperCase() === 'ANY') return 'any';
  return text
    .replace(/[[\]]/g, '')
    .split(',')
    .flatMap((part) => {
      const [from, to] = part.split(':').map(Number);
      if (from === undefined || !Number.isInteger(from)) return [];
      const last = to !== undefined && Number.isInteger(to) ? to : from;
      return Array.from({ length: Math.min(last - from + 1, 1024) }, (_, offset) => from + offset);
    });
}

/**
 * Suricata rules (`RulesString`), the subset that decides reachability: action, protocol, addresses,
 * ports, `tls.sni`/`http.host` content, `sid` and `msg`. Other keywords do not narrow the match here.
 */
function parseSuricataRules(text: string): StatefulRule[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .flatMap((line): StatefulRule[] => {
      const match = /^(\w+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(->|<>)\s+(\S+)\s+(\S+)\s*(?:\((.*)\))?$/.exec(line);
      if (match === null) return [];
      const [
        ,
        action = '',
        protocol = '',
        source = '',
        sourcePort = '',
        ,
        destination = '',
        destinationPort = '',
        options = '',
      ] = match;
      const upper = action.toUpperCase();
      const domain = /content:"([^"]+)"/.exec(options)?.[1];
      const sni = /tls\.sni|http\.host/.test(options);
      const sid = /sid:\s*(\d+)/.exec(options)?.[1];
      const msg = /msg:"([^"]*)"/.exec(options)?.[1];
      const dotprefix = /dotprefix/.test(options);
      return [
        {
          action: ACTIONS.includes(upper as FirewallAction) ? (upper as FirewallAction) : 'ALERT',
          protocol: normaliseProtocol(protocol),
          sourceCidrs: 'any',
          destinationCidrs: 'any',
          ...addresses('source', source),
          sourcePorts: ports(sourcePort),
          ...addresses('destination', destination),
          destinationPorts: ports(destinationPort),
          ...(sni && domain !== undefined
            ? { domains: [dotprefix ? domain : domain.replace(/^\./, '')] }
            : {}),
          description: msg ?? line,
          ...(sid !== undefined ? { sid: Number(sid) } : {}),
        },
      ];
    });
}
