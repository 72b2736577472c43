import { PRIVATE_RANGES } from '../../../model/ip.js';
import type { Address } from '../address.js';
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
  /** `tls` or `http` when the client names a host; undefined when Moat cannot tell the application. */
  readonly application?: 'tls' | 'http';
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

/** The addresses a packet's source or destination may be: one IP, a task's subnet, or some public host. */
export function addressCandidates(address: Address): Intervals {
  if (address.kind === 'private') return [address.range];
  if (address.ip !== undefined) return [{ first: address.ip, last: address.ip }];
  return PUBLIC_ADDRESSES;
}

/** A host on the internet whose IP Moat does not know: any address outside the private ranges. */
const PUBLIC_ADDRESSES = complement(intervalsOf(PRIVATE_RANGES), MAX_ADDRESS);

export const CLIENT_PORTS: Intervals = [{ first: EPHEMERAL_PORTS.from, last: EPHEMERAL_PORTS.to }];
