import type { NetworkModel } from '../../../model/types.js';
import type { Finding } from '../../types.js';
import { type Rule, violation } from '../rule.js';

export const net018: Rule = {
  id: 'NET018',
  title: 'Firewall policy evaluates rules in strict order',
  rationale:
    'In default action order, PASS rules win over DROP rules whatever their place, and no stateful default ' +
    'action can be set, so an allow list cannot end in "drop everything else". ' +
    'https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-rule-evaluation-order.html',
  severity: 'error',
  fix: 'Set StatefulEngineOptions.RuleOrder to STRICT_ORDER on the policy and on each stateful rule group.',
  check(model: NetworkModel): readonly Finding[] {
    return model.firewallPolicies
      .filter((policy) => policy.ruleOrder !== 'STRICT_ORDER')
      .map((policy) =>
        violation(
          net018,
          policy.source,
          `StatefulEngineOptions.RuleOrder is ${policy.ruleOrder}, so PASS rules override DROP rules and no default drop applies. Set it to STRICT_ORDER.`,
        ),
      );
  },
};
