import type { ElementId, NetworkModel, Resolved, SecurityGroupRule, Source } from '../../../model/types.js';
import type { Finding } from '../../types.js';
import { isAnyAddress } from '../cidr.js';
import { type Rule, violation } from '../rule.js';

const HTTPS = 443;

export const net027: Rule = {
  id: 'NET027',
  title: 'Load balancer and task security groups open no egress to the world beyond what the design needs',
  rationale:
    "A security group declared without egress rules keeps EC2's default rule, all traffic to 0.0.0.0/0; separate " +
    'AWS::EC2::SecurityGroupEgress resources only add to it ' +
    '(https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroup.html). ' +
    'What the templates alone say a group needs: a load balancer talks to its targets, which are inside the VPC or at ' +
    'private addresses (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-register-targets.html), ' +
    'so it needs no egress to the world, except HTTPS to the identity provider of an ALB that authenticates users ' +
    '(https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-authenticate-users.html). A task or ' +
    'instance needs the ports its flows use; egress to the world on every port of a protocol (or on all ' +
    'traffic) names none, so no flow of the design requires it. Egress to 0.0.0.0/0 on a given port is a design ' +
    'choice (the egress firewall, or the allow list, decides what passes) and is not reported.',
  severity: 'error',
  fix: "Give the group inline SecurityGroupEgress (CDK: allowAllOutbound false) that lists only the ports and peers its flows use: the targets of a load balancer, the ports of a task's egress rules.",
  check(model: NetworkModel): readonly Finding[] {
    const roles = groupRoles(model);
    return model.securityGroups.flatMap((group) => {
      const role = roles.get(group.id);
      if (role === undefined) return [];
      return group.rules
        .filter((rule) => rule.direction === 'egress' && toTheWorld(rule))
        .filter((rule) => !needed(rule, role))
        .map((rule) =>
          violation(
            net027,
            rule.source,
            `${group.id}, the security group of ${role.users.map(describeUser).join(', ')}, allows ${describeEgress(rule)}${
              rule.implicit === true ? " (EC2's default rule: the group declares no egress of its own)" : ''
            }; ${role.kind === 'load balancer' ? 'a load balancer needs no egress to the world' : 'no flow of the design needs every port'}. Restrict its egress to what its flows use.`,
          ),
        );
    });
  },
};

interface Role {
  readonly kind: 'load balancer' | 'workload';
  readonly users: readonly Source[];
  /** An ALB with an authenticate action talks to its identity provider over HTTPS. */
  readonly authenticates: boolean;
}

/** The groups of load balancers and of workloads (tasks, instances), with what uses each. */
function groupRoles(model: NetworkModel): ReadonlyMap<ElementId, Role> {
  const roles = new Map<ElementId, Role>();
  const add = (
    ids: readonly Resolved<ElementId>[],
    kind: Role['kind'],
    user: Source,
    authenticates = false,
  ) => {
    for (const id of ids) {
      if (!id.known) continue;
      const role = roles.get(id.value);
      roles.set(id.value, {
        kind: role?.kind === 'workload' ? 'workload' : kind,
        users: [...(role?.users ?? []), user],
        authenticates: (role?.authenticates ?? false) || authenticates,
      });
    }
  };
  for (const balancer of model.loadBalancers) {
    const authenticates = balancer.listeners.some((listener) =>
      [...listener.defaultActions, ...listener.rules.flatMap((rule) => rule.actions)].some(
        (action) => action.kind === 'authenticate',
      ),
    );
    add(balancer.securityGroupIds, 'load balancer', balancer.source, authenticates);
  }
  for (const workload of [...model.ecsServices, ...model.instances]) {
    add(workload.securityGroupIds, 'workload', workload.source);
  }
  return roles;
}

const toTheWorld = (rule: SecurityGroupRule): boolean =>
  rule.peer.kind === 'cidr' && rule.peer.cidr.known && isAnyAddress(rule.peer.cidr.value);

function needed(rule: SecurityGroupRule, role: Role): boolean {
  if (role.kind === 'load balancer') {
    return role.authenticates && rule.protocol === 'tcp' && rule.fromPort === HTTPS && rule.toPort === HTTPS;
  }
  const everyPort = rule.protocol === 'all' || (rule.fromPort <= 1 && rule.toPort >= 65535);
  return !everyPort;
}

function describeEgress(rule: SecurityGroupRule): string {
  if (rule.protocol === 'all') return 'all traffic to 0.0.0.0/0';
  const ports = rule.fromPort === rule.toPort ? `${rule.fromPort}` : `${rule.fromPort}-${rule.toPort}`;
  return `${rule.protocol} ${ports} to 0.0.0.0/0`;
}

const describeUser = (source: Source): string => source.logicalId;
