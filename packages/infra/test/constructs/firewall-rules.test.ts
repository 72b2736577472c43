import { describe, expect, it } from 'vitest';
import { domainRulesString, ipStatefulRules } from '../../src/constructs/firewall-rules.js';

describe('domainRulesString', () => {
  it('turns a domain on port 443 into a TLS SNI pass rule whose message names the domain', () => {
    expect(domainRulesString([{ domain: 'api.binance.com', port: 443, action: 'PASS' }])).toBe(
      'pass tls $HOME_NET any -> $EXTERNAL_NET 443 (tls.sni; content:"api.binance.com"; startswith; endswith; nocase; msg:"allow api.binance.com"; flow:to_server; sid:200001; rev:1;)',
    );
  });

  it('matches port 80 on the HTTP Host header and a DROP as a deny rule', () => {
    expect(domainRulesString([{ domain: 'example.org', port: 80, action: 'DROP' }])).toBe(
      'drop http $HOME_NET any -> $EXTERNAL_NET 80 (http.host; content:"example.org"; startswith; endswith; nocase; msg:"deny example.org"; flow:to_server; sid:200001; rev:1;)',
    );
  });

  it('matches a wildcard domain and its subdomains with dotprefix, one rule per line with distinct sids', () => {
    const lines = domainRulesString([
      { domain: 'api.binance.com', port: 443, action: 'PASS' },
      { domain: '*.amazonaws.com', port: 443, action: 'PASS' },
    ]).split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(
      'pass tls $HOME_NET any -> $EXTERNAL_NET 443 (tls.sni; dotprefix; content:".amazonaws.com"; endswith; nocase; msg:"allow *.amazonaws.com"; flow:to_server; sid:200002; rev:1;)',
    );
  });
});

describe('ipStatefulRules', () => {
  it('turns an IP rule into a 5-tuple rule from HOME_NET with a message and a sid', () => {
    expect(
      ipStatefulRules([{ destination: '198.51.100.7/32', port: 443, protocol: 'TCP', action: 'DROP' }]),
    ).toEqual([
      {
        action: 'DROP',
        header: {
          protocol: 'TCP',
          source: '$HOME_NET',
          sourcePort: 'ANY',
          direction: 'FORWARD',
          destination: '198.51.100.7/32',
          destinationPort: '443',
        },
        ruleOptions: [
          { keyword: 'msg', settings: ['"deny 198.51.100.7/32:443/tcp"'] },
          { keyword: 'sid', settings: ['100001'] },
        ],
      },
    ]);
  });

  it('uses the configured description as the message, without characters that would end a Suricata option', () => {
    const [rule] = ipStatefulRules([
      {
        destination: '203.0.113.0/24',
        port: 53,
        protocol: 'UDP',
        action: 'PASS',
        description: 'DNS; "resolver"',
      },
    ]);
    expect(rule?.ruleOptions).toContainEqual({ keyword: 'msg', settings: ["\"DNS' 'resolver'\""] });
  });
});
