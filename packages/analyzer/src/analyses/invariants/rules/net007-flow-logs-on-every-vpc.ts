import type { NetworkModel } from '../../../model/types.js';
import type { Finding } from '../../types.js';
import { type Rule, violation } from '../rule.js';

export const net007: Rule = {
  id: 'NET007',
  title: 'Flow logs on every VPC',
  rationale:
    'VPC flow logs are the record of who talked to whom; without them an auditor cannot show where traffic went ' +
    'and an incident cannot be reconstructed.',
  severity: 'error',
  fix: 'Add an AWS::EC2::FlowLog with ResourceType VPC and TrafficType ALL for the VPC (CDK: vpc.addFlowLog).',
  check(model: NetworkModel): readonly Finding[] {
    return model.vpcs
      .filter((vpc) => vpc.flowLogIds.length === 0)
      .map((vpc) =>
        violation(
          net007,
          vpc.source,
          'the VPC has no flow log. Add an AWS::EC2::FlowLog with ResourceType VPC and TrafficType ALL.',
        ),
      );
  },
};
