import type * as nfw from 'aws-cdk-lib/aws-networkfirewall';

export interface EgressDomainRule {
  readonly domain: string;
  readonly port: number;
  readonly action: 'PASS' | 'DROP';
}

export interface EgressIpRule {
  readonly destination: string;
  readonly port: number;
  readonly protocol: 'TCP' | 'UDP';
  readonly action: 'PASS' | 'DROP';
  readonly description?: string | undefined;
}

/** Port 80 is matched on the HTTP Host header; any other port on the TLS SNI. */
const HTTP_PORT = 80;
/** Suricata signature IDs: 1xxxxx for IP rules, 2xxxxx for domain rules, so a log line names its family. */
const IP_RULE_SID_BASE = 100_001;
const DOMAIN_RULE_SID_BASE = 200_001;

/**
 * The domain rules as Suricata-compatible rules, one per domain.
 *
 * Why rule strings and not a domain-list rule group (RulesSourceList): a domain list has one action and
 * one set of target types for all its domains, while the config gives each domain its own action and
 * port; and each rule here carries a `msg` naming the domain, so an alert or a trace reads
 * "allow api.binance.com". `flow:to_server` with the `aws:drop_established` default lets the handshake
 * through so the SNI can be seen (https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-examples.html).
 * A leading "*." becomes AWS's `dotprefix` form, which matches the domain and every subdomain.
 */
export function domainRulesString(rules: readonly EgressDomainRule[]): string {
  return rules
    .map((rule, index) => {
      const isHttp = rule.port === HTTP_PORT;
      const protocol = isHttp ? 'http' : 'tls';
      const buffer = isHttp ? 'http.host' : 'tls.sni';
      const wildcard = rule.domain.startsWith('*.');
      const match = wildcard
        ? `dotprefix; content:"${rule.domain.slice(1)}"; endswith; nocase;`
        : `content:"${rule.domain}"; startswith; endswith; nocase;`;
      const verb = rule.action === 'PASS' ? 'allow' : 'deny';
      const action = rule.action === 'PASS' ? 'pass' : 'drop';
      return `${action} ${protocol} $HOME_NET any -> $EXTERNAL_NET ${rule.port} (${buffer}; ${match} msg:"${verb} ${rule.domain}"; flow:to_server; sid:${DOMAIN_RULE_SID_BASE + index}; rev:1;)`;
    })
    .join('\n');
}

/** The IP:port rules as structured 5-tuple stateful rules, each with a message naming it. */
export function ipStatefulRules(rules: readonly EgressIpRule[]): nfw.CfnRuleGroup.StatefulRuleProperty[] {
  return rules.map((rule, index) => {
    const verb = rule.action === 'PASS' ? 'allow' : 'deny';
    const message =
      rule.description ?? `${verb} ${rule.destination}:${rule.port}/${rule.protocol.toLowerCase()}`;
    return {
      action: rule.action,
      header: {
        protocol: rule.protocol,
        source: '$HOME_NET',
        sourcePort: 'ANY',
        direction: 'FORWARD',
        destination: rule.destination,
        destinationPort: String(rule.port),
      },
      ruleOptions: [
        { keyword: 'msg', settings: [JSON.stringify(message.replaceAll(/[";]/g, "'"))] },
        { keyword: 'sid', settings: [String(IP_RULE_SID_BASE + index)] },
      ],
    };
  });
}
