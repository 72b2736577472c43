import { parseCidr } from '../../../model/ip.js';
import type { Firewall, FirewallRuleGroup, NetworkModel, Resolved } from '../../../model/types.js';
import { indexModel } from '../../trace/model-index.js';
import type { Finding } from '../../types.js';
import { rangesCover } from '../cidr.js';
import { inspectedSpokeCidrs, partitionResolved } from '../model-queries.js';
import { type Rule, undetermined, violation } from '../rule.js';

export const net009: Rule = {
  id: 'NET009',
  title: 'HOME_NET covers every spoke VPC behind a central firewall',
  rationale:
    'Domain list rules and most Suricata rules match traffic whose source is in HOME_NET. HOME_NET defaults to ' +
    "the inspection VPC's own CIDR, so traffic from spoke VPCs reaching a central firewall over a transit " +
    "gateway is outside it and the allow list never sees it. A rule group's own HOME_NET takes precedence over " +
    "the policy's. https://docs.aws.amazon.com/network-firewall/latest/developerguide/stateful-rule-groups-domain-names.html",
  severity: 'error',
  fix: 'Set PolicyVariables.RuleVariables.HOME_NET on the firewall policy (or RuleVariables.IPSets.HOME_NET on the rule group) to include every spoke VPC CIDR.',
  check(model: NetworkModel): readonly Finding[] {
    return model.firewalls.flatMap((firewall) => {
      const policyId = firewall.policyId;
      const policy = policyId.known ? indexModel(model).firewallPolicies.get(policyId.value) : undefined;
      if (policy === undefined) {
        return [undetermined(net009, firewall.source, `its firewall policy is not in the model`)];
      }
      const spokeCidrs = inspectedSpokeCidrs(model, firewall);
      return policy.statefulRuleGroups.flatMap(({ ruleGroupId }) => {
        const group = ruleGroupId.known
          ? indexModel(model).firewallRuleGroups.get(ruleGroupId.value)
          : undefined;
        if (group === undefined) {
          return [
            undetermined(net009, policy.source, 'a stateful rule group it references is not in the model'),
          ];
        }
        const { homeNet, setAt } = effectiveHomeNet(model, firewall, group, policy.homeNet);
        const values = partitionResolved([...homeNet, ...spokeCidrs]);
        if (values.unknownReason !== undefined) {
          return [
            undetermined(
              net009,
              group.source,
              `HOME_NET or a spoke CIDR is unresolved (${values.unknownReason})`,
            ),
          ];
        }
        const ranges = partitionResolved(homeNet).known.flatMap((cidr) => parseCidr(cidr) ?? []);
        const uncovered = partitionResolved(spokeCidrs).known.filter((cidr) => {
          const range = parseCidr(cidr);
          return range !== undefined && !rangesCover(ranges, range);
        });
        const listed = partitionResolved(homeNet).known.join(', ');
        return uncovered.length === 0
          ? []
          : [
              violation(
                net009,
                group.source,
                `HOME_NET (${setAt}${listed === '' ? '' : `: ${listed}`}) does not cover spoke CIDR ${uncovered.join(', ')}, so its rules never match that traffic. Add the spoke CIDRs to HOME_NET.`,
              ),
            ];
      });
    });
  },
};

/** A rule group's HOME_NET wins over the policy's, which wins over the inspection VPC's CIDR. */
function effectiveHomeNet(
  model: NetworkModel,
  firewall: Firewall,
  group: FirewallRuleGroup,
  policyHomeNet: readonly Resolved<string>[] | undefined,
): { readonly homeNet: readonly Resolved<string>[]; readonly setAt: string } {
  const own = group.kind === 'STATEFUL' ? group.ipSets.HOME_NET : undefined;
  if (own !== undefined) return { homeNet: own, setAt: 'set by the rule group' };
  if (policyHomeNet !== undefined) return { homeNet: policyHomeNet, setAt: 'set by the policy' };
  if (firewall.vpcId === undefined) {
    // https://docs.aws.amazon.com/network-firewall/latest/developerguide/tgw-firewall-considerations.html
    return {
      homeNet: [],
      setAt: 'default, the CIDR of the VPC AWS manages for a firewall attached to a transit gateway',
    };
  }
  const vpc = indexModel(model).vpcs.get(firewall.vpcId);
  return { homeNet: vpc?.cidrs ?? [], setAt: `default, the CIDR of ${firewall.vpcId}` };
}
