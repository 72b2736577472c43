import type { AddressSpec, ContentMatch, PortSpec, RuleOption } from '../../../model/suricata/syntax.js';
import { bufferValue } from './buffers.js';
import type { CompiledRule } from './compiled-rule.js';
import {
  addressCandidates,
  addressDoubt,
  type Connection,
  type ConnectionPacket,
  packetEnds,
} from './connection.js';
import { contentsMatch, transformed } from './content-match.js';
import { type Intervals, memberOf } from './intervals.js';
import { APPLICATION_PROTOCOLS, IP_PROTOCOL_NUMBERS } from './protocols.js';
import { MAX_ADDRESS, MAX_PORT } from './rule-variables.js';
import { allOf, anyOf, not, type Truth, unknownTruth } from './truth.js';

/** What one evaluation needs besides the rule: the connection, the packet, and the flowbits set so far. */
export interface PacketContext {
  readonly connection: Connection;
  readonly packet: ConnectionPacket;
  readonly flowbits: ReadonlySet<string>;
  /** Under action order Suricata reorders rules around flowbits; Moat does not model that order. */
  readonly strictOrder: boolean;
}

/** Whether a rule matches one packet of the connection: its header, then its options, in order. */
export function ruleMatches(rule: CompiledRule, context: PacketContext): Truth {
  const protocol = protocolMatches(rule.rule.protocol, context);
  if (protocol === false) return false;
  return allOf([protocol, endpointsMatch(rule, context), optionsMatch(rule.rule.options, context)]);
}

/**
 * `ip` matches any packet, `tcp`/`udp` the transport; an application protocol only packets after protocol
 * detection, of a connection of that application.
 * https://docs.suricata.io/en/suricata-7.0.8/rules/intro.html#protocol
 */
function protocolMatches(protocol: string, { connection, packet }: PacketContext): Truth {
  if (protocol === 'ip') return true;
  if (protocol === 'tcp' || protocol === 'udp') return protocol === connection.transport;
  if (protocol === 'icmp' || protocol === 'icmp6' || protocol === 'sctp') return false;
  const transports = APPLICATION_PROTOCOLS[protocol];
  if (transports === undefined) return unknownTruth(`Moat does not know the protocol '${protocol}'`);
  if (!transports.includes(connection.transport) || !packet.applicationData) return false;
  if (connection.application === undefined)
    return unknownTruth(`Moat does not know whether the connection is ${protocol}`);
  return connection.application === (protocol === 'http1' ? 'http' : protocol);
}

/**
 * Source and destination, in the written direction for `->`, either way for `<>`. A client's source port is
 * an ephemeral port (1024–65535); a task is somewhere in its subnet; an internet host whose address the flow
 * does not give is some public address.
 * https://docs.suricata.io/en/suricata-7.0.8/rules/intro.html#direction
 */
function endpointsMatch(rule: CompiledRule, { connection, packet }: PacketContext): Truth {
  const { sender, receiver, senderPorts, receiverPorts } = packetEnds(connection, packet);
  const side = (
    spec: AddressSpec,
    ports: PortSpec,
    address: typeof sender,
    portCandidates: Intervals,
  ): Truth =>
    allOf([
      memberOf(addressCandidates(address), rule.variables.addresses(spec), MAX_ADDRESS, (mayBeIn) =>
        addressDoubt(address, formatAddress(spec), mayBeIn),
      ),
      memberOf(
        portCandidates,
        rule.variables.ports(ports),
        MAX_PORT,
        () => `whether port ${formatCandidates(portCandidates)} is in ${formatPorts(ports)}`,
      ),
    ]);
  const written = allOf([
    side(rule.rule.source, rule.rule.sourcePorts, sender, senderPorts),
    side(rule.rule.destination, rule.rule.destinationPorts, receiver, receiverPorts),
  ]);
  if (rule.rule.direction === '->') return written;
  return anyOf([
    written,
    allOf([
      side(rule.rule.source, rule.rule.sourcePorts, receiver, receiverPorts),
      side(rule.rule.destination, rule.rule.destinationPorts, sender, senderPorts),
    ]),
  ]);
}

interface BufferInspection {
  readonly name: string;
  readonly transforms: string[];
  readonly contents: ContentMatch[];
  /** Options on the buffer Moat cannot evaluate (pcre, bsize, ...): they need the buffer to be there. */
  readonly opaque: string[];
}

/** The options in order: sticky buffers collect the contents and transforms after them. */
function optionsMatch(options: readonly RuleOption[], context: PacketContext): Truth {
  const inspections: BufferInspection[] = [];
  let current: BufferInspection = { name: 'pkt_data', transforms: [], contents: [], opaque: [] };
  const truths: Truth[] = [];
  for (const option of options) {
    switch (option.kind) {
      case 'buffer':
        inspections.push(current);
        current = { name: option.name, transforms: [], contents: [], opaque: [] };
        break;
      case 'transform':
        if (current.contents.length > 0)
          current.opaque.push(
            `the transform ${option.name} after a content, which Suricata does not document`,
          );
        else current.transforms.push(option.name);
        break;
      case 'content':
        current.contents.push(option.match);
        break;
      case 'other':
        if (current.name === 'pkt_data' && current.contents.length === 0)
          truths.push(keywordTruth(option.keyword, option.value));
        else current.opaque.push(describeKeyword(option.keyword, option.value));
        break;
      default:
        truths.push(optionTruth(option, context));
    }
  }
  inspections.push(current);
  for (const inspection of inspections) truths.push(inspectionTruth(inspection, context));
  return allOf(truths);
}

