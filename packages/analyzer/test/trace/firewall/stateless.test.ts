import { describe, expect, it } from 'vitest';
import {
  known,
  type StatelessMatch,
  type StatelessRule,
  type StatelessRuleGroup,
} from '../../../src/model/types.js';
import { src } from '../../invariants/support/model-builder.js';
import { firewallModel, rulesGroup, toHost, verdictOf } from './support.js';

const SERVER = '203.0.113.10';

const rule = (priority: number, actions: string[], match: Partial<StatelessMatch>): StatelessRule => ({
  priority,
  actions,
  match: known({
    sources: [],
    destinations: [],
    sourcePorts: [],
    destinationPorts: [],
    protocols: [],
    tcpFlags: [],
    ...match,
  }),
});

const statelessGroup = (rules: StatelessRule[]): StatelessRuleGroup => ({
  id: 'Net/Stateless',
  source: src('Stateless', 'AWS::NetworkFirewall::RuleGroup'),
  kind: 'STATELESS',
  rules,
  customActions: [{ name: 'Counted', dimensions: ['https'] }],
});

const HTTPS_OUT = rule(10, ['aws:pass', 'Counted'], {
  sources: [known('10.0.0.0/16')],
  destinationPorts: [{ first: 443, last: 443 }],
  protocols: [6],
});

describe('stateless rule groups', () => {
  it('looks at every packet alone: a pass for the requests only leaves the replies to the default drop', () => {
    // https://docs.aws.amazon.com/network-firewall/latest/developerguide/stateless-rule-groups-standard.html
    const model = firewallModel([statelessGroup([HTTPS_OUT])], { statelessDefaultActions: ['aws:drop'] });
    expect(verdictOf(model, toHost('a.example.com', 443, SERVER))).toEqual([
      'DROP',
      'reason: stateless default action aws:drop drops the SYN-ACK',
      'DROP SYN-ACK: stateless default action aws:drop drops it',
    ]);
  });

  it('passes a connection whose every packet a stateless rule passes; a custom action only publishes a metric', () => {
    const replies = rule(20, ['aws:pass'], {
      destinations: [known('10.0.0.0/16')],
      sourcePorts: [{ first: 443, last: 443 }],
      protocols: [6],
    });
    const model = firewallModel([statelessGroup([HTTPS_OUT, replies])], {
      statelessDefaultActions: ['aws:drop'],
    });
    expect(verdictOf(model, toHost('a.example.com', 443, SERVER))).toEqual([
      'PASS',
      'PASS stateless rule 10 (Stateless) passes every packet, without stateful inspection',
    ]);
  });

  it('hands forwarded packets to the stateful engine', () => {
    const forward = rule(10, ['aws:forward_to_sfe'], { protocols: [6] });
    const model = firewallModel(
      [
        statelessGroup([forward]),
        rulesGroup('Rules', 'drop tcp any any -> any 443 (msg:"no https"; sid:1;)'),
      ],
      { statelessDefaultActions: ['aws:drop'], statefulDefaultActions: [] },
    );
    expect(verdictOf(model, toHost('a.example.com', 443, SERVER))[1]).toBe(
      "reason: rule sid 1 'no https' (Rules) drops the SYN",
    );
  });

  it('drops by TCP flags within the mask: a SYN without ACK', () => {
    const syn = rule(5, ['aws:drop'], { tcpFlags: [{ flags: ['SYN'], masks: ['SYN', 'ACK'] }] });
    const model = firewallModel([statelessGroup([syn])], { statelessDefaultActions: ['aws:pass'] });
    expect(verdictOf(model, toHost('a.example.com', 443, SERVER))[1]).toBe(
      'reason: stateless rule 5 (Stateless) drops the SYN',
    );
  });

  it('does not decide a flag it cannot know, such as PSH on a data packet', () => {
    const push = rule(5, ['aws:drop'], { tcpFlags: [{ flags: ['PSH'], masks: ['PSH'] }] });
    const model = firewallModel([statelessGroup([push])], { statelessDefaultActions: ['aws:pass'] });
    expect(verdictOf(model, toHost('a.example.com', 443, SERVER))[1]).toBe(
      'reason: stateless rule 5 (Stateless) may match the TLS ClientHello (SNI a.example.com): Moat does not know whether the TLS ClientHello (SNI a.example.com) has PSH set',
    );
  });

  it('does not guess how several TCPFlags entries combine when they disagree on a packet', () => {
    const either = rule(5, ['aws:drop'], {
      tcpFlags: [
        { flags: ['SYN'], masks: ['SYN'] },
        { flags: ['ACK'], masks: ['ACK'] },
      ],
    });
    const model = firewallModel([statelessGroup([either])], { statelessDefaultActions: ['aws:pass'] });
    expect(verdictOf(model, toHost('a.example.com', 443, SERVER))[1]).toBe(
      'reason: stateless rule 5 (Stateless) may match the SYN: several TCPFlags entries disagree, and AWS does not document how they combine',
    );
  });

  it('forwards by the full-packet default whatever custom action it names; the fragment default does not apply to whole packets', () => {
    // https://docs.aws.amazon.com/network-firewall/latest/developerguide/stateless-default-actions.html
    const model = firewallModel(
      [rulesGroup('Rules', 'drop tcp any any -> any 443 (msg:"no https"; sid:1;)')],
      {
        statelessDefaultActions: ['aws:forward_to_sfe', 'Seen'],
        statelessFragmentDefaultActions: ['aws:pass'],
        statelessCustomActions: [{ name: 'Seen', dimensions: ['all'] }],
        statefulDefaultActions: [],
      },
    );
    expect(verdictOf(model, toHost('a.example.com', 443, SERVER))[1]).toBe(
      "reason: rule sid 1 'no https' (Rules) drops the SYN",
    );
  });

  it('does not model a connection part of which skips the stateful engine', () => {
    const model = firewallModel([statelessGroup([HTTPS_OUT])], {
      statelessDefaultActions: ['aws:forward_to_sfe'],
    });
    expect(verdictOf(model, toHost('a.example.com', 443, SERVER))[1]).toBe(
      'reason: stateless rule 10 (Stateless) passes the SYN past the stateful engine but forwards other packets of the connection to it, which then sees only part of the connection; Moat does not model that',
    );
  });
});
