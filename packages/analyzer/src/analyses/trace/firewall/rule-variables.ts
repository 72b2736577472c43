import { parseAddress, parsePorts, SuricataSyntaxError } from '../../../model/suricata/parse-header.js';
import type { AddressSpec, PortSpec } from '../../../model/suricata/syntax.js';
import type { Firewall, FirewallPolicy, Resolved, StatefulRuleGroup } from '../../../model/types.js';
import type { ModelIndex } from '../model-index.js';
import {
  type Bounds,
  complementBounds,
  exactly,
  intervalsOf,
  minusBounds,
  unionBounds,
  unknownBounds,
} from './intervals.js';

export const MAX_ADDRESS = 2 ** 32 - 1;
export const MAX_PORT = 65535;

/** What a rule group's `$VARIABLES` and `@REFERENCES` stand for, inside one policy on one firewall. */
export interface RuleVariables {
  addresses(spec: AddressSpec): Bounds;
  ports(spec: PortSpec): Bounds;
  /** True when the expression, variables expanded, holds a `!`: Suricata then runs an IP-only rule on every packet. */
  negates(spec: AddressSpec): boolean;
}

/**
 * HOME_NET is the rule group's IP set, else the policy's `PolicyVariables` HOME_NET, else the CIDRs of the
 * inspection VPC. EXTERNAL_NET is the rule group's IP set, else the negation of the policy's HOME_NET,
 * whatever the rule group sets HOME_NET to. Any other variable must be defined by the rule group.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-limitations-caveats.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-networkfirewall-firewallpolicy-policyvariables.html
 * IP set references (`@NAME`) name a VPC prefix list.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/rule-groups-ip-set-references.html
 */
export function ruleVariables(
  index: ModelIndex,
  firewall: Firewall,
  policy: FirewallPolicy,
  group: StatefulRuleGroup,
): RuleVariables {
  const policyHomeNet: readonly Resolved<string>[] = policy.homeNet ?? inspectionVpcCidrs(index, firewall);
  const cache = new Map<string, Bounds>();
  const named = (name: string): string => `$${name} of ${group.source.logicalId}`;

  const listBounds = (
    entries: readonly Resolved<string>[],
    what: string,
    seen: ReadonlySet<string>,
  ): Bounds => entriesBounds(entries, what, MAX_ADDRESS, (text) => addresses(parseAddress(text), seen));

  const variable = (name: string, seen: ReadonlySet<string>): Bounds => {
    const cached = cache.get(name);
    if (cached !== undefined) return cached;
    if (seen.has(name)) return unknownBounds(`${named(name)} refers to itself`, MAX_ADDRESS);
    const inner = new Set([...seen, name]);
    const own = group.ipSets[name];
    const bounds =
      own !== undefined
        ? listBounds(own, named(name), inner)
        : name === 'HOME_NET'
          ? listBounds(policyHomeNet, `HOME_NET of ${policy.source.logicalId}`, inner)
          : name === 'EXTERNAL_NET'
            ? complementBounds(
                listBounds(policyHomeNet, `HOME_NET of ${policy.source.logicalId}`, inner),
                MAX_ADDRESS,
              )
            : unknownBounds(
                `${group.source.logicalId} does not define $${name}, and Network Firewall needs every variable a rule uses defined in its rule group`,
                MAX_ADDRESS,
              );
    cache.set(name, bounds);
    return bounds;
  };

  const reference = (name: string): Bounds => {
    const target = group.ipSetReferences[name];
    if (target === undefined)
      return unknownBounds(`${group.source.logicalId} has no IP set reference @${name}`, MAX_ADDRESS);
    if (!target.known)
      return unknownBounds(`the prefix list of @${name} is not known: ${target.reason}`, MAX_ADDRESS);
    const prefixList = index.prefixLists.get(target.value);
    if (prefixList === undefined)
      return unknownBounds(`the prefix list of @${name} is not in the model`, MAX_ADDRESS);
    return listBounds(prefixList.cidrs, `prefix list ${prefixList.source.logicalId} (@${name})`, new Set());
  };

  const addresses = (spec: AddressSpec, seen: ReadonlySet<string> = new Set()): Bounds => {
    switch (spec.kind) {
      case 'any':
        return exactly([{ first: 0, last: MAX_ADDRESS }]);
      case 'ipv4':
        return exactly([{ first: spec.first, last: spec.last }]);
      case 'ipv6':
        return exactly([]);
      case 'variable':
        return variable(spec.name, seen);
      case 'reference':
        return reference(spec.name);
      case 'not':
        return complementBounds(addresses(spec.spec, seen), MAX_ADDRESS);
      case 'group':
        return groupBounds(spec.items, (item) => addresses(item, seen), MAX_ADDRESS);
    }
  };

  const portVariable = (name: string): Bounds => {
    const entries = group.portSets[name];
    if (entries === undefined)
      return unknownBounds(`${group.source.logicalId} does not define the port set $${name}`, MAX_PORT);
    return entriesBounds(entries, named(name), MAX_PORT, (text) => ports(parsePorts(text)));
  };

  const ports = (spec: PortSpec): Bounds => {
    switch (spec.kind) {
      case 'any':
        return exactly([{ first: 0, last: MAX_PORT }]);
      case 'range':
        return exactly([{ first: spec.first, last: spec.last }]);
      case 'variable':
        return portVariable(spec.name);
      case 'not':
        return complementBounds(ports(spec.spec), MAX_PORT);
      case 'group':
        return groupBounds(spec.items, ports, MAX_PORT);
    }
  };

  const negates = (spec: AddressSpec): boolean => {
    switch (spec.kind) {
      case 'not':
        return true;
      case 'group':
        return spec.items.some(negates);
      case 'variable':
        return group.ipSets[spec.name] === undefined
          ? spec.name === 'EXTERNAL_NET'
          : (group.ipSets[spec.name] ?? []).some((entry) => entry.known && entry.value.includes('!'));
      default:
        return false;
    }
  };

  return { addresses: (spec) => addresses(spec), ports, negates };
}