function inspectionTruth(inspection: BufferInspection, { connection, packet }: PacketContext): Truth {
  const used =
    inspection.name !== 'pkt_data' || inspection.contents.length > 0 || inspection.opaque.length > 0;
  if (!used) return true;
  const value = transformed(bufferValue(inspection.name, connection, packet), inspection.transforms);
  if (value.kind === 'absent') return false;
  const contents = contentsMatch(value, inspection.contents, `the ${inspection.name} of the ${packet.name}`);
  const reason = inspection.opaque[0];
  return allOf([contents, reason === undefined ? true : unknownTruth(`Moat does not evaluate ${reason}`)]);
}

function optionTruth(
  option: RuleOption,
  { connection, packet, flowbits, strictOrder }: PacketContext,
): Truth {
  switch (option.kind) {
    case 'flow':
      return allOf(option.settings.map((setting) => flowSettingTruth(setting, packet)));
    case 'flowbits': {
      if (option.command !== 'isset' && option.command !== 'isnotset') return true;
      if (!strictOrder)
        return unknownTruth(
          'flowbits under action order: Suricata reorders the rules that set and check them',
        );
      const checks = option.names.map((name) => flowbits.has(name) === (option.command === 'isset'));
      return option.join === 'all' || option.command === 'isnotset'
        ? checks.every(Boolean)
        : checks.some(Boolean);
    }
    case 'ip-proto': {
      const equal = option.protocol === IP_PROTOCOL_NUMBERS[connection.transport];
      return option.negated ? !equal : equal;
    }
    case 'app-layer-protocol': {
      // Evaluated once protocol detection is done.
      // https://docs.suricata.io/en/suricata-7.0.8/rules/app-layer.html#app-layer-protocol
      if (!packet.applicationData) return false;
      if (connection.application === undefined)
        return unknownTruth(`Moat does not know whether the connection is ${option.protocol}`);
      const equal = connection.application === option.protocol;
      return option.negated ? !equal : equal;
    }
    case 'ssl-state':
      return anyOf(
        option.states.map(({ state, negated }) => {
          const truth = sslStateTruth(state, connection, packet);
          return negated ? not(truth) : truth;
        }),
      );
    default:
      return true;
  }
}

/** https://docs.suricata.io/en/suricata-7.0.8/rules/flow-keywords.html#flow */
function flowSettingTruth(setting: string, packet: ConnectionPacket): Truth {
  switch (setting) {
    case 'to_server':
      return packet.toServer;
    case 'to_client':
      return !packet.toServer;
    case 'established':
      return packet.established;
    case 'not_established':
      return !packet.established;
    case 'stateless':
    case 'no_frag':
      return true;
    case 'only_frag':
      return false;
    default:
      return unknownTruth(`Moat does not model stream reassembly (flow:${setting})`);
  }
}

/** The ClientHello travels in the client's first data; the ServerHello in the server's reply. */
function sslStateTruth(state: string, connection: Connection, packet: ConnectionPacket): Truth {
  if (!packet.applicationData) return false;
  if (connection.application === undefined)
    return unknownTruth('Moat does not know whether the connection is tls');
  if (connection.application !== 'tls') return false;
  if (state === 'client_hello') return packet.toServer;
  if (state === 'server_hello') return !packet.toServer;
  return unknownTruth(`Moat does not know when the TLS state ${state} is reached`);
}

/** Keywords Moat cannot evaluate, with why. */
function keywordTruth(keyword: string, value: string | undefined): Truth {
  return unknownTruth(`Moat does not evaluate ${describeKeyword(keyword, value)}`);
}

function describeKeyword(keyword: string, value: string | undefined): string {
  const written = value === undefined ? keyword : `${keyword}:${value}`;
  if (keyword === 'pcre') return `regular expressions (${written})`;
  if (keyword === 'geoip') return `${written}: it has no IP geolocation data`;
  if (keyword === 'xbits' || keyword === 'hostbits') return `${written}: it tracks no state across flows`;
  return `the keyword ${written}`;
}

export function formatAddress(spec: AddressSpec): string {
  switch (spec.kind) {
    case 'any':
      return 'any';
    case 'ipv4':
    case 'ipv6':
      return spec.text;
    case 'variable':
      return `$${spec.name}`;
    case 'reference':
      return `@${spec.name}`;
    case 'not':
      return `!${formatAddress(spec.spec)}`;
    case 'group':
      return `[${spec.items.map(formatAddress).join(',')}]`;
  }
}

function formatPorts(spec: PortSpec): string {
  switch (spec.kind) {
    case 'any':
      return 'any';
    case 'range':
      return spec.first === spec.last ? `${spec.first}` : `${spec.first}:${spec.last}`;
    case 'variable':
      return `$${spec.name}`;
    case 'not':
      return `!${formatPorts(spec.spec)}`;
    case 'group':
      return `[${spec.items.map(formatPorts).join(',')}]`;
  }
}

const formatCandidates = (candidates: Intervals): string =>
  candidates
    .map((range) => (range.first === range.last ? `${range.first}` : `${range.first}-${range.last}`))
    .join(',');
