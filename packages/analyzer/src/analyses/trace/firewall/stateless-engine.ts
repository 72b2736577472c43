import type {
  FirewallPolicy,
  Resolved,
  Source,
  StatelessMatch,
  StatelessRuleGroup,
} from '../../../model/types.js';
import type { ModelIndex } from '../model-index.js';
import {
  addressCandidates,
  addressDoubt,
  type Connection,
  type ConnectionPacket,
  packetEnds,
} from './connection.js';
import {
  type Bounds,
  exactly,
  type Intervals,
  intervalsOf,
  memberOf,
  unionBounds,
  unknownBounds,
} from './intervals.js';
import { IP_PROTOCOL_NUMBERS } from './protocols.js';
import { MAX_ADDRESS, MAX_PORT } from './rule-variables.js';
import { allOf, anyOf, isUnknown, type Truth, unknownTruth } from './truth.js';

export type StatelessAction = 'aws:pass' | 'aws:drop' | 'aws:forward_to_sfe';

/** What the stateless engine does with one packet, and which rule or default decided it. */
export type StatelessVerdict =
  | { readonly action: StatelessAction; readonly by: string; readonly source: Source }
  | { readonly action: 'UNKNOWN'; readonly reason: string; readonly source: Source };

const STANDARD_ACTIONS = new Set<string>(['aws:pass', 'aws:drop', 'aws:forward_to_sfe']);

/**
 * The stateless engine looks at each packet alone, whatever its direction: the policy's stateless rule groups
 * by priority, each group's rules by priority; the first rule that matches applies its standard action (pass,
 * drop, or forward to the stateful engine); custom actions only publish metrics. A packet no rule matches
 * gets the policy's stateless default action. Moat's packets are whole, so the fragment default never applies.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/stateless-rule-groups-standard.html
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/rule-action.html
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/stateless-default-actions.html
 */
export function statelessVerdict(
  index: ModelIndex,
  policy: FirewallPolicy,
  connection: Connection,
  packet: ConnectionPacket,
): StatelessVerdict {
  const references = [...policy.statelessRuleGroups].sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0));
  for (const reference of references) {
    if (!reference.ruleGroupId.known)
      return {
        action: 'UNKNOWN',
        reason: `a stateless rule group of ${policy.source.logicalId} is not known: ${reference.ruleGroupId.reason}`,
        source: policy.source,
      };
    const group = index.firewallRuleGroups.get(reference.ruleGroupId.value);
    if (group?.kind !== 'STATELESS')
      return {
        action: 'UNKNOWN',
        reason: `stateless rule group ${reference.ruleGroupId.value} is not in the model`,
        source: policy.source,
      };
    const verdict = groupVerdict(index, group, connection, packet);
    if (verdict !== undefined) return verdict;
  }
  const action = policy.statelessDefaultActions.find((name) => STANDARD_ACTIONS.has(name));
  if (action === undefined)
    return {
      action: 'UNKNOWN',
      reason: `${policy.source.logicalId} has no standard stateless default action`,
      source: policy.source,
    };
  return {
    action: action as StatelessAction,
    by: `stateless default action ${policy.statelessDefaultActions.join(', ')}`,
    source: policy.source,
  };
}

function groupVerdict(
  index: ModelIndex,
  group: StatelessRuleGroup,
  connection: Connection,
  packet: ConnectionPacket,
): StatelessVerdict | undefined {
  for (const rule of group.rules) {
    const label = `stateless rule ${rule.priority} (${group.source.logicalId})`;
    const action = rule.actions.find((name) => STANDARD_ACTIONS.has(name));
    const matched = rule.match.known
      ? matchTruth(index, rule.match.value, connection, packet)
      : unknownTruth(rule.match.reason);
    if (matched === false) continue;
    if (action === undefined)
      return { action: 'UNKNOWN', reason: `${label} has no standard action`, source: group.source };
    if (isUnknown(matched))
      return {
        action: 'UNKNOWN',
        reason: `${label} may match the ${packet.name}: ${matched.unknown}`,
        source: group.source,
      };
    return { action: action as StatelessAction, by: label, source: group.source };
  }
  return undefined;
}

/** https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_MatchAttributes.html */
function matchTruth(
  index: ModelIndex,
  match: StatelessMatch,
  connection: Connection,
  packet: ConnectionPacket,
): Truth {
  const { sender, receiver, senderPorts, receiverPorts } = packetEnds(connection, packet);
  const addressTruth = (cidrs: readonly Resolved<string>[], address: typeof sender): Truth =>
    cidrs.length === 0
      ? true
      : memberOf(addressCandidates(address), cidrBounds(index, cidrs), MAX_ADDRESS, (mayBeIn) =>
          addressDoubt(address, cidrs.map((cidr) => (cidr.known ? cidr.value : '?')).join(', '), mayBeIn),
        );
  const portTruth = (ranges: StatelessMatch['sourcePorts'], candidates: Intervals): Truth =>
    ranges.length === 0
      ? true
      : memberOf(
          candidates,
          exactly(intervalsOf(ranges)),
          MAX_PORT,
          () => 'whether the client picks a port in the range',
        );
  return allOf([
    match.protocols.length === 0 || match.protocols.includes(IP_PROTOCOL_NUMBERS[connection.transport]),
    addressTruth(match.sources, sender),
    addressTruth(match.destinations, receiver),
    portTruth(match.sourcePorts, senderPorts),
    portTruth(match.destinationPorts, receiverPorts),
    tcpFlagsTruth(match.tcpFlags, packet),
  ]);
}

function cidrBounds(index: ModelIndex, cidrs: readonly Resolved<string>[]): Bounds {
  return unionBounds(
    cidrs.map((cidr) => {
      if (!cidr.known) return unknownBounds(cidr.reason, MAX_ADDRESS);
      if (cidr.value.includes(':')) return exactly([]);
      const parsed = index.cidr(cidr);
      return parsed === undefined
        ? unknownBounds(`'${cidr.value}' is not a CIDR block`, MAX_ADDRESS)
        : exactly([parsed]);
    }),
  );
}

const ALL_FLAGS = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR'];

/**
 * Within the mask (all flags when it is empty), the listed flags must be set and the others clear; the
 * setting only applies to TCP. How several entries combine is not documented: Moat decides only when they
 * agree. https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_TCPFlagField.html
 */
function tcpFlagsTruth(fields: StatelessMatch['tcpFlags'], packet: ConnectionPacket): Truth {
  const flags = packet.tcpFlags;
  if (fields.length === 0 || flags === undefined) return true;
  const truths = fields.map(({ flags: wanted, masks }) =>
    allOf(
      (masks.length === 0 ? ALL_FLAGS : masks).map((flag): Truth => {
        if (flags.unknown.includes(flag))
          return unknownTruth(`Moat does not know whether the ${packet.name} has ${flag} set`);
        return flags.set.includes(flag) === wanted.includes(flag);
      }),
    ),
  );
  if (truths.length === 1) return truths[0] ?? true;
  const all = allOf(truths);
  const any = anyOf(truths);
  if (all === any || isUnknown(all)) return all;
  if (isUnknown(any)) return any;
  return unknownTruth('several TCPFlags entries disagree, and AWS does not document how they combine');
}
