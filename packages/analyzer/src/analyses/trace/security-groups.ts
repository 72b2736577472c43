import type { ElementId, Resolved, SecurityGroupRule, Source } from '../../model/types.js';
import type { Step } from '../types.js';
import { type Address, addressWithin, describeAddress } from './address.js';
import type { ModelIndex } from './model-index.js';

export type FilterVerdict =
  | { readonly kind: 'allow'; readonly step: Step }
  | { readonly kind: 'deny'; readonly step: Step; readonly reason: string }
  | { readonly kind: 'unknown'; readonly step: Step; readonly reason: string };

/** The other end of a connection as a security group sees it: its address and, in the VPC, its groups. */
export interface Peer {
  readonly address: Address;
  readonly securityGroupIds: readonly Resolved<ElementId>[];
}

/**
 * Security groups allow what any of their rules allows (there are no deny rules) and are stateful: the reply
 * of an allowed connection is allowed whatever the rules say.
 * https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html
 */
export function evaluateSecurityGroups(
  index: ModelIndex,
  groupIds: readonly Resolved<ElementId>[],
  direction: 'ingress' | 'egress',
  peer: Peer,
  protocol: 'tcp' | 'udp',
  port: number,
  owner: Source,
): FilterVerdict {
  const what = `${direction} ${protocol}/${port} ${direction === 'ingress' ? 'from' : 'to'} ${describeAddress(peer.address)}`;
  if (groupIds.length === 0) {
    return {
      kind: 'deny',
      step: { action: 'sg deny', detail: `${what}: no security group` },
      reason: `${owner.logicalId} has no security group`,
    };
  }
  const undecided: string[] = [];
  for (const groupId of groupIds) {
    if (!groupId.known) {
      undecided.push(`a security group of ${owner.logicalId} is unknown: ${groupId.reason}`);
      continue;
    }
    const group = index.securityGroups.get(groupId.value);
    if (group === undefined) continue;
    for (const rule of group.rules) {
      if (rule.direction !== direction || !portMatches(rule, protocol, port)) continue;
      const match = peerMatches(index, rule, peer);
      if (match === true) {
        return {
          kind: 'allow',
          step: {
            action: `sg ${direction}`,
            detail: `${describeRule(rule)} (${group.source.logicalId})`,
            source: rule.source,
          },
        };
      }
      if (typeof match === 'string') undecided.push(match);
    }
  }
  const names = groupIds.map((id) =>
    id.known ? (index.securityGroups.get(id.value)?.source.logicalId ?? id.value) : '?',
  );
  if (undecided.length > 0) {
    return { kind: 'unknown', step: { action: 'sg undecided', detail: what }, reason: undecided[0] ?? '' };
  }
  return {
    kind: 'deny',
    step: { action: 'sg deny', detail: `no rule of ${names.join(', ')} allows ${what}` },
    reason: `security group ${names.join(', ')} of ${owner.logicalId} allows no ${what}`,
  };
}

const portMatches = (rule: SecurityGroupRule, protocol: 'tcp' | 'udp', port: number): boolean =>
  (rule.protocol === 'all' || rule.protocol === protocol) && port >= rule.fromPort && port <= rule.toPort;

/** True, false, or the reason the rule cannot be decided. */
function peerMatches(index: ModelIndex, rule: SecurityGroupRule, peer: Peer): boolean | string {
  switch (rule.peer.kind) {
    case 'cidr': {
      const cidr = index.cidr(rule.peer.cidr);
      if (cidr === undefined) return rule.peer.cidr.known ? false : rule.peer.cidr.reason;
      return addressWithin(peer.address, cidr);
    }
    case 'security-group': {
      const id = rule.peer.id;
      if (!id.known) return id.reason;
      return peer.securityGroupIds.some((group) => group.known && group.value === id.value);
    }
    case 'prefix-list': {
      const prefixList = rule.peer.prefixListId;
      const list = prefixList.known ? index.prefixLists.get(prefixList.value) : undefined;
      if (list === undefined) {
        return `rule ${describeRule(rule)} names prefix list ${prefixList.known ? prefixList.value : '?'}, whose entries are not in the assembly`;
      }
      return list.cidrs.some((entry) => {
        const cidr = index.cidr(entry);
        return cidr !== undefined && addressWithin(peer.address, cidr);
      });
    }
  }
}

export function describeRule(rule: SecurityGroupRule): string {
  const peer =
    rule.peer.kind === 'cidr'
      ? rule.peer.cidr.known
        ? rule.peer.cidr.value
        : '?'
      : rule.peer.kind === 'security-group'
        ? rule.peer.id.known
          ? `sg ${rule.peer.id.value.split('/').pop()}`
          : 'sg ?'
        : `pl ${rule.peer.prefixListId.known ? rule.peer.prefixListId.value.split('/').pop() : '?'}`;
  const ports =
    rule.protocol === 'all'
      ? 'all'
      : rule.fromPort === rule.toPort
        ? `${rule.fromPort}`
        : `${rule.fromPort}-${rule.toPort}`;
  return `${rule.direction} ${peer}:${ports}/${rule.protocol}`;
}
