import { parseCidr } from '../../../model/ip.js';
import type { NetworkModel, SecurityGroupRule, Vpc, VpcEndpoint } from '../../../model/types.js';
import { indexModel } from '../../trace/model-index.js';
import type { Finding } from '../../types.js';
import { rangesCover } from '../cidr.js';
import { partitionResolved } from '../model-queries.js';
import { type Rule, undetermined, violation } from '../rule.js';

const HTTPS = 443;

export const net013: Rule = {
  id: 'NET013',
  title: 'Interface endpoint security groups allow only HTTPS from inside the VPC',
  rationale:
    'AWS service endpoints answer HTTPS on 443. A wider rule on their security group lets other ports in, or ' +
    "lets networks outside the VPC use the VPC's endpoints and credentials path. " +
    'https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html',
  severity: 'warning',
  fix: "Allow ingress tcp 443 only from the VPC CIDR or from the clients' security groups.",
  check(model: NetworkModel): readonly Finding[] {
    return model.vpcEndpoints
      .filter((endpoint) => endpoint.kind === 'Interface')
      .flatMap((endpoint) => {
        const vpc = indexModel(model).vpcs.get(endpoint.vpcId);
        return endpoint.securityGroupIds.flatMap((groupId) => {
          if (!groupId.known) {
            return [
              undetermined(net013, endpoint.source, `a security group is unresolved (${groupId.reason})`),
            ];
          }
          const group = indexModel(model).securityGroups.get(groupId.value);
          return (group?.rules ?? [])
            .filter((rule) => rule.direction === 'ingress')
            .flatMap((rule) => checkRule(model, endpoint, vpc, rule));
        });
      });
  },
};

function checkRule(
  model: NetworkModel,
  endpoint: VpcEndpoint,
  vpc: Vpc | undefined,
  rule: SecurityGroupRule,
): readonly Finding[] {
  const faults: string[] = [];
  if (rule.protocol !== 'tcp' || rule.fromPort !== HTTPS || rule.toPort !== HTTPS) {
    faults.push(
      rule.protocol === 'all'
        ? 'all traffic'
        : `${rule.protocol} ${rule.fromPort}-${rule.toPort} instead of tcp 443`,
    );
  }
  const peerCidrs = peerCidrsOf(model, rule);
  const vpcCidrs = partitionResolved(vpc?.cidrs ?? []);
  if (
    peerCidrs === undefined ||
    peerCidrs.unknownReason !== undefined ||
    vpcCidrs.unknownReason !== undefined
  ) {
    return [
      undetermined(
        net013,
        rule.source,
        `an ingress source of ${endpoint.id} or its VPC CIDR is unresolved (${peerCidrs?.unknownReason ?? vpcCidrs.unknownReason ?? 'a prefix list not in the templates'})`,
      ),
    ];
  }
  const inside = vpcCidrs.known.flatMap((cidr) => parseCidr(cidr) ?? []);
  const outside = peerCidrs.known.filter((cidr) => {
    const range = parseCidr(cidr);
    return range === undefined || !rangesCover(inside, range);
  });
  if (outside.length > 0) faults.push(`source ${outside.join(', ')} outside the VPC`);
  return faults.length === 0
    ? []
    : [
        violation(
          net013,
          rule.source,
          `the security group of ${endpoint.id} allows ${faults.join(' and ')}. Allow only tcp 443 from the VPC CIDR or the clients' security groups.`,
        ),
      ];
}

/** The CIDRs a rule admits; a security group peer admits none by address. Undefined: a prefix list not in the model. */
function peerCidrsOf(
  model: NetworkModel,
  rule: SecurityGroupRule,
): ReturnType<typeof partitionResolved<string>> | undefined {
  const peer = rule.peer;
  if (peer.kind === 'security-group') return { known: [] };
  if (peer.kind === 'cidr') return partitionResolved([peer.cidr]);
  if (!peer.prefixListId.known) return { known: [], unknownReason: peer.prefixListId.reason };
  const listId = peer.prefixListId.value;
  const list = model.prefixLists.find(
    (candidate) => candidate.id === listId || candidate.source.logicalId === listId,
  );
  return list === undefined ? undefined : partitionResolved(list.cidrs);
}
