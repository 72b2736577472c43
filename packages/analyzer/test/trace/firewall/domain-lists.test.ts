import { describe, expect, it } from 'vitest';
import { domainListRules } from '../../../src/model/suricata/generated-rules.js';
import { firewallModel, rulesGroup, toHost, verdictOf } from './support.js';

const SERVER = '203.0.113.10';

/** A domain list rule group under drop-established, as the guide recommends for strict order. */
const domainList = (type: 'ALLOWLIST' | 'DENYLIST', targets: string[]) =>
  firewallModel(
    [
      rulesGroup(
        'Domains',
        domainListRules(type, ['TLS_SNI', 'HTTP_HOST'], targets).join('\n'),
        {},
        {
          generatedRulesType: type,
        },
      ),
    ],
    { statefulDefaultActions: type === 'ALLOWLIST' ? ['aws:drop_established'] : [] },
  );

const verdict = (model: ReturnType<typeof domainList>, hostname: string, port = 443): string =>
  verdictOf(model, toHost(hostname, port, SERVER))[0] ?? '';

describe('domain list rule groups', () => {
  it('lets `.example.com` match example.com and its subdomains, and nothing that merely ends alike', () => {
    // https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_RulesSourceList.html
    const allow = domainList('ALLOWLIST', ['.example.com']);
    expect(['example.com', 'api.example.com', 'a.b.example.com'].map((name) => verdict(allow, name))).toEqual(
      ['PASS', 'PASS', 'PASS'],
    );
    expect(['badexample.com', 'example.com.evil.net'].map((name) => verdict(allow, name))).toEqual([
      'DROP',
      'DROP',
    ]);
  });

  it('lets an explicit name match only itself, in any case for TLS', () => {
    const allow = domainList('ALLOWLIST', ['example.com']);
    expect(['example.com', 'EXAMPLE.com', 'www.example.com'].map((name) => verdict(allow, name))).toEqual([
      'PASS',
      'PASS',
      'DROP',
    ]);
  });

  it('matches the HTTP Host on the normalised, lower-case host name', () => {
    const allow = domainList('ALLOWLIST', ['.example.com']);
    expect(verdict(allow, 'WWW.Example.com', 80)).toBe('PASS');
    expect(verdictOf(allow, toHost('example.org', 80, SERVER))[1]).toBe(
      "reason: rule sid 4 'not matching any HTTP allowlisted FQDNs' (Domains) drops the HTTP request (Host example.org)",
    );
  });

  it('drops only the listed names of a deny list', () => {
    const deny = domainList('DENYLIST', ['evil.com']);
    expect(verdict(deny, 'evil.com')).toBe('DROP');
    expect(verdict(deny, 'evil.com', 80)).toBe('DROP');
    expect(verdict(deny, 'www.evil.com')).toBe('PASS');
  });
});
