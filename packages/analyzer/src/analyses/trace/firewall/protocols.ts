/**
 * The application-layer protocols a rule header may name, and the transports Suricata detects each on.
 * https://docs.suricata.io/en/suricata-7.0.8/rules/intro.html#protocol
 */
export const APPLICATION_PROTOCOLS: Readonly<Record<string, readonly ('tcp' | 'udp')[]>> = {
  http: ['tcp'],
  http1: ['tcp'],
  http2: ['tcp'],
  tls: ['tcp'],
  ssh: ['tcp'],
  ftp: ['tcp'],
  smtp: ['tcp'],
  imap: ['tcp'],
  pop3: ['tcp'],
  smb: ['tcp'],
  rdp: ['tcp'],
  rfb: ['tcp'],
  mqtt: ['tcp'],
  pgsql: ['tcp'],
  modbus: ['tcp'],
  dnp3: ['tcp'],
  telnet: ['tcp'],
  websocket: ['tcp'],
  dns: ['tcp', 'udp'],
  dcerpc: ['tcp', 'udp'],
  krb5: ['tcp', 'udp'],
  nfs: ['tcp', 'udp'],
  ldap: ['tcp', 'udp'],
  sip: ['tcp', 'udp'],
  enip: ['tcp', 'udp'],
  ntp: ['udp'],
  dhcp: ['udp'],
  snmp: ['udp'],
  tftp: ['udp'],
  quic: ['udp'],
  ikev2: ['udp'],
  'bittorrent-dht': ['udp'],
};

/** IANA protocol numbers of the transports Moat traces. */
export const IP_PROTOCOL_NUMBERS = { tcp: 6, udp: 17 } as const;
