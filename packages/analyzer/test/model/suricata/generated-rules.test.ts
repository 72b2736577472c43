import { describe, expect, it } from 'vitest';
import { domainListRules, fiveTupleRuleText } from '../../../src/model/suricata/generated-rules.js';

/** The generated rules quoted from https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-examples.html */
describe('domainListRules', () => {
  it('generates the rules the guide lists for a TLS allow list', () => {
    expect(domainListRules('ALLOWLIST', ['TLS_SNI'], ['.amazon.com', 'example.com'])).toEqual([
      'pass tls $HOME_NET any -> $EXTERNAL_NET any (ssl_state:client_hello; tls.sni; dotprefix; content:".amazon.com"; nocase; endswith; msg:"matching TLS allowlisted FQDNs"; priority:1; flow:to_server, established; sid:1; rev:1;)',
      'pass tls $HOME_NET any -> $EXTERNAL_NET any (ssl_state:client_hello; tls.sni; content:"example.com"; startswith; nocase; endswith; msg:"matching TLS allowlisted FQDNs"; priority:1; flow:to_server, established; sid:2; rev:1;)',
      'drop tls $HOME_NET any -> $EXTERNAL_NET any (msg:"not matching any TLS allowlisted FQDNs"; priority:1; ssl_state:client_hello; flow:to_server, established; sid:3; rev:1;)',
    ]);
  });

  it('generates the rules the guide lists for an HTTP allow list', () => {
    expect(domainListRules('ALLOWLIST', ['HTTP_HOST'], ['.amazon.com', 'example.com'])).toEqual([
      'pass http $HOME_NET any -> $EXTERNAL_NET any (http.host; dotprefix; content:".amazon.com"; endswith; msg:"matching HTTP allowlisted FQDNs"; priority:1; flow:to_server, established; sid:1; rev:1;)',
      'pass http $HOME_NET any -> $EXTERNAL_NET any (http.host; content:"example.com"; startswith; endswith; msg:"matching HTTP allowlisted FQDNs"; priority:1; flow:to_server, established; sid:2; rev:1;)',
      'drop http $HOME_NET any -> $EXTERNAL_NET any (http.header_names; content:"|0d 0a|"; startswith; msg:"not matching any HTTP allowlisted FQDNs"; priority:1; flow:to_server, established; sid:3; rev:1;)',
    ]);
  });

  it('generates the rules the guide lists for a deny list of both types', () => {
    expect(domainListRules('DENYLIST', ['TLS_SNI', 'HTTP_HOST'], ['evil.com'])).toEqual([
      'drop tls $HOME_NET any -> $EXTERNAL_NET any (ssl_state:client_hello; tls.sni; content:"evil.com"; startswith; nocase; endswith; msg:"matching TLS denylisted FQDNs"; priority:1; flow:to_server, established; sid:1; rev:1;)',
      'drop http $HOME_NET any -> $EXTERNAL_NET any (http.host; content:"evil.com"; startswith; endswith; msg:"matching HTTP denylisted FQDNs"; priority:1; flow:to_server, established; sid:2; rev:1;)',
    ]);
  });
});

describe('fiveTupleRuleText', () => {
  it('writes a standard stateful rule as a Suricata rule, direction ANY as <>, the settings as given', () => {
    expect(
      fiveTupleRuleText({
        action: 'DROP',
        protocol: 'HTTP',
        source: '$HOME_NET',
        sourcePort: 'ANY',
        direction: 'ANY',
        destination: '$EXTERNAL_NET',
        destinationPort: 'ANY',
        options: [
          { keyword: 'msg', settings: ['"this is a stateful drop rule"'] },
          { keyword: 'sid', settings: ['1234'] },
        ],
      }),
    ).toBe('drop http $HOME_NET ANY <> $EXTERNAL_NET ANY (msg:"this is a stateful drop rule"; sid:1234;)');
  });
});
