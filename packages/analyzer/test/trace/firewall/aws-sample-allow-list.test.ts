import { describe, expect, it } from 'vitest';
import { known } from '../../../src/model/types.js';
import { firewallModel, host, internet, rulesGroup, task, toHost, verdictOf } from './support.js';

/**
 * The egress allow list of aws-samples/aws-networkfirewall-cfn-templates@8e6b0ea87f5c88a38d5594bd34ad831e6c4d2959
 * (MIT-0), distributed_architecture/single_az_deployment/combined-ingress-and-egress-firewall/
 * anfw-distributed-1az-single-firewall-template.yaml, EgressAllowListExampleRuleGroup: the rules that decide
 * these flows, quoted in their order, under the template's policy (strict order, no stateful default action,
 * HOME_NET 10.0.0.0/8, 172.16.0.0/12, 191.168.0.0/16). The corpus case nfw-distributed-1az-single switches
 * the policy to it in its breakage `sample-allow-list-policy`.
 */
const ALLOW_LIST = `
drop ip any any -> $HOME_NET any (msg:"Ingress traffic to HOME_NET Blocked"; flow:to_server; sid:98228398;)
pass tcp $HOME_NET any -> any any (flow:not_established, to_server; msg:"pass rules do not alert/log"; sid:9918156;)
pass tcp any any -> $HOME_NET any (flow:not_established, to_client; msg:"pass rules do not alert/log"; sid:9918199;)
alert ip $HOME_NET any -> any any (msg:"Egress traffic to RU"; flow:to_server; geoip:dst,RU; metadata:geo RU; sid:8733172;)
reject tls $HOME_NET any -> any any (tls.sni; content:".ru"; nocase; msg:"High risk TLD blocked"; flow:to_server; sid:20233181;)
pass tls $HOME_NET any -> any any (tls.sni; content:"checkip.amazonaws.com"; startswith; nocase; endswith; flow:to_server; sid:202311893;)
pass http $HOME_NET any -> any any (http.host; content:"checkip.amazonaws.com"; startswith; endswith; flow:to_server; sid:20236893;)
reject tls $HOME_NET any -> any any (msg:"Default Egress HTTPS Reject"; ssl_state:client_hello; ja4.hash; content:"_"; flowbits:set,blocked; flow:to_server; sid:999991;)
alert tls $HOME_NET any -> any any (msg:"X25519Kyber768"; flowbits:isnotset,blocked; flowbits:set,X25519Kyber768; noalert; flow:to_server; sid:999993;)
reject http $HOME_NET any -> any any (msg:"Default Egress HTTP Reject"; flowbits:set,blocked; flow:to_server; sid:999992;)
reject tcp $HOME_NET any -> any any (msg:"Default Egress TCP Reject"; flowbits:isnotset,blocked; flowbits:isnotset,X25519Kyber768; flow:to_server; sid:999994;)
drop udp $HOME_NET any -> any any (msg:"Default Egress UDP Drop"; flow:to_server; sid:999995;)
`;

const sample = firewallModel([rulesGroup('EgressAllowList', ALLOW_LIST)], {
  statefulDefaultActions: [],
  homeNet: ['10.0.0.0/8', '172.16.0.0/12', '191.168.0.0/16'].map((cidr) => known(cidr)),
});

/** A public address outside every CIDR of the rules (TEST-NET-3). */
const SERVER = '203.0.113.10';

