import type { NetworkModel } from '../../../model/types.js';
import type { Finding } from '../../types.js';
import { type Rule, violation } from '../rule.js';

export const net014: Rule = {
  id: 'NET014',
  title: 'Transit gateway default route table association and propagation off',
  rationale:
    'With the defaults on, every new attachment joins the default route table and advertises its CIDRs there, ' +
    'so a new VPC can reach every other one without passing the segmentation the route tables express.',
  severity: 'warning',
  fix: 'Set DefaultRouteTableAssociation and DefaultRouteTablePropagation to "disable" and associate each attachment explicitly.',
  check(model: NetworkModel): readonly Finding[] {
    return model.transitGateways.flatMap((tgw) => {
      const on = [
        ...(tgw.defaultRouteTableAssociation ? ['DefaultRouteTableAssociation'] : []),
        ...(tgw.defaultRouteTablePropagation ? ['DefaultRouteTablePropagation'] : []),
      ];
      return on.length === 0
        ? []
        : [
            violation(
              net014,
              tgw.source,
              `${on.join(' and ')} ${on.length === 1 ? 'is' : 'are'} enabled, so new attachments join the default route table on their own. Set ${on.join(' and ')} to disable.`,
            ),
          ];
    });
  },
};
