import { describe, expect, it } from 'vitest';
import { unknown } from '../../../src/model/types.js';
import { firewallModel, rulesGroup, toHost, verdictOf } from './support.js';

const SERVER = '203.0.113.10';
const strict = (rules: string, defaults: string[] = []) =>
  firewallModel([rulesGroup('Rules', rules)], { statefulDefaultActions: defaults });

describe('rules Moat cannot evaluate', () => {
  it('makes a flow UNKNOWN when a geoip drop could decide it, and says why', () => {
    expect(
      verdictOf(
        strict('drop ip $HOME_NET any -> any any (msg:"no RU"; geoip:dst,RU; sid:1;)'),
        toHost('a.example.com', 443, SERVER),
      ),
    ).toEqual([
      'UNKNOWN',
      "reason: rule sid 1 'no RU' (Rules) may match the SYN: Moat does not evaluate geoip:dst,RU: it has no IP geolocation data; if it does, the connection is dropped, otherwise the connection passes",
      "UNKNOWN rule sid 1 'no RU' (Rules) may match the SYN: Moat does not evaluate geoip:dst,RU: it has no IP geolocation data; if it does, the connection is dropped, otherwise the connection passes",
    ]);
  });

  it('skips a rule it cannot evaluate when the rule cannot match for a reason it knows', () => {
    // A UDP rule never matches a TCP connection, whatever its geoip says.
    expect(
      verdictOf(
        strict('drop udp $HOME_NET any -> any any (geoip:dst,RU; sid:1;)'),
        toHost('a.example.com', 443, SERVER),
      )[0],
    ).toBe('PASS');
  });

  it('keeps the verdict when the rule it cannot evaluate would lead to the same one', () => {
    const rules =
      'drop tls $HOME_NET any -> any any (msg:"IP in SNI"; tls.sni; content:"."; pcre:"/^[0-9.]+$/"; flow:to_server; sid:1;)';
    expect(verdictOf(strict(rules, ['aws:drop_established']), toHost('a.example.com', 443, SERVER))).toEqual([
      'DROP',
      'reason: no rule of Policy passes the TLS ClientHello (SNI a.example.com), and its default action aws:drop_established drops established packets no rule passes',
      'UNDECIDED rule sid 1 \'IP in SNI\' (Rules) may match the TLS ClientHello (SNI a.example.com): Moat does not evaluate regular expressions (pcre:"/^[0-9.]+$/"); either way the firewall drops the connection',
      'DROP TLS ClientHello (SNI a.example.com): no rule passes it; default action aws:drop_established drops established packets no rule passes',
    ]);
  });

  it('decides a content on a buffer the packet does not have, without evaluating the pcre after it', () => {
    // The SNI rule cannot match an HTTP request, so its pcre does not matter.
    const rules = 'drop tls $HOME_NET any -> any any (tls.sni; pcre:"/evil/"; sid:1;)';
    expect(verdictOf(strict(rules), toHost('a.example.com', 80, SERVER))[0]).toBe('PASS');
  });

  it('is UNKNOWN when a rule that does not parse could see the connection, naming the rule', () => {
    const rules = 'drop tcp any any -> any any (msg:"no semicolon" sid:1)';
    expect(verdictOf(strict(rules), toHost('a.example.com', 443, SERVER))[1]).toBe(
      `reason: the rule 'drop tcp any any -> any any (msg:"no semicolon" sid:1)' (Rules) would see the SYN, but the rule does not parse: the option 'msg:"no semicolon" sid:1' does not end with ';'`,
    );
  });

  it('does not reach a rule it cannot read when an earlier rule already decided the connection', () => {
    const rules = [
      'pass ip any any -> any any (msg:"all"; sid:1;)',
      'drop tcp any any -> any any (msg:"broken" sid:2)',
    ].join('\n');
    expect(verdictOf(strict(rules), toHost('a.example.com', 443, SERVER))[0]).toBe('PASS');
  });

  it('is UNKNOWN when a rule group the policy references is not in the templates', () => {
    const model = firewallModel([], {
      statefulRuleGroups: [
        {
          ruleGroupId: unknown(
            "'arn:aws:network-firewall:eu-central-1:aws-managed:stateful-rulegroup/MalwareDomainsStrictOrder' names a resource outside the assembly",
          ),
          priority: 1,
        },
      ],
    });
    expect(verdictOf(model, toHost('a.example.com', 443, SERVER))[1]).toBe(
      "reason: a stateful rule group (Policy) would see the SYN, but it is not known: 'arn:aws:network-firewall:eu-central-1:aws-managed:stateful-rulegroup/MalwareDomainsStrictOrder' names a resource outside the assembly",
    );
  });
});
