/**
 * A Suricata rule as written, parsed but not interpreted: what `parse-rule.ts` produces and the firewall
 * evaluation (`analyses/trace/firewall/`) gives meaning to.
 * Rule format: https://docs.suricata.io/en/suricata-7.0.8/rules/intro.html
 */

/**
 * `alert`, `pass`, `drop`, and the `reject` family (`rejectsrc` is the same as `reject`; in IPS mode every
 * reject also drops). https://docs.suricata.io/en/suricata-7.0.8/rules/intro.html#action
 */
export type RuleAction = 'alert' | 'pass' | 'drop' | 'reject' | 'rejectsrc' | 'rejectdst' | 'rejectboth';

/**
 * An explicit action scope (`drop:flow`, `pass:packet`), Suricata 8's syntax for pass and drop.
 * https://docs.suricata.io/en/suricata-8.0.3/firewall/firewall-design.html#actions-and-action-scopes
 */
export type ActionScope = 'packet' | 'flow';

/** `->` matches packets in the written direction only; `<>` either way. */
export type Direction = '->' | '<>';

/** Source or destination: `any`, a CIDR or range, `$VARIABLE`, `@IP_SET_REFERENCE`, a group, a negation. */
export type AddressSpec =
  | { readonly kind: 'any' }
  /** An IPv4 address, CIDR block or `first-last` range, as inclusive 32-bit bounds. */
  | { readonly kind: 'ipv4'; readonly text: string; readonly first: number; readonly last: number }
  /** An IPv6 address or block: it never holds the IPv4 addresses Moat traces. */
  | { readonly kind: 'ipv6'; readonly text: string }
  | { readonly kind: 'variable'; readonly name: string }
  /** Network Firewall's IP set reference (`@NAME`), resolved from the rule group's `ReferenceSets`. */
  | { readonly kind: 'reference'; readonly name: string }
  | { readonly kind: 'group'; readonly items: readonly AddressSpec[] }
  | { readonly kind: 'not'; readonly spec: AddressSpec };

/** Ports: `any`, a port or `from:to` range (either end may be open), `$VARIABLE`, a group, a negation. */
export type PortSpec =
  | { readonly kind: 'any' }
  | { readonly kind: 'range'; readonly first: number; readonly last: number }
  | { readonly kind: 'variable'; readonly name: string }
  | { readonly kind: 'group'; readonly items: readonly PortSpec[] }
  | { readonly kind: 'not'; readonly spec: PortSpec };

/** The `flow` keyword's settings. https://docs.suricata.io/en/suricata-7.0.8/rules/flow-keywords.html#flow */
export type FlowSetting =
  | 'to_server'
  | 'to_client'
  | 'established'
  | 'not_established'
  | 'stateless'
  | 'only_stream'
  | 'no_stream'
  | 'only_frag'
  | 'no_frag';

/** A `content` match and the modifiers that follow it. https://docs.suricata.io/en/suricata-7.0.8/rules/payload-keywords.html */
export interface ContentMatch {
  /** The bytes to find, `|hex|` segments and escapes decoded, as a latin-1 string. */
  readonly pattern: string;
  readonly negated: boolean;
  readonly nocase: boolean;
  readonly startswith: boolean;
  readonly endswith: boolean;
  readonly offset?: number;
  readonly depth?: number;
  readonly distance?: number;
  readonly within?: number;
}

export type FlowbitsCommand = 'set' | 'unset' | 'toggle' | 'isset' | 'isnotset' | 'noalert';

/** One rule option, typed where Moat gives it meaning; the rest keep their keyword and raw value. */
export type RuleOption =
  | { readonly kind: 'flow'; readonly settings: readonly FlowSetting[] }
  /** A sticky buffer (`tls.sni`, `http.host`, ...): the contents that follow inspect it. */
  | { readonly kind: 'buffer'; readonly name: string }
  /** A transform of the current sticky buffer (`dotprefix`, `to_lowercase`, ...). */
  | { readonly kind: 'transform'; readonly name: string }
  | { readonly kind: 'content'; readonly match: ContentMatch }
  /**
   * `flowbits`: `names` are joined by `|` (any of) or `&` (all of) for the checks.
   * https://docs.suricata.io/en/suricata-7.0.8/rules/flow-keywords.html#flowbits
   */
  | {
      readonly kind: 'flowbits';
      readonly command: FlowbitsCommand;
      readonly names: readonly string[];
      readonly join: 'any' | 'all';
    }
  /** `ip_proto:[!]<name or number>`. https://docs.suricata.io/en/suricata-7.0.8/rules/header-keywords.html#ip-proto */
  | { readonly kind: 'ip-proto'; readonly negated: boolean; readonly protocol: number }
  /** `app-layer-protocol:[!]<name>`. https://docs.suricata.io/en/suricata-7.0.8/rules/app-layer.html */
  | { readonly kind: 'app-layer-protocol'; readonly negated: boolean; readonly protocol: string }
  /** `ssl_state:<state>[|<state>]`, `!` negates a state. https://docs.suricata.io/en/suricata-7.0.8/rules/tls-keywords.html#ssl-state */
  | { readonly kind: 'ssl-state'; readonly states: readonly { state: string; negated: boolean }[] }
  /** Rule metadata that does not change what matches: msg, sid, rev, classtype, metadata, priority ... */
  | { readonly kind: 'meta'; readonly keyword: string; readonly value?: string }
  /** Any other keyword (pcre, geoip, dsize, ...): kept as written. */
  | { readonly kind: 'other'; readonly keyword: string; readonly value?: string };

export interface SuricataRule {
  readonly action: RuleAction;
  readonly scope?: ActionScope;
  /** Lower case: `ip`, `tcp`, `udp`, `icmp`, or an application protocol (`tls`, `http`, `dns`, ...). */
  readonly protocol: string;
  readonly source: AddressSpec;
  readonly sourcePorts: PortSpec;
  readonly direction: Direction;
  readonly destination: AddressSpec;
  readonly destinationPorts: PortSpec;
  readonly options: readonly RuleOption[];
  readonly sid?: number;
  readonly msg?: string;
}
