import { isPrivateRange, parseCidr } from '../../../model/ip.js';
import type { NetworkModel, TargetGroup } from '../../../model/types.js';
import { indexModel } from '../../trace/model-index.js';
import type { Finding } from '../../types.js';
import { rangesCover } from '../cidr.js';
import { partitionResolved } from '../model-queries.js';
import { type Rule, undetermined, violation } from '../rule.js';

export const net016: Rule = {
  id: 'NET016',
  title: 'IP targets outside the target group VPC are private and use AvailabilityZone all',
  rationale:
    'A load balancer accepts IP targets outside its VPC only from RFC 1918 or RFC 6598 (100.64.0.0/10) ranges, ' +
    'registered with AvailabilityZone "all"; anything else fails at registration or is never routed. ' +
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html#target-type',
  severity: 'error',
  fix: 'Register only RFC 1918 or 100.64.0.0/10 addresses, and set AvailabilityZone to "all" on targets outside the VPC.',
  check(model: NetworkModel): readonly Finding[] {
    return model.targetGroups
      .filter((group) => group.targetType === 'ip')
      .flatMap((group) => checkTargets(model, group));
  },
};

function checkTargets(model: NetworkModel, group: TargetGroup): readonly Finding[] {
  const vpcCidrs = partitionResolved(
    group.vpcId === undefined ? [] : (indexModel(model).vpcs.get(group.vpcId)?.cidrs ?? []),
  );
  const inVpc = vpcCidrs.known.flatMap((cidr) => parseCidr(cidr) ?? []);
  return group.targets.flatMap((target) => {
    if (!target.address.known) {
      return [
        undetermined(net016, group.source, `a target address is unresolved (${target.address.reason})`),
      ];
    }
    const address = target.address.value;
    const range = parseCidr(address);
    if (range === undefined || !isPrivateRange(range)) {
      return [
        violation(
          net016,
          group.source,
          `IP target ${address} is not in RFC 1918 or 100.64.0.0/10, so the load balancer cannot register it. Target a private address.`,
        ),
      ];
    }
    if (rangesCover(inVpc, range)) return [];
    if (vpcCidrs.unknownReason !== undefined) {
      return [
        undetermined(net016, group.source, `the CIDR of its VPC is unresolved (${vpcCidrs.unknownReason})`),
      ];
    }
    return target.availabilityZone === 'all'
      ? []
      : [
          violation(
            net016,
            group.source,
            `IP target ${address} is outside the target group's VPC but its AvailabilityZone is ${target.availabilityZone ?? 'not set'}. Set AvailabilityZone to "all".`,
          ),
        ];
  });
}