/** What a variable's definition holds: the union of its entries, each read as an address or port expression. */
function entriesBounds(
  entries: readonly Resolved<string>[],
  what: string,
  max: number,
  read: (text: string) => Bounds,
): Bounds {
  return unionBounds(
    entries.map((entry) => {
      if (!entry.known) return unknownBounds(`${what}: ${entry.reason}`, max);
      try {
        return read(entry.value);
      } catch (error) {
        if (!(error instanceof SuricataSyntaxError)) throw error;
        return unknownBounds(`${what} holds '${entry.value}': ${error.message}`, max);
      }
    }),
  );
}

/**
 * `[a, b, !c]`: what the positive items hold (everything when there is none) less what the negated ones do.
 * https://docs.suricata.io/en/suricata-7.0.8/rules/intro.html#source-and-destination
 */
function groupBounds<T extends { readonly kind: string }>(
  items: readonly T[],
  bounds: (item: T) => Bounds,
  max: number,
): Bounds {
  const negated = items.flatMap((item) => (item.kind === 'not' && 'spec' in item ? [item.spec as T] : []));
  const positive = items.filter((item) => item.kind !== 'not');
  const included =
    positive.length === 0
      ? exactly(intervalsOf([{ first: 0, last: max }]))
      : unionBounds(positive.map(bounds));
  return negated.length === 0 ? included : minusBounds(included, unionBounds(negated.map(bounds)), max);
}

/**
 * The default HOME_NET: the inspection VPC's CIDRs. A firewall attached to a transit gateway sits in a VPC AWS
 * manages, whose CIDR covers no VPC of the templates, so its HOME_NET must be set in the policy.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/tgw-firewall-considerations.html
 */
function inspectionVpcCidrs(index: ModelIndex, firewall: Firewall): readonly Resolved<string>[] {
  if (firewall.vpcId === undefined) return [];
  return (
    index.vpcs.get(firewall.vpcId)?.cidrs ?? [
      { known: false, reason: `the VPC of ${firewall.source.logicalId} is not in the model` },
    ]
  );
}
