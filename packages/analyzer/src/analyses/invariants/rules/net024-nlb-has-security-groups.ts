import type { NetworkModel } from '../../../model/types.js';
import type { Finding } from '../../types.js';
import { type Rule, violation } from '../rule.js';

export const net024: Rule = {
  id: 'NET024',
  title: 'Network load balancers have a security group',
  rationale:
    'A network load balancer can only get security groups when it is created; one created without cannot be ' +
    'given any later, so its targets must trust every address that can reach it. ' +
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html',
  severity: 'warning',
  fix: 'Give the AWS::ElasticLoadBalancingV2::LoadBalancer (Type network) a SecurityGroups list; this replaces the load balancer.',
  check(model: NetworkModel): readonly Finding[] {
    return model.loadBalancers
      .filter((lb) => lb.kind === 'network' && lb.securityGroupIds.length === 0)
      .map((lb) =>
        violation(
          net024,
          lb.source,
          'the network load balancer has no SecurityGroups and cannot get any after creation. Recreate it with a security group.',
        ),
      );
  },
};
