import { describe, expect, it } from 'vitest';
import { firewallModel, rulesGroup, toHost, verdictOf } from './support.js';

const SNI_PASS =
  'pass tls $HOME_NET any -> $EXTERNAL_NET 443 (tls.sni; content:"api.example.com"; startswith; endswith; msg:"allow api.example.com"; flow:to_server; sid:1;)';
/** The guide's strict-order handshake rule ("Allow HTTP traffic to specific domains only and deny all other IP traffic"). */
const HANDSHAKE =
  'pass tcp $HOME_NET any <> $EXTERNAL_NET 443 (flow:not_established; msg:"handshake"; sid:2;)';

const strict = (rules: string, defaults: string[]) =>
  firewallModel([rulesGroup('Rules', rules)], { statefulDefaultActions: defaults });

describe('stateful default actions (strict order)', () => {
  it('lets the handshake through under aws:drop_established, so the SNI rule passes the connection', () => {
    expect(verdictOf(strict(SNI_PASS, ['aws:drop_established']), toHost('api.example.com'))).toEqual([
      'PASS',
      "PASS TLS ClientHello (SNI api.example.com): rule sid 1 'allow api.example.com' (Rules) passes the connection",
    ]);
  });

  it('drops an established packet no rule passes under aws:drop_established', () => {
    expect(verdictOf(strict(SNI_PASS, ['aws:drop_established']), toHost('www.example.org'))[1]).toBe(
      'reason: no rule of Policy passes the TLS ClientHello (SNI www.example.org), and its default action aws:drop_established drops established packets no rule passes',
    );
  });

  it('drops the SYN under aws:drop_strict before the SNI can be seen, unless a rule passes the handshake', () => {
    expect(verdictOf(strict(SNI_PASS, ['aws:drop_strict']), toHost('api.example.com')).slice(0, 2)).toEqual([
      'DROP',
      'reason: no rule of Policy passes the SYN, and its default action aws:drop_strict drops every packet no rule passes',
    ]);
    expect(
      verdictOf(strict(`${SNI_PASS}\n${HANDSHAKE}`, ['aws:drop_strict']), toHost('api.example.com')),
    ).toEqual([
      'PASS',
      "PASS SYN: rule sid 2 'handshake' (Rules) passes this packet only",
      "PASS SYN-ACK: rule sid 2 'handshake' (Rules) passes this packet only",
      "PASS ACK: rule sid 2 'handshake' (Rules) passes this packet only",
      "PASS TLS ClientHello (SNI api.example.com): rule sid 1 'allow api.example.com' (Rules) passes the connection",
    ]);
  });

  it('treats the application-layer drop established like drop established for a ClientHello', () => {
    expect(
      verdictOf(strict(SNI_PASS, ['aws:drop_established_app_layer']), toHost('api.example.com'))[0],
    ).toBe('PASS');
    expect(
      verdictOf(strict(SNI_PASS, ['aws:drop_established_app_layer']), toHost('www.example.org'))[0],
    ).toBe('DROP');
  });

  it('only logs under the alert default actions', () => {
    for (const defaults of [['aws:alert_strict'], ['aws:alert_established'], []]) {
      expect(verdictOf(strict(SNI_PASS, defaults), toHost('www.example.org'))[0]).toBe('PASS');
    }
    expect(verdictOf(strict(SNI_PASS, ['aws:alert_established']), toHost('www.example.org')).at(-1)).toBe(
      'PASS no rule drops a packet of the connection; its default actions (aws:alert_established) drop none of its packets',
    );
  });

  it('does not guess a default action it does not model', () => {
    expect(
      verdictOf(
        strict(SNI_PASS, ['aws:drop_established_app_layer_to_server']),
        toHost('api.example.com'),
      ).slice(0, 2),
    ).toEqual([
      'UNKNOWN',
      'reason: no rule decides the SYN, and Moat does not model the default action aws:drop_established_app_layer_to_server',
    ]);
  });

  it('drops UDP no rule passes under aws:drop_established, as it does all packets of connectionless protocols', () => {
    const udp = strict('pass udp $HOME_NET any -> 198.51.100.53 53 (msg:"resolver"; sid:5;)', [
      'aws:drop_established',
    ]);
    const request = (ip: string) => ({
      ...toHost(ip, 53, ip),
      protocol: 'udp' as const,
      hostname: undefined,
    });
    expect(verdictOf(udp, request('198.51.100.53'))[0]).toBe('PASS');
    expect(verdictOf(udp, request('198.51.100.54'))[1]).toBe(
      'reason: no rule of Policy passes the request, and its default action aws:drop_established drops UDP packets no rule passes',
    );
  });
});

