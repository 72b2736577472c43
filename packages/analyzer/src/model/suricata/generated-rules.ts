/**
 * The Suricata rules Network Firewall generates from the two structured forms of a stateful rule group, so
 * that every stateful rule is evaluated the same way.
 */

export type DomainTargetType = 'TLS_SNI' | 'HTTP_HOST';

/**
 * A domain list as the rules AWS documents for it ("Stateful rules examples: domain list rules"): for an
 * allow list, a pass rule per target and then a drop of any other TLS ClientHello / HTTP request; for a deny
 * list, a drop rule per target. A leading `.` in a target (`.example.com`) matches the domain and its
 * subdomains (`dotprefix ... endswith`); any other target only itself (`startswith ... endswith`).
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-examples.html
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/stateful-rule-groups-domain-names.html
 */
export function domainListRules(
  generatedRulesType: 'ALLOWLIST' | 'DENYLIST',
  targetTypes: readonly DomainTargetType[],
  targets: readonly string[],
): string[] {
  const allow = generatedRulesType === 'ALLOWLIST';
  const listed = allow ? 'allowlisted' : 'denylisted';
  const rules: string[] = [];
  const add = (body: string): void => {
    rules.push(`${body} flow:to_server, established; sid:${rules.length + 1}; rev:1;)`);
  };
  for (const type of targetTypes) {
    const tls = type === 'TLS_SNI';
    const protocol = tls ? 'tls' : 'http';
    const head = `${allow ? 'pass' : 'drop'} ${protocol} $HOME_NET any -> $EXTERNAL_NET any (`;
    for (const target of targets) {
      const match = target.startsWith('.')
        ? `dotprefix; content:"${target}";${tls ? ' nocase;' : ''} endswith;`
        : `content:"${target}"; startswith;${tls ? ' nocase;' : ''} endswith;`;
      const buffer = tls ? 'ssl_state:client_hello; tls.sni;' : 'http.host;';
      add(`${head}${buffer} ${match} msg:"matching ${tls ? 'TLS' : 'HTTP'} ${listed} FQDNs"; priority:1;`);
    }
    if (allow) {
      add(
        tls
          ? 'drop tls $HOME_NET any -> $EXTERNAL_NET any (msg:"not matching any TLS allowlisted FQDNs"; priority:1; ssl_state:client_hello;'
          : 'drop http $HOME_NET any -> $EXTERNAL_NET any (http.header_names; content:"|0d 0a|"; startswith; msg:"not matching any HTTP allowlisted FQDNs"; priority:1;',
      );
    }
  }
  return rules;
}

/** A `StatefulRules` entry of a rule group: the 5-tuple header and the options by keyword. */
export interface FiveTupleRule {
  readonly action: string;
  readonly protocol: string;
  readonly source: string;
  readonly sourcePort: string;
  /** `FORWARD` (`->`) or `ANY` (`<>`). */
  readonly direction: string;
  readonly destination: string;
  readonly destinationPort: string;
  readonly options: readonly { readonly keyword: string; readonly settings: readonly string[] }[];
}

/**
 * The Suricata rule AWS generates for a standard stateful rule, as in the guide's example
 * (`drop http $HOME_NET ANY <> $EXTERNAL_NET ANY (msg:...; sid:1234;)`): direction `ANY` becomes `<>`.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-examples.html
 * https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_Header.html
 */
export function fiveTupleRuleText(rule: FiveTupleRule): string {
  const direction = rule.direction.toUpperCase() === 'ANY' ? '<>' : '->';
  const options = rule.options
    .map(({ keyword, settings }) =>
      settings.length === 0 ? `${keyword};` : `${keyword}:${settings.join(',')};`,
    )
    .join(' ');
  return `${rule.action.toLowerCase()} ${rule.protocol.toLowerCase()} ${rule.source} ${rule.sourcePort} ${direction} ${rule.destination} ${rule.destinationPort} (${options})`;
}
