import type { ElementId, NetworkModel, Resolved, SecurityGroupRule } from '../../../model/types.js';
import type { Finding } from '../../types.js';
import { isAnyAddress } from '../cidr.js';
import { type Rule, undetermined, violation } from '../rule.js';

/** Web ports an instance with a public IP serves as a public entry (the guide's step 2 serves HTTP on 80). */
const INSTANCE_ENTRY_PORTS = [80, 443];

export const net006: Rule = {
  id: 'NET006',
  title: 'No security group open to the internet on a port that is not a public entry',
  rationale:
    'Only a public entry (a listener of an internet-facing load balancer, or HTTP/HTTPS on an instance with a ' +
    'public IP) should accept 0.0.0.0/0. Anywhere else such a rule means the next route or public IP that appears ' +
    'exposes the resource, SSH and task ports included.',
  severity: 'error',
  fix: 'Allow the port only from the security group of the load balancer or VPC link in front, or from the VPC CIDR.',
  check(model: NetworkModel): readonly Finding[] {
    const entryPorts = publicEntryPortsBySecurityGroup(model);
    const unresolvedEntry = [...model.loadBalancers, ...model.instances]
      .flatMap((entry) => entry.securityGroupIds)
      .find((id): id is Extract<Resolved<ElementId>, { known: false }> => !id.known);
    return model.securityGroups.flatMap((group) =>
      group.rules.filter(isOpenToWorld).flatMap((rule) => {
        const allowed = entryPorts.get(group.id) ?? [];
        if (coversOnly(rule, allowed)) return [];
        if (unresolvedEntry !== undefined) {
          return [
            undetermined(
              net006,
              rule.source,
              `${describeRule(rule)} of ${group.id} may belong to a public entry whose security group is unresolved (${unresolvedEntry.reason})`,
            ),
          ];
        }
        return [
          violation(
            net006,
            rule.source,
            `${group.id} allows ${describeRule(rule)}, but no public entry serves that port through this group. Allow it only from the security group of the load balancer in front, or from the VPC CIDR.`,
          ),
        ];
      }),
    );
  },
};

function isOpenToWorld(rule: SecurityGroupRule): boolean {
  return (
    rule.direction === 'ingress' &&
    rule.peer.kind === 'cidr' &&
    rule.peer.cidr.known &&
    isAnyAddress(rule.peer.cidr.value)
  );
}

const coversOnly = (rule: SecurityGroupRule, ports: readonly number[]): boolean =>
  rule.protocol === 'tcp' && rule.fromPort === rule.toPort && ports.includes(rule.fromPort);

function describeRule(rule: SecurityGroupRule): string {
  const cidr = rule.peer.kind === 'cidr' && rule.peer.cidr.known ? rule.peer.cidr.value : 'anywhere';
  if (rule.protocol === 'all') return `all traffic from ${cidr}`;
  const ports = rule.fromPort === rule.toPort ? `${rule.fromPort}` : `${rule.fromPort}-${rule.toPort}`;
  return `${rule.protocol} ${ports} from ${cidr}`;
}

/** For each security group of a public entry, the ports that entry serves to the internet. */
function publicEntryPortsBySecurityGroup(model: NetworkModel): ReadonlyMap<ElementId, readonly number[]> {
  const ports = new Map<ElementId, number[]>();
  const add = (ids: readonly Resolved<ElementId>[], served: readonly number[]) => {
    for (const id of ids) if (id.known) ports.set(id.value, [...(ports.get(id.value) ?? []), ...served]);
  };
  for (const lb of model.loadBalancers.filter((candidate) => candidate.scheme === 'internet-facing')) {
    add(
      lb.securityGroupIds,
      lb.listeners.map((listener) => listener.port),
    );
  }
  for (const instance of model.instances.filter((candidate) => candidate.publicIp)) {
    add(instance.securityGroupIds, INSTANCE_ENTRY_PORTS);
  }
  return ports;
}