describe("the AWS sample's Suricata allow list", () => {
  it('passes checkip.amazonaws.com: the handshake packet by packet, then the connection by its SNI', () => {
    expect(verdictOf(sample, toHost('checkip.amazonaws.com', 443, SERVER))).toEqual([
      'PASS',
      "PASS SYN: rule sid 9918156 'pass rules do not alert/log' (EgressAllowList) passes this packet only",
      "PASS SYN-ACK: rule sid 9918199 'pass rules do not alert/log' (EgressAllowList) passes this packet only",
      "PASS ACK: rule sid 9918156 'pass rules do not alert/log' (EgressAllowList) passes this packet only",
      'PASS TLS ClientHello (SNI checkip.amazonaws.com): rule sid 202311893 (pass tls $HOME_NET any -> any any (tls.sni; content:"checkip.amazonaws.com"; startswith...) (EgressAllowList) passes the connection',
    ]);
  });

  it('rejects any other TLS host, though the rules that passed its handshake would pass any TCP connection', () => {
    expect(verdictOf(sample, toHost('www.example.org', 443, SERVER)).slice(0, 2)).toEqual([
      'DROP',
      "reason: rule sid 999991 'Default Egress HTTPS Reject' (EgressAllowList) rejects the TLS ClientHello (SNI www.example.org)",
    ]);
  });

  it('rejects a high-risk top-level domain before the allow list is reached', () => {
    expect(verdictOf(sample, toHost('checkip.amazonaws.com.ru', 443, SERVER))[1]).toBe(
      "reason: rule sid 20233181 'High risk TLD blocked' (EgressAllowList) rejects the TLS ClientHello (SNI checkip.amazonaws.com.ru)",
    );
  });

  it('passes HTTP to checkip.amazonaws.com by its Host and rejects HTTP to any other host', () => {
    expect(verdictOf(sample, toHost('checkip.amazonaws.com', 80, SERVER)).at(-1)).toBe(
      'PASS HTTP request (Host checkip.amazonaws.com): rule sid 20236893 (pass http $HOME_NET any -> any any (http.host; content:"checkip.amazonaws.com"; startsw...) (EgressAllowList) passes the connection',
    );
    expect(verdictOf(sample, toHost('example.org', 80, SERVER))[1]).toBe(
      "reason: rule sid 999992 'Default Egress HTTP Reject' (EgressAllowList) rejects the HTTP request (Host example.org)",
    );
  });

  it('cannot decide a TCP connection to an address without a host name: it passes only if it is TLS or HTTP to checkip.amazonaws.com', () => {
    expect(
      verdictOf(sample, { source: task, destination: host(SERVER, SERVER), protocol: 'tcp', port: 22 }).slice(
        0,
        2,
      ),
    ).toEqual([
      'UNKNOWN',
      'reason: Moat does not know the application protocol of the connection, and the verdict depends on it: ' +
        'as http: UNKNOWN (rule sid 20236893 (pass http $HOME_NET any -> any any (http.host; content:"checkip.amazonaws.com"; startsw...) (EgressAllowList) may match the request: the http.host of the request: the HTTP Host is not known: the flow names no host; if it does, the connection passes, otherwise the connection is dropped); ' +
        "as tls: UNKNOWN (rule sid 20233181 'High risk TLD blocked' (EgressAllowList) may match the request: the tls.sni of the request: the TLS SNI is not known: the flow names no host; if it does, the connection is dropped, otherwise the verdict still depends on rules Moat cannot decide); " +
        "as another protocol: DROP (rule sid 999994 'Default Egress TCP Reject' (EgressAllowList) rejects the request)",
    ]);
  });

  it('drops a connection from the internet to HOME_NET at its first packet', () => {
    expect(
      verdictOf(sample, { source: internet, destination: task, protocol: 'tcp', port: 80 }).slice(0, 2),
    ).toEqual([
      'DROP',
      "reason: rule sid 98228398 'Ingress traffic to HOME_NET Blocked' (EgressAllowList) drops the SYN",
    ]);
  });

  it("cannot pass checkip.amazonaws.com by name alone: HOME_NET holds the public 191.168.0.0/16, and Moat does not know the host's address", () => {
    expect(verdictOf(sample, toHost('checkip.amazonaws.com'))).toEqual([
      'UNKNOWN',
      "reason: rule sid 98228398 'Ingress traffic to HOME_NET Blocked' (EgressAllowList) may match the SYN: whether checkip.amazonaws.com, whose address Moat does not know, is in $HOME_NET, which holds 191.168.0.0/16; if it does, the connection is dropped, otherwise the connection passes",
      "UNKNOWN rule sid 98228398 'Ingress traffic to HOME_NET Blocked' (EgressAllowList) may match the SYN: whether checkip.amazonaws.com, whose address Moat does not know, is in $HOME_NET, which holds 191.168.0.0/16; if it does, the connection is dropped, otherwise the connection passes",
    ]);
  });
});