describe('what a pass passes', () => {
  it('passes only the packet when the rule is a packet rule: under drop_strict the reply then has no pass', () => {
    // An application-protocol header with a flow keyword and no buffer is a packet rule in Suricata 7.
    const rules = `pass tls $HOME_NET any -> $EXTERNAL_NET 443 (flow:to_server; msg:"tls out"; sid:1;)\n${HANDSHAKE}`;
    expect(verdictOf(strict(rules, ['aws:drop_strict']), toHost('api.example.com')).slice(-2)).toEqual([
      "PASS TLS ClientHello (SNI api.example.com): rule sid 1 'tls out' (Rules) passes this packet only",
      'DROP reply: no rule passes it; default action aws:drop_strict drops every packet no rule passes',
    ]);
    expect(verdictOf(strict(rules, ['aws:drop_established']), toHost('api.example.com'))[0]).toBe('PASS');
  });

  it('passes the whole connection at its first packet with an IP-only rule, before a TLS rule can see the SNI', () => {
    const rules = [
      'drop tls $HOME_NET any -> $EXTERNAL_NET 443 (tls.sni; content:"blocked.example.com"; startswith; endswith; msg:"blocked"; sid:1;)',
      'pass tcp $HOME_NET any -> $EXTERNAL_NET 443 (msg:"any https"; sid:2;)',
    ].join('\n');
    for (const ruleOrder of ['STRICT_ORDER', 'DEFAULT_ACTION_ORDER'] as const) {
      const model = firewallModel([rulesGroup('Rules', rules)], { ruleOrder, statefulDefaultActions: [] });
      expect(verdictOf(model, toHost('blocked.example.com'))).toEqual([
        'PASS',
        "PASS SYN: rule sid 2 'any https' (Rules) passes the connection",
      ]);
    }
  });

  it('evaluates an IP-only rule on the first packet of each direction only, unless an address is negated', () => {
    // https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-limitations-caveats.html
    const handshake =
      'pass tcp $HOME_NET any -> any any (flow:not_established, to_server; msg:"handshake out"; sid:1;)';
    const ipOnly = strict(`${handshake}\ndrop tcp $HOME_NET any -> any any (msg:"ip-only drop"; sid:2;)`, []);
    expect(verdictOf(ipOnly, toHost('api.example.com'))[0]).toBe('PASS');
    // $EXTERNAL_NET is !$HOME_NET: Suricata then evaluates the rule on every packet.
    const negated = strict(
      `${handshake}\ndrop tcp $HOME_NET any -> $EXTERNAL_NET any (msg:"drop out"; sid:2;)`,
      [],
    );
    expect(verdictOf(negated, toHost('api.example.com'))[1]).toBe(
      "reason: rule sid 2 'drop out' (Rules) drops the TLS ClientHello (SNI api.example.com)",
    );
  });
});

describe('action order', () => {
  const actionOrder = (rules: string) =>
    firewallModel([rulesGroup('Rules', rules)], {
      ruleOrder: 'DEFAULT_ACTION_ORDER',
      statefulDefaultActions: [],
    });

  it('evaluates pass rules before drop and reject rules, wherever they are written', () => {
    const rules = [
      'reject tls $HOME_NET any -> $EXTERNAL_NET any (msg:"no tls"; flow:to_server; sid:1;)',
      SNI_PASS,
    ].join('\n');
    expect(verdictOf(actionOrder(rules), toHost('api.example.com'))[0]).toBe('PASS');
    expect(verdictOf(actionOrder(rules), toHost('www.example.org')).slice(0, 2)).toEqual([
      'DROP',
      "reason: rule sid 1 'no tls' (Rules) rejects the TLS ClientHello (SNI www.example.org)",
    ]);
  });

  it('lets alerts go on, and passes what no rule drops', () => {
    expect(
      verdictOf(
        actionOrder('alert ip any any -> any any (msg:"everything"; sid:1;)'),
        toHost('a.example.com'),
      ),
    ).toEqual([
      'PASS',
      'PASS no rule drops a packet of the connection; action order passes what no rule drops',
    ]);
  });

  it('does not decide flowbits checks, whose order Suricata changes under action order', () => {
    const rules =
      'drop tcp $HOME_NET any -> any 443 (flowbits:isnotset,ok; flow:to_server, established; sid:1;)';
    expect(verdictOf(actionOrder(rules), toHost('a.example.com'))[1]).toBe(
      'reason: rule sid 1 (drop tcp $HOME_NET any -> any 443 (flowbits:isnotset,ok; flow:to_server, established; s...) (Rules) may match the TLS ClientHello (SNI a.example.com): flowbits under action order: Suricata reorders the rules that set and check them; if it does, the connection is dropped, otherwise the connection passes',
    );
  });
});

describe('flowbits, overrides and rejects', () => {
  it('sets a flowbit with a matching alert and checks it in a later rule (strict order)', () => {
    const rules = [
      'alert tls $HOME_NET any -> any 443 (tls.sni; content:"a.example.com"; startswith; endswith; flowbits:set,ok; noalert; flow:to_server; sid:1;)',
      'pass tcp $HOME_NET any -> any 443 (flowbits:isset,ok; flow:to_server, established; msg:"marked"; sid:2;)',
    ].join('\n');
    const model = strict(rules, ['aws:drop_established']);
    expect(verdictOf(model, toHost('a.example.com')).slice(0, 2)).toEqual([
      'PASS',
      "PASS TLS ClientHello (SNI a.example.com): rule sid 2 'marked' (Rules) passes this packet only",
    ]);
    expect(verdictOf(model, toHost('b.example.com'))[0]).toBe('DROP');
  });

  it("turns a group's drops into alerts with the DROP_TO_ALERT override", () => {
    const group = rulesGroup(
      'Managed',
      'drop tls $HOME_NET any -> any any (msg:"all tls"; flow:to_server; sid:1;)',
    );
    const model = firewallModel([group], {
      statefulDefaultActions: [],
      statefulRuleGroups: [{ ruleGroupId: { known: true, value: group.id }, priority: 1, dropToAlert: true }],
    });
    expect(verdictOf(model, toHost('a.example.com'))[0]).toBe('PASS');
  });
});
