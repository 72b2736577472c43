import type { Connection, ConnectionPacket } from './connection.js';
import { APPLICATION_PROTOCOLS } from './protocols.js';

/** What Moat knows of a sticky buffer on one packet. */
export type BufferValue =
  /** The packet has no such buffer: no content on it can match. */
  | { readonly kind: 'absent'; readonly why: string }
  | { readonly kind: 'exact'; readonly value: string }
  /** Only parts are known: how it starts and ends, and strings it surely holds. */
  | {
      readonly kind: 'partial';
      readonly prefix: string;
      readonly suffix: string;
      readonly contains: readonly string[];
      readonly what: string;
    }
  | { readonly kind: 'unknown'; readonly reason: string };

interface BufferSpec {
  /** The application protocol whose parser fills it; undefined for the packet payload. */
  readonly application?: string;
  /** Filled for packets to the server, to the client, or both. */
  readonly direction: 'to_server' | 'to_client' | 'both';
  /** What Moat knows of it, when the connection is of that application. */
  readonly value: (connection: Connection, packet: ConnectionPacket) => BufferValue;
}

const unknownValue =
  (what: string): BufferSpec['value'] =>
  () => ({ kind: 'unknown', reason: `Moat does not know the ${what}` });

/** A buffer whose value Moat does not know, of an application and a direction. */
const opaque = (application: string, direction: BufferSpec['direction'], what: string): BufferSpec => ({
  application,
  direction,
  value: unknownValue(what),
});

const hostname =
  (what: string, normalise: (name: string) => string): BufferSpec['value'] =>
  (connection) =>
    connection.hostname === undefined
      ? { kind: 'unknown', reason: `the ${what} is not known: the flow names no host` }
      : { kind: 'exact', value: normalise(connection.hostname) };

/**
 * The buffers of the keywords Network Firewall rules use most. `tls.sni` is the server name the client sends
 * (https://docs.suricata.io/en/suricata-7.0.8/rules/tls-keywords.html#tls-sni); `http.host` the normalised,
 * lower-case Host (https://docs.suricata.io/en/suricata-7.0.8/rules/http-keywords.html#http-host-and-http-host-raw);
 * `http.header_names` starts with `\r\n`, ends with an extra `\r\n`, and an HTTP/1.1 request has a Host
 * header (https://docs.suricata.io/en/suricata-7.0.8/rules/http-keywords.html#http-header-names); a JA4
 * fingerprint is three parts joined by `_` (https://docs.suricata.io/en/suricata-7.0.8/rules/ja-keywords.html#ja4-hash,
 * https://github.com/FoxIO-LLC/ja4/blob/main/technical_details/JA4.md). Other buffers are unknown.
 */
const BUFFERS: Readonly<Record<string, BufferSpec>> = {
  'tls.sni': { application: 'tls', direction: 'to_server', value: hostname('TLS SNI', (name) => name) },
  'ja4.hash': {
    application: 'tls',
    direction: 'to_server',
    value: () => ({ kind: 'partial', prefix: '', suffix: '', contains: ['_'], what: 'JA4 fingerprint' }),
  },
  'ja3.hash': opaque('tls', 'to_server', 'JA3 fingerprint'),
  'ja3.string': opaque('tls', 'to_server', 'JA3 string'),
  'ja3s.hash': opaque('tls', 'to_client', 'JA3S fingerprint'),
  'tls.cert_issuer': opaque('tls', 'to_client', 'server certificate issuer'),
  'tls.cert_subject': opaque('tls', 'to_client', 'server certificate subject'),
  'http.host': {
    application: 'http',
    direction: 'to_server',
    value: hostname('HTTP Host', (name) => name.toLowerCase()),
  },
  'http.host.raw': opaque('http', 'to_server', 'raw HTTP Host header'),
  'http.header_names': {
    application: 'http',
    direction: 'both',
    value: (_connection, packet) => ({
      kind: 'partial',
      prefix: '\r\n',
      suffix: '\r\n\r\n',
      contains: packet.toServer ? ['\r\nHost\r\n'] : [],
      what: 'HTTP header names',
    }),
  },
  'http.uri': opaque('http', 'to_server', 'HTTP request URI'),
  'http.method': opaque('http', 'to_server', 'HTTP method'),
  'http.user_agent': opaque('http', 'to_server', 'HTTP User-Agent'),
  'http.request_line': opaque('http', 'to_server', 'HTTP request line'),
  'http.stat_code': opaque('http', 'to_client', 'HTTP status code'),
  'http.response_line': opaque('http', 'to_client', 'HTTP response line'),
  'dns.query': opaque('dns', 'to_server', 'DNS query name'),
  'ssh.software': opaque('ssh', 'both', 'SSH software version'),
  pkt_data: {
    direction: 'both',
    value: (_connection, packet) =>
      packet.applicationData
        ? { kind: 'unknown', reason: 'Moat does not know the payload' }
        : { kind: 'absent', why: `the ${packet.name} carries no payload` },
  },
};

/**
 * The buffer of a keyword; an unlisted one (`tls.cert_fingerprint`) is unknown, but still belongs to the
 * application its name starts with, so it is absent from packets of another application.
 */
function bufferSpec(name: string): BufferSpec {
  const listed = BUFFERS[name];
  if (listed !== undefined) return listed;
  const prefix = name.split('.')[0] ?? '';
  return {
    ...(prefix in APPLICATION_PROTOCOLS ? { application: prefix } : {}),
    direction: 'both',
    value: () => ({ kind: 'unknown', reason: `Moat does not evaluate the ${name} buffer` }),
  };
}

/** The application a buffer belongs to (`tls.sni` → tls), which a rule using it must match. */
export const bufferApplication = (name: string): string | undefined => bufferSpec(name).application;

export function bufferValue(name: string, connection: Connection, packet: ConnectionPacket): BufferValue {
  const spec = bufferSpec(name);
  if (spec.application === undefined) return spec.value(connection, packet);
  if (!packet.applicationData) return { kind: 'absent', why: `the ${packet.name} carries no ${name}` };
  const wanted = spec.direction === 'both' || (spec.direction === 'to_server') === packet.toServer;
  if (!wanted)
    return {
      kind: 'absent',
      why: `${name} is not in packets ${packet.toServer ? 'to the server' : 'to the client'}`,
    };
  if (connection.application === undefined)
    return { kind: 'unknown', reason: `Moat does not know whether the connection is ${spec.application}` };
  if (connection.application !== spec.application)
    return { kind: 'absent', why: `the connection is ${connection.application}, not ${spec.application}` };
  return spec.value(connection, packet);
}
