import { describe, expect, it } from 'vitest';
import { parseRulesString, parseRuleText } from '../../../src/model/suricata/parse-rules.js';
import type { SuricataRule } from '../../../src/model/suricata/syntax.js';

const parsed = (text: string): SuricataRule => {
  const result = parseRuleText(text).rule;
  if (!result.known) throw new Error(result.reason);
  return result.value;
};

const failure = (text: string): string => {
  const result = parseRuleText(text).rule;
  return result.known ? 'parsed' : result.reason;
};

/**
 * Rules quoted from the Network Firewall guide, "Examples of stateful rules for Network Firewall"
 * (https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-examples.html), and from
 * aws-samples/aws-networkfirewall-cfn-templates@8e6b0ea87f5c88a38d5594bd34ad831e6c4d2959 (MIT-0),
 * distributed_architecture/single_az_deployment/combined-ingress-and-egress-firewall/anfw-distributed-1az-single-firewall-template.yaml,
 * EgressAllowListExampleRuleGroup.
 */
describe('parseRule', () => {
  it('reads the header of a rule: action, protocol, variables, ports, direction', () => {
    const rule = parsed(
      'pass tcp $HOME_NET any -> any any (flow:not_established, to_server; msg:"pass rules do not alert/log"; sid:9918156;)',
    );
    expect(rule).toMatchObject({
      action: 'pass',
      protocol: 'tcp',
      source: { kind: 'variable', name: 'HOME_NET' },
      sourcePorts: { kind: 'any' },
      direction: '->',
      destination: { kind: 'any' },
      destinationPorts: { kind: 'any' },
      sid: 9918156,
      msg: 'pass rules do not alert/log',
    });
    expect(rule.options[0]).toEqual({ kind: 'flow', settings: ['not_established', 'to_server'] });
  });

  it('reads address groups, negation, CIDRs and port lists, ranges and negation', () => {
    const rule = parsed(
      'drop ip $HOME_NET any -> $EXTERNAL_NET [1389,53,4444,445,135,139,389,3389] (msg:"Deny List High Risk Destination Ports"; sid:278670;)',
    );
    expect(rule.destinationPorts).toEqual({
      kind: 'group',
      items: [1389, 53, 4444, 445, 135, 139, 389, 3389].map((port) => ({
        kind: 'range',
        first: port,
        last: port,
      })),
    });
    expect(parsed('alert tcp [10.0.0.0/24, !10.0.0.5] [80:100,!99] <> any 1024: (sid:1;)')).toMatchObject({
      source: {
        kind: 'group',
        items: [
          { kind: 'ipv4', text: '10.0.0.0/24', first: 167772160, last: 167772415 },
          { kind: 'not', spec: { kind: 'ipv4', text: '10.0.0.5', first: 167772165, last: 167772165 } },
        ],
      },
      sourcePorts: {
        kind: 'group',
        items: [
          { kind: 'range', first: 80, last: 100 },
          { kind: 'not', spec: { kind: 'range', first: 99, last: 99 } },
        ],
      },
      direction: '<>',
      destinationPorts: { kind: 'range', first: 1024, last: 65535 },
    });
  });

  it('reads the TLS SNI buffer with its content and modifiers, in order', () => {
    const rule = parsed(
      'pass tls $HOME_NET any -> any any (tls.sni; content:"ec2messages."; startswith; nocase; content:".amazonaws.com"; endswith; nocase; flow:to_server; sid:20231181;)',
    );
    expect(rule.options).toEqual([
      { kind: 'buffer', name: 'tls.sni' },
      {
        kind: 'content',
        match: { pattern: 'ec2messages.', negated: false, nocase: true, startswith: true, endswith: false },
      },
      {
        kind: 'content',
        match: { pattern: '.amazonaws.com', negated: false, nocase: true, startswith: false, endswith: true },
      },
      { kind: 'flow', settings: ['to_server'] },
      { kind: 'meta', keyword: 'sid', value: '20231181' },
    ]);
  });

  it('decodes hex bytes in content and reads dotprefix, ssl_state, flowbits, ip_proto and app-layer-protocol', () => {
    expect(
      parsed(
        'drop http $HOME_NET any -> $EXTERNAL_NET any (http.header_names; content:"|0d 0a|"; startswith; msg:"not matching any HTTP allowlisted FQDNs"; priority:1; flow:to_server, established; sid:3; rev:1;)',
      ).options[1],
    ).toEqual({
      kind: 'content',
      match: { pattern: '\r\n', negated: false, nocase: false, startswith: true, endswith: false },
    });
    expect(
      parsed(
        'reject tls $HOME_NET any -> any any (msg:"Default Egress HTTPS Reject"; ssl_state:client_hello; ja4.hash; content:"_"; flowbits:set,blocked; flow:to_server; sid:999991;)',
      ).options.slice(1, 5),
    ).toEqual([
      { kind: 'ssl-state', states: [{ state: 'client_hello', negated: false }] },
      { kind: 'buffer', name: 'ja4.hash' },
      {
        kind: 'content',
        match: { pattern: '_', negated: false, nocase: false, startswith: false, endswith: false },
      },
      { kind: 'flowbits', command: 'set', names: ['blocked'], join: 'any' },
    ]);
    expect(
      parsed(
        'drop ip $HOME_NET any -> any any (msg:"Default Egress IP Drop"; ip_proto:!TCP; ip_proto:!UDP; ip_proto:!ICMP; flow:to_server; sid:999997;)',
      ).options.slice(1, 4),
    ).toEqual([
      { kind: 'ip-proto', negated: true, protocol: 6 },
      { kind: 'ip-proto', negated: true, protocol: 17 },
      { kind: 'ip-proto', negated: true, protocol: 1 },
    ]);
    expect(
      parsed(
        'reject tcp $HOME_NET any -> $EXTERNAL_NET 22 (msg:"Block TCP/22 servers that are not SSH protocol"; flow: to_server; app-layer-protocol:!ssh; sid:2171009;)',
      ).options[2],
    ).toEqual({ kind: 'app-layer-protocol', negated: true, protocol: 'ssh' });
    expect(
      parsed(
        'pass http $HOME_NET any -> $EXTERNAL_NET 80 (http.host; dotprefix; content:".example.com"; endswith; msg:"Allowed HTTP domain"; sid:892120; rev:1;)',
      ).options.slice(0, 2),
    ).toEqual([
      { kind: 'buffer', name: 'http.host' },
      { kind: 'transform', name: 'dotprefix' },
    ]);
  });

  it('keeps keywords it does not interpret, such as pcre and geoip, as written', () => {
    expect(
      parsed(
        'alert ip $HOME_NET any -> any any (msg:"Egress traffic to RU"; flow:to_server; geoip:dst,RU; metadata:geo RU; sid:8733172;)',
      ).options[2],
    ).toEqual({ kind: 'other', keyword: 'geoip', value: 'dst,RU' });
    expect(
      parsed(
        'reject tls $HOME_NET any -> $EXTERNAL_NET any (ssl_state:client_hello; tls.sni; pcre:"/(example1\\.com|example2\\.com)$/i"; flow: to_server; msg:"Domain blocked"; sid:1457;)',
      ).options[2],
    ).toEqual({ kind: 'other', keyword: 'pcre', value: '"/(example1\\.com|example2\\.com)$/i"' });
  });

  it('moves a content with an old-style HTTP modifier to its buffer', () => {
    expect(
      parsed('alert tcp any any -> any 80 (content:"example.com"; http_host; content:"x"; sid:1;)').options,
    ).toEqual([
      { kind: 'buffer', name: 'http.host' },
      {
        kind: 'content',
        match: { pattern: 'example.com', negated: false, nocase: false, startswith: false, endswith: false },
      },
      { kind: 'buffer', name: 'pkt_data' },
      {
        kind: 'content',
        match: { pattern: 'x', negated: false, nocase: false, startswith: false, endswith: false },
      },
      { kind: 'meta', keyword: 'sid', value: '1' },
    ]);
  });

  it('reads an explicit action scope and the reject variants', () => {
    expect(parsed('drop:flow tcp any any -> any any (sid:1;)')).toMatchObject({
      action: 'drop',
      scope: 'flow',
    });
    expect(parsed('rejectboth tcp any any -> any any (sid:1;)').action).toBe('rejectboth');
  });

  it('rejects what Suricata rejects, saying what is wrong', () => {
    // The guide's own "Multiple CIDR ranges" example: Suricata splits the header on spaces, so `any->` is
    // taken as the source port and the CIDR list as the direction.
    expect(
      failure(
        'drop ip $HOME_NET any-> [10.10.0.0/16,10.11.0.0/16,10.12.0.0/16] (msg:"Block traffic to multiple CIDRs"; sid:278970;)',
      ),
    ).toBe(
      "the rule does not parse: '[10.10.0.0/16,10.11.0.0/16,10.12.0.0/16]' is not a direction: Suricata accepts '->' and '<>'",
    );
    const cases: [string, string][] = [
      ['pass tcp any any -> any any (msg:"no sid";)', 'the rule has no sid'],
      ['allow tcp any any -> any any (sid:1;)', "'allow' is not a rule action"],
      ['pass tcp 10.0.0.300 any -> any any (sid:1;)', "'10.0.0.300' is not an IPv4 address or CIDR block"],
      ['pass tcp any any -> any 70000 (sid:1;)', "'70000' is not a port range"],
      ['pass tls any any -> any any (nocase; sid:1;)', "'nocase' must follow a content"],
      [
        'pass tcp any any -> any any (flow:sideways; sid:1;)',
        "flow:sideways has an unknown setting 'sideways'",
      ],
    ];
    for (const [text, message] of cases) expect(failure(text)).toBe(`the rule does not parse: ${message}`);
  });
});

describe('parseRulesString', () => {
  it('skips comments and blank lines and joins lines continued with a backslash', () => {
    const rules = parseRulesString(
      [
        '# Silently allow TCP 3-way handshake to be setup by $HOME_NET clients',
        'pass tcp $HOME_NET any -> any any (flow:not_established, to_server; msg:"pass rules do not alert/log"; sid:9918156;)',
        '',
        'alert tls any any -> any any \\',
        '  (msg:"Alert on tls (https)"; sid:1000013;)',
      ].join('\n'),
    );
    expect(rules.map((rule) => [rule.text, rule.rule.known])).toEqual([
      [
        'pass tcp $HOME_NET any -> any any (flow:not_established, to_server; msg:"pass rules do not alert/log"; sid:9918156;)',
        true,
      ],
      ['alert tls any any -> any any  (msg:"Alert on tls (https)"; sid:1000013;)', true],
    ]);
  });
});
