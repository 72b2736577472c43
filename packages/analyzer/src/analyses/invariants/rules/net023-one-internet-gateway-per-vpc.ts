import { groupBy } from '../../../collections.js';
import type { NetworkModel } from '../../../model/types.js';
import type { Finding } from '../../types.js';
import { type Rule, violation } from '../rule.js';

export const net023: Rule = {
  id: 'NET023',
  title: 'At most one internet gateway per VPC',
  rationale:
    'A VPC can have only one internet gateway attached; a second VPCGatewayAttachment fails the deployment. ' +
    'https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html',
  severity: 'error',
  fix: 'Remove the extra internet gateway and its VPCGatewayAttachment; route to the first one.',
  check(model: NetworkModel): readonly Finding[] {
    const attached = model.internetGateways.filter((gateway) => gateway.vpcId !== undefined);
    return [...groupBy(attached, (gateway) => gateway.vpcId)].flatMap(([vpcId, gateways]) =>
      gateways
        .slice(1)
        .map((gateway) =>
          violation(
            net023,
            gateway.source,
            `a second internet gateway is attached to ${vpcId}, which AWS rejects. Remove it and its VPCGatewayAttachment.`,
          ),
        ),
    );
  },
};
