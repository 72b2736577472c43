import { describe, expect, it } from 'vitest';
import { known, unknown } from '../../../src/model/types.js';
import { src } from '../../invariants/support/model-builder.js';
import { firewallModel, rulesGroup, toHost, verdictOf } from './support.js';

const PRIVATE_HOST = '10.0.2.5';
/** Outside the inspection VPC, so the reply's first packet is not from HOME_NET. */
const OUTSIDE_HOST = '192.0.2.5';

describe('rule variables', () => {
  it("takes EXTERNAL_NET from the policy's HOME_NET even when the rule group sets its own HOME_NET", () => {
    // The guide's caveat: a group's EXTERNAL_NET is the negation of the policy's HOME_NET, whatever the
    // group's HOME_NET. https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-limitations-caveats.html
    const group = rulesGroup('Rules', 'drop ip $HOME_NET any -> $EXTERNAL_NET any (msg:"out"; sid:1;)', {
      ipSets: { HOME_NET: ['10.0.0.0/8'] },
    });
    const model = firewallModel([group], { statefulDefaultActions: [], homeNet: [known('10.0.1.0/24')] });
    expect(verdictOf(model, toHost('internal.example.com', 443, PRIVATE_HOST))[1]).toBe(
      "reason: rule sid 1 'out' (Rules) drops the SYN",
    );
  });

  it("defaults HOME_NET to the inspection VPC's CIDR, so a spoke outside it does not match", () => {
    const rules = 'drop ip $HOME_NET any -> any any (msg:"from home"; sid:1;)';
    const model = firewallModel([rulesGroup('Rules', rules)], { statefulDefaultActions: [] });
    expect(verdictOf(model, toHost('a.example.com'))[0]).toBe('DROP');
    const spoke = {
      ...toHost('a.example.com'),
      source: { kind: 'private' as const, range: { first: 0x0a010000, last: 0x0a0100ff }, label: 'Spoke' },
    };
    expect(verdictOf(model, spoke)[0]).toBe('PASS');
  });

  it('reads port sets and IP sets of the rule group', () => {
    const group = rulesGroup(
      'Rules',
      'drop tcp $HOME_NET any -> $WEB_SERVERS $WEB_PORTS (msg:"web"; sid:1;)',
      { ipSets: { WEB_SERVERS: ['10.0.2.0/24', '10.0.3.7'] }, portSets: { WEB_PORTS: ['80', '8000:8100'] } },
    );
    const model = firewallModel([group], { statefulDefaultActions: [] });
    expect(verdictOf(model, toHost('web', 8080, PRIVATE_HOST))[0]).toBe('DROP');
    expect(verdictOf(model, toHost('web', 443, PRIVATE_HOST))[0]).toBe('PASS');
    expect(verdictOf(model, toHost('web', 80, '10.0.4.1'))[0]).toBe('PASS');
  });

  it('makes a flow UNKNOWN on a variable the rule group does not define, naming it', () => {
    const group = rulesGroup('Rules', 'drop tcp $HOME_NET any -> $WEB_SERVERS any (msg:"web"; sid:1;)');
    const model = firewallModel([group], { statefulDefaultActions: [] });
    expect(verdictOf(model, toHost('web', 443, OUTSIDE_HOST))[1]).toBe(
      "reason: rule sid 1 'web' (Rules) may match the SYN: whether 192.0.2.5 is in $WEB_SERVERS; Rules does not define $WEB_SERVERS, and Network Firewall needs every variable a rule uses defined in its rule group; if it does, the connection is dropped, otherwise the connection passes",
    );
  });

  it('resolves an IP set reference to a prefix list of the templates, and leaves any other UNKNOWN', () => {
    const rules = 'drop tcp $HOME_NET any -> @PARTNERS any (msg:"partners"; sid:1;)';
    const withPrefixList = firewallModel(
      [rulesGroup('Rules', rules, {}, { ipSetReferences: { PARTNERS: known('Net/Partners') } })],
      { statefulDefaultActions: [] },
      {
        prefixLists: [
          {
            id: 'Net/Partners',
            source: src('Partners', 'AWS::EC2::PrefixList'),
            name: known('partners'),
            cidrs: [known('10.0.2.0/24')],
          },
        ],
      },
    );
    expect(verdictOf(withPrefixList, toHost('partner', 443, PRIVATE_HOST))[0]).toBe('DROP');
    const outside = firewallModel(
      [
        rulesGroup(
          'Rules',
          rules,
          {},
          {
            ipSetReferences: {
              PARTNERS: unknown(
                "'arn:aws:ec2:eu-central-1:111111111111:prefix-list/pl-1' names a resource outside the assembly",
              ),
            },
          },
        ),
      ],
      { statefulDefaultActions: [] },
    );
    expect(verdictOf(outside, toHost('partner', 443, OUTSIDE_HOST))[1]).toBe(
      "reason: rule sid 1 'partners' (Rules) may match the SYN: whether 192.0.2.5 is in @PARTNERS; the prefix list of @PARTNERS is not known: 'arn:aws:ec2:eu-central-1:111111111111:prefix-list/pl-1' names a resource outside the assembly; if it does, the connection is dropped, otherwise the connection passes",
    );
  });
});
