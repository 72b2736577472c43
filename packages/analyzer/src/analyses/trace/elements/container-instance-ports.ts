import type { EcsService, ElementId, Resolved, TargetGroup } from '../../../model/types.js';
import type { Step } from '../../types.js';
import type { Located } from '../core/types.js';
import type { ModelIndex } from '../model-index.js';
import type { PortRange } from '../network-acls.js';
import { evaluateSecurityGroups, type Peer } from '../security-groups.js';

/**
 * The host ports a dynamic port mapping may pick: the container instance's ephemeral range, 32768–61000 on the
 * ECS-optimized AMIs and 49153–65535 where the kernel does not say. The instance's security groups must admit the
 * load balancer on all of 32768–65535 for every task to be reachable whatever port it got.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/alb.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ecs-taskdefinition-portmapping.html
 */
export const DYNAMIC_HOST_PORTS: PortRange = { from: 32768, to: 65535 };

/** The port a load balancer connects to on a target, the ports NACLs see, and the step that explains a host port. */
export interface TargetPorts {
  readonly port: number;
  readonly ports: PortRange;
  readonly step?: Step;
}

/**
 * A task on a container instance is registered as the instance and its host port: the load balancer connects to
 * the instance's ENI on that port (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/alb.html). For a
 * dynamic port the connection is judged at a port of the ephemeral range that a security group of the load
 * balancer or the instance refuses, when there is one, so that the verdict holds for every port the agent picks.
 */
export function containerInstancePorts(
  index: ModelIndex,
  service: EcsService,
  group: TargetGroup,
  node: Located,
  target: Located,
  /** The source the instance's security groups judge: the node, or the client an NLB preserves. */
  seen: Peer,
  protocol: 'tcp' | 'udp',
): TargetPorts | undefined {
  const placement = service.containerInstances;
  if (placement === undefined || 'unknown' in placement) return undefined;
  const hostPort = placement.hostPorts[group.id];
  if (hostPort === undefined) return undefined;
  const on = `a container instance of ${placement.autoScalingGroup.logicalId}`;
  if (hostPort !== 'dynamic')
    return {
      port: hostPort,
      ports: { from: hostPort, to: hostPort },
      step: { action: 'host port', detail: `the task listens on ${on} at host port ${hostPort}` },
    };
  const refused = boundaries(index, [...node.place.securityGroupIds, ...target.place.securityGroupIds]).find(
    (port) => !admits(index, node, target, seen, protocol, port),
  );
  return {
    port: refused ?? DYNAMIC_HOST_PORTS.from,
    ports: DYNAMIC_HOST_PORTS,
    step: {
      action: 'host port',
      detail: `dynamic host port on ${on}: any of ${DYNAMIC_HOST_PORTS.from}-${DYNAMIC_HOST_PORTS.to}${refused === undefined ? '' : `, judged at ${refused}`}`,
    },
  };
}

/**
 * The ports of the dynamic range where a verdict may change: its first port, and each rule's first port and the
 * port after its last. Between two of them every rule matches all ports or none, so checking these covers all.
 */
function boundaries(index: ModelIndex, groupIds: readonly Resolved<ElementId>[]): number[] {
  const ports = new Set<number>([DYNAMIC_HOST_PORTS.from]);
  for (const id of groupIds) {
    const rules = id.known ? (index.securityGroups.get(id.value)?.rules ?? []) : [];
    for (const rule of rules)
      for (const port of [rule.fromPort, rule.toPort + 1])
        if (port > DYNAMIC_HOST_PORTS.from && port <= DYNAMIC_HOST_PORTS.to) ports.add(port);
  }
  return [...ports].sort((a, b) => a - b);
}

/** The load balancer node's egress and the instance's ingress both allow `port`. */
function admits(
  index: ModelIndex,
  node: Located,
  target: Located,
  seen: Peer,
  protocol: 'tcp' | 'udp',
  port: number,
): boolean {
  const egress =
    !node.place.securityGroupsApply ||
    evaluateSecurityGroups(
      index,
      node.place.securityGroupIds,
      'egress',
      { address: target.address, securityGroupIds: target.place.securityGroupIds },
      protocol,
      port,
      node.place.node,
    ).kind === 'allow';
  return (
    egress &&
    evaluateSecurityGroups(
      index,
      target.place.securityGroupIds,
      'ingress',
      seen,
      protocol,
      port,
      target.place.node,
    ).kind === 'allow'
  );
}
