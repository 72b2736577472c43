import { defineRule, error } from './rule.js';

/**
 * Ports whose protocol never carries a TLS ClientHello or an HTTP request, so a domain rule there (a Suricata
 * `tls.sni` or `http.host` match, see constructs/firewall-rules.ts) could never match: the flow would meet
 * the firewall's default action instead, whatever the rule says.
 */
const NO_TLS_OR_HTTP_PORTS: Readonly<Record<number, string>> = {
  // SSH: both sides open with an identification string, then SSH's own key exchange (RFC 4253, section 4.2).
  22: 'SSH, which opens with its own identification string and key exchange (RFC 4253)',
  // Telnet: option negotiation and plain text (RFC 854).
  23: 'Telnet, which sends plain text (RFC 854)',
  // DNS: DNS messages over UDP or TCP (RFC 1035, section 4.2); DNS over TLS has its own port, 853 (RFC 7858).
  53: 'DNS, whose messages are not TLS (DNS over TLS uses port 853, RFC 7858)',
};

export const egressRules = [
  // A regional NAT gateway has one route table for every AZ
  // (https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateways-regional.html), so with firewall endpoints in
  // subnets of the same VPC (step 7 on) it could send a reply to an endpoint only by the reply's destination CIDR.
  // The Transit Gateway picks the egress VPC's AZ by a flow hash under appliance mode
  // (https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-appliance-scenario.html), so the reply would meet
  // another AZ's endpoint than its request did, which drops it. With the firewall on the TGW the table needs only
  // the spokes' routes back to the TGW.
  defineRule(['egress'], ({ egress }, report) => {
    if (egress.nat !== 'regional' || egress.firewall.attachment !== 'subnets') return;
    report(
      error(
        'egress.nat',
        egress.nat,
        'is "regional" while egress.firewall.attachment is "subnets": from step 7 the firewall endpoints sit in subnets of the egress VPC, one per AZ, and the regional NAT gateway\'s single route table could send a reply back to an endpoint only by destination CIDR, not to the endpoint of the AZ its request crossed, so replies would be dropped',
        'set egress.firewall.attachment: transit-gateway (the firewall attached to the Transit Gateway, which works with a regional NAT gateway), or keep egress.nat: zonal',
      ),
    );
  }),
  // Domain rules only on ports where their SNI or Host match can apply.
  defineRule(['egress'], ({ egress }, report) => {
    egress.domains.forEach((rule, index) => {
      const protocol = NO_TLS_OR_HTTP_PORTS[rule.port];
      if (protocol === undefined) return;
      report(
        error(
          `egress.domains[${index}].port`,
          rule.port,
          `is port ${rule.port}, which carries ${protocol}: a domain rule matches the TLS SNI or the HTTP Host header, so "${rule.domain}" could never match there`,
          `use port 443 (TLS SNI) or 80 (HTTP Host) for the domain, or write an egress.ipRules entry with the destination's CIDR for port ${rule.port}`,
        ),
      );
    });
  }),
];
