import { formatIpv4, PRIVATE_RANGES } from '../../../model/ip.js';
import { type Address, describeAddress } from '../address.js';
import { EPHEMERAL_PORTS } from '../network-acls.js';
import { complement, type Intervals, intervalsOf } from './intervals.js';
import { MAX_ADDRESS } from './rule-variables.js';

/** A connection as the firewall endpoint sees it: the client opens it to the server's port. */
export interface InspectedConnection {
  readonly source: Address;
  readonly destination: Address;
  readonly protocol: 'tcp' | 'udp';
  readonly port: number;
  /** The TLS SNI (port ≠ 80) or HTTP Host (port 80) the client sends, when it addresses a host by name. */
  readonly hostname?: string;
}

/** TCP flags a packet has set, and those Moat cannot know (PSH on data, ECN bits). */
export interface TcpFlags {
  readonly set: readonly string[];
  readonly unknown: readonly string[];
}

/** One packet of the connection, in the terms Suricata's `flow` keyword and the default actions use. */
export interface ConnectionPacket {
  readonly name: string;
  readonly toServer: boolean;
  readonly established: boolean;
  /** The first packet in its direction: the only one Suricata evaluates IP-only rules on. */
  readonly firstInDirection: boolean;
  /** Carries application data, so protocol detection has run and application keywords can match. */
  readonly applicationData: boolean;
  readonly tcpFlags?: TcpFlags;
}

export interface Connection {
  readonly transport: 'tcp' | 'udp';
  /**
   * The application protocol: `tls` or `http` when the client names a host (by SNI or Host), a protocol
   * assumed while Moat tries each one the rules name, or undefined when Moat cannot tell.
   */
  readonly application?: string;
  readonly hostname?: string;
  readonly client: Address;
  readonly server: Address;
  readonly serverPort: number;
  readonly packets: readonly ConnectionPacket[];
}

const ECN = ['ECE', 'CWR'];

/**
 * The packets that must all get through for the connection to work. TCP: the three-way handshake (not
 * established until it completes), the client's first data (the TLS ClientHello carrying the SNI, or the
 * HTTP request carrying the Host), and the server's reply. UDP: the request, then the reply, after which
 * Suricata counts the flow as established.
 * https://docs.suricata.io/en/suricata-7.0.8/rules/flow-keywords.html#flow
 */
export function connectionOf(inspected: InspectedConnection): Connection {
  const application =
    inspected.protocol === 'tcp' && inspected.hostname !== undefined
      ? inspected.port === 80
        ? 'http'
        : 'tls'
      : undefined;
  const request =
    application === 'tls'
      ? `TLS ClientHello (SNI ${inspected.hostname})`
      : application === 'http'
        ? `HTTP request (Host ${inspected.hostname})`
        : 'request';
  const packets: ConnectionPacket[] =
    inspected.protocol === 'tcp'
      ? [
          tcp('SYN', true, false, true, false, ['SYN']),
          tcp('SYN-ACK', false, false, true, false, ['SYN', 'ACK']),
          tcp('ACK', true, false, false, false, ['ACK']),
          tcp(request, true, true, false, true, ['ACK']),
          tcp('reply', false, true, false, true, ['ACK']),
        ]
      : [
          {
            name: 'request',
            toServer: true,
            established: false,
            firstInDirection: true,
            applicationData: true,
          },
          {
            name: 'reply',
            toServer: false,
            established: true,
            firstInDirection: true,
            applicationData: true,
          },
        ];
  return {
    transport: inspected.protocol,
    ...(application !== undefined ? { application } : {}),
    ...(inspected.hostname !== undefined ? { hostname: inspected.hostname } : {}),
    client: inspected.source,
    server: inspected.destination,
    serverPort: inspected.port,
    packets,
  };
}

function tcp(
  name: string,
  toServer: boolean,
  established: boolean,
  firstInDirection: boolean,
  applicationData: boolean,
  flags: readonly string[],
): ConnectionPacket {
  return {
    name,
    toServer,
    established,
    firstInDirection,
    applicationData,
    tcpFlags: { set: flags, unknown: applicationData ? ['PSH', ...ECN] : ECN },
  };
}

/** Who sends a packet and who receives it, with the ports each may use. */
export interface PacketEnds {
  readonly sender: Address;
  readonly receiver: Address;
  readonly senderPorts: Intervals;
  readonly receiverPorts: Intervals;
}

/** The client sends from an ephemeral port to the server's port; the server answers the other way. */
export function packetEnds(connection: Connection, packet: ConnectionPacket): PacketEnds {
  const serverPort: Intervals = [{ first: connection.serverPort, last: connection.serverPort }];
  return packet.toServer
    ? {
        sender: connection.client,
        receiver: connection.server,
        senderPorts: CLIENT_PORTS,
        receiverPorts: serverPort,
      }
    : {
        sender: connection.server,
        receiver: connection.client,
        senderPorts: serverPort,
        receiverPorts: CLIENT_PORTS,
      };
}

/** The addresses a packet's source or destination may be: one IP, a task's subnet, or some public host. */
export function addressCandidates(address: Address): Intervals {
  if (address.kind === 'private') return [address.range];
  if (address.ip !== undefined) return [{ first: address.ip, last: address.ip }];
  return PUBLIC_ADDRESSES;
}

/** Why an address may or may not be in a rule's set: what Moat does not know, and the part of the set at stake. */
export function addressDoubt(address: Address, set: string, mayBeIn: Intervals): string {
  const shown = mayBeIn.slice(0, 3).map(formatAddressRange).join(', ') + (mayBeIn.length > 3 ? ', ...' : '');
  if (address.kind === 'private')
    return `whether the address of ${address.label} is in ${set}: of its range, ${shown} is`;
  if (address.ip === undefined)
    return `whether ${address.label}, whose address Moat does not know, is in ${set}, which holds ${shown}`;
  return `whether ${describeAddress(address)} is in ${set}`;
}

/** `10.0.0.0/24` when the range is a CIDR block, else `first-last`. */
function formatAddressRange(range: { readonly first: number; readonly last: number }): string {
  const size = range.last - range.first + 1;
  const prefix = 32 - Math.log2(size);
  return Number.isInteger(prefix) && range.first % size === 0
    ? `${formatIpv4(range.first)}/${prefix}`
    : `${formatIpv4(range.first)}-${formatIpv4(range.last)}`;
}

/** A host on the internet whose IP Moat does not know: any address outside the private ranges. */
const PUBLIC_ADDRESSES = complement(intervalsOf(PRIVATE_RANGES), MAX_ADDRESS);

export const CLIENT_PORTS: Intervals = [{ first: EPHEMERAL_PORTS.from, last: EPHEMERAL_PORTS.to }];
