import type { NetworkModel } from '../../../model/types.js';
import type { Finding } from '../../types.js';
import { type Rule, violation } from '../rule.js';

/** https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-rule-evaluation-order.html */
const DROP_ACTIONS = ['aws:drop_strict', 'aws:drop_established'];

export const net008: Rule = {
  id: 'NET008',
  title: "The firewall policy's stateful default action drops",
  rationale:
    'An allow list only controls egress when what it does not allow is dropped. With strict rule order the ' +
    'stateful default action decides the traffic no rule matched; anything but a drop lets it out.',
  severity: 'error',
  fix: 'Set StatefulDefaultActions to ["aws:drop_established"] (or aws:drop_strict) in the AWS::NetworkFirewall::FirewallPolicy.',
  check(model: NetworkModel): readonly Finding[] {
    return model.firewallPolicies
      .filter((policy) => !policy.statefulDefaultActions.some((action) => DROP_ACTIONS.includes(action)))
      .map((policy) =>
        violation(
          net008,
          policy.source,
          `StatefulDefaultActions is ${JSON.stringify(policy.statefulDefaultActions)}, so traffic no rule matches is not dropped. Set it to ["aws:drop_established"].`,
        ),
      );
  },
};
