import type { NetworkModel } from '../../../model/types.js';
import type { Finding } from '../../types.js';
import { type Rule, violation } from '../rule.js';

const FORWARD = 'aws:forward_to_sfe';

export const net019: Rule = {
  id: 'NET019',
  title: 'Stateless default actions forward to the stateful engine',
  rationale:
    'Packets the stateless engine passes or drops by default never reach the stateful rules: aws:pass lets ' +
    'all traffic out uninspected, aws:drop breaks every flow including the allowed ones.',
  severity: 'error',
  fix: 'Set StatelessDefaultActions and StatelessFragmentDefaultActions to ["aws:forward_to_sfe"].',
  check(model: NetworkModel): readonly Finding[] {
    return model.firewallPolicies.flatMap((policy) =>
      (
        [
          ['StatelessDefaultActions', policy.statelessDefaultActions],
          ['StatelessFragmentDefaultActions', policy.statelessFragmentDefaultActions],
        ] as const
      )
        .filter(([, actions]) => !actions.includes(FORWARD))
        .map(([setting, actions]) =>
          violation(
            net019,
            policy.source,
            `${setting} is ${JSON.stringify(actions)}, so packets skip the stateful rules. Set it to ["${FORWARD}"].`,
          ),
        ),
    );
  },
};
