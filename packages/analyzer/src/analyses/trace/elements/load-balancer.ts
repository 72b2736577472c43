import type { LoadBalancer } from '../../../model/types.js';
import type { Disposition, Flow, Hop, Step } from '../../types.js';
import { connect } from '../core/connection.js';
import { elementIdOf, privateTarget, workloadPlace } from '../core/places.js';
import type { Forward, Goal, Located, Packet } from '../core/types.js';
import type { ModelIndex } from '../model-index.js';

const MAX_PROXIES = 4;

/**
 * A load balancer ends the client's connection and opens one to a target of the listener's target group. Its
 * security groups' outbound rules apply to that connection (ALB and NLB alike):
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html
 */
export function throughLoadBalancer(
  index: ModelIndex,
  forward: Forward,
  balancer: LoadBalancer,
  node: Located,
  flow: Flow,
  assumptions: string[],
  depth: number,
  port = flow.port,
): Forward {
  const steps: Step[] = [];
  // The load balancer's decisions go on the hop where the client's connection arrived.
  const withSteps = (added: readonly Step[]): Hop[] =>
    forward.hops.map((hop, position) =>
      position === forward.hops.length - 1 ? { ...hop, steps: [...hop.steps, ...added] } : hop,
    );
  const stop = (disposition: Disposition, reason: string): Forward => ({
    ...forward,
    hops: withSteps(steps),
    disposition,
    reason,
  });
  if (depth >= MAX_PROXIES) return stop('UNKNOWN', 'more than four load balancers in a row');
  const listener = balancer.listeners.find((candidate) => candidate.port === port);
  if (listener === undefined) {
    steps.push({ action: 'no listener', detail: `no listener on port ${port}` });
    return stop('NO_ROUTE', `${balancer.source.logicalId} has no listener on port ${port}`);
  }
  const group = listener.targetGroupIds
    .map((id) => index.targetGroups.get(id))
    .find((candidate) => candidate !== undefined);
  if (group === undefined)
    return stop('NO_ROUTE', `listener ${listener.source.logicalId} forwards to no target group`);
  const zone = node.availabilityZone;
  const service = group.ecsServiceIds[0];
  const ipTarget = group.targets.find((target) => target.address.known)?.address;
  const target =
    service !== undefined
      ? workloadPlace(index, service, zone)
      : group.targetType === 'instance' && ipTarget?.known
        ? workloadPlace(index, ipTarget.value, zone)
        : ipTarget?.known
          ? privateTarget(index, ipTarget.value, zone)
          : undefined;
  if (target === undefined) {
    steps.push({
      action: 'forward',
      detail: `listener :${port} → ${group.source.logicalId}: no target in the model`,
    });
    return stop('NO_ROUTE', `target group ${group.source.logicalId} has no target Moat can place`);
  }
  const containerPort = service !== undefined ? index.ecsServices.get(service)?.containerPorts[0] : undefined;
  const targetPort =
    containerPort ?? group.targets.find((candidate) => candidate.port !== undefined)?.port ?? group.port;
  steps.push({
    action: 'forward',
    detail: `listener :${port}/${listener.protocol} → ${group.source.logicalId} → ${target.place.node.logicalId}:${targetPort}${target.availabilityZone ? ` in ${target.availabilityZone}` : ''}`,
    source: listener.source,
  });
  const packet: Packet = {
    source: node.address,
    destination: target.address,
    protocol: flow.protocol,
    port: targetPort,
    destinationPorts: { from: targetPort, to: targetPort },
    sourceGroupIds: node.place.securityGroupIds,
  };
  const goal: Goal = { kind: 'nic', place: target.place, vpcId: target.vpcId };
  const leg = connect(index, node, packet, goal, target, assumptions);
  const hops = [...withSteps([...steps, ...leg.senderSteps]), ...leg.hops];
  const next: Forward = {
    disposition: leg.outcome.disposition,
    hops,
    legs: [...forward.legs, leg],
    ...(leg.outcome.reason ? { reason: leg.outcome.reason } : {}),
  };
  const nextBalancer = index.loadBalancers.get(elementIdOf(target.place.node));
  return next.disposition === 'ACCEPTED' && nextBalancer && target.place.hopKind === 'load balancer'
    ? throughLoadBalancer(index, next, nextBalancer, target, flow, assumptions, depth + 1, targetPort)
    : next;
}
