import type { ListenerAction, LoadBalancer } from '../../../model/types.js';
import type { Disposition, Flow, Hop, HttpRequest, Step } from '../../types.js';
import { type Address, publicAddress } from '../address.js';
import { connect } from '../core/connection.js';
import { elementIdOf } from '../core/places.js';
import type { Forward, Goal, Located, Packet } from '../core/types.js';
import { type ListenerRouting, routeByRules } from '../http/listener-rules.js';
import { serveRequest } from '../http/service-routes.js';
import type { ModelIndex } from '../model-index.js';
import { containerInstancePorts } from './container-instance-ports.js';
import { pickTarget, targetSees } from './load-balancer-targets.js';

const MAX_PROXIES = 4;

/**
 * A load balancer ends the client's connection and opens one to a target of the target group its listener picks:
 * an ALB by its listener rules on the HTTP request (`../http/listener-rules.ts`), an NLB by its default action
 * (it forwards TCP and does not read the request). Its security groups' outbound rules apply to that connection
 * (ALB and NLB alike): https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html
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
  request: HttpRequest | undefined = flow.http,
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
  const routing: ListenerRouting =
    balancer.kind === 'application'
      ? routeByRules(listener, request, clientAddress(forward, flow))
      : { kind: 'actions', actions: listener.defaultActions, ...(request ? { request } : {}), steps: [] };
  steps.push(...routing.steps);
  if (routing.kind === 'unknown') return stop('UNKNOWN', routing.reason);
  const outcome = runActions(routing.actions, balancer, steps, assumptions);
  if (outcome.kind === 'stop') return stop(outcome.disposition, outcome.reason);
  const group = outcome.targetGroupIds
    .map((id) => index.targetGroups.get(id))
    .find((candidate) => candidate !== undefined);
  if (group === undefined)
    return stop('NO_ROUTE', `listener ${listener.source.logicalId} forwards to no target group`);
  const picked = pickTarget(index, balancer, group, node.availabilityZone);
  if ('reason' in picked) {
    steps.push({
      action: 'forward',
      detail: `listener :${port} → ${group.source.logicalId}: ${picked.reason}`,
    });
    return stop(picked.disposition, picked.reason);
  }
  const { target } = picked;
  if (picked.step !== undefined) steps.push(picked.step);
  const service = index.ecsServices.get(elementIdOf(target.place.node));
  const client = clientAddress(forward, flow);
  const sees = targetSees(balancer, group, client);
  const source = sees.preserved ? client : node.address;
  // Rules that reference the NLB's security groups admit it either way.
  const sourceGroupIds = node.place.securityGroupsApply ? node.place.securityGroupIds : [];
  const onInstance =
    service &&
    containerInstancePorts(
      index,
      service,
      group,
      node,
      target,
      { address: source, securityGroupIds: sourceGroupIds },
      flow.protocol,
    );
  const targetPort =
    onInstance?.port ??
    service?.targetGroupPorts[group.id] ??
    service?.containerPorts[0] ??
    group.targets.find((candidate) => candidate.port !== undefined)?.port ??
    group.port;
  steps.push({
    action: 'forward',
    detail: `listener :${port}/${listener.protocol} → ${group.source.logicalId} → ${target.place.node.logicalId}:${targetPort}${target.availabilityZone ? ` in ${target.availabilityZone}` : ''}`,
    source: listener.source,
  });
  if (onInstance?.step !== undefined) steps.push(onInstance.step);
  if (sees.step !== undefined) steps.push(sees.step);
  const packet: Packet = {
    source,
    destination: target.address,
    protocol: flow.protocol,
    port: targetPort,
    destinationPorts: onInstance?.ports ?? { from: targetPort, to: targetPort },
    sourceGroupIds,
    ...(sees.preserved ? { returnAddress: node.address } : {}),
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
  if (next.disposition !== 'ACCEPTED') return next;
  const nextBalancer = index.loadBalancers.get(elementIdOf(target.place.node));
  if (nextBalancer && target.place.hopKind === 'load balancer') {
    return throughLoadBalancer(
      index,
      next,
      nextBalancer,
      target,
      flow,
      assumptions,
      depth + 1,
      targetPort,
      routing.request,
    );
  }
  return routing.request === undefined ? next : served(next, routing.request, flow);
}

/** The address the load balancer sees the client's connection come from. */
function clientAddress(forward: Forward, flow: Flow): Address {
  return forward.legs.at(-1)?.packet.source ?? publicAddress(flow.from);
}

/**
 * A listener's or rule's actions in order: authentication (the trace assumes an authenticated client), then the
 * forward, fixed response or redirect that ends them.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-action-types.html
 */
function runActions(
  actions: readonly ListenerAction[],
  balancer: LoadBalancer,
  steps: Step[],
  assumptions: string[],
):
  | { readonly kind: 'forward'; readonly targetGroupIds: readonly string[] }
  | { readonly kind: 'stop'; readonly disposition: Disposition; readonly reason: string } {
  for (const action of actions) {
    switch (action.kind) {
      case 'authenticate':
        steps.push({ action: 'authenticate', detail: `${action.type}: the client signs in first` });
        assumptions.push(
          `${balancer.source.logicalId} forwards only an authenticated client (${action.type})`,
        );
        break;
      case 'forward':
        return { kind: 'forward', targetGroupIds: action.targetGroupIds };
      case 'fixed-response':
        steps.push({ action: 'fixed-response', detail: `answers ${action.statusCode} itself` });
        return {
          kind: 'stop',
          disposition: 'NOT_SERVED',
          reason: `${balancer.source.logicalId} answers ${action.statusCode} itself (fixed-response): the request reaches no target`,
        };
      case 'redirect':
        steps.push({ action: 'redirect', detail: action.location });
        return {
          kind: 'stop',
          disposition: 'NOT_SERVED',
          reason: `${balancer.source.logicalId} redirects the request to ${action.location}: it reaches no target`,
        };
      case 'unknown':
        return { kind: 'stop', disposition: 'UNKNOWN', reason: action.reason };
    }
  }
  return { kind: 'forward', targetGroupIds: [] };
}

/** The request reached the service: the path it receives goes on the service's hop, and is judged by its routes. */
function served(forward: Forward, request: HttpRequest, flow: Flow): Forward {
  const { step, notServed } = serveRequest(request, flow.serviceRoutes);
  const hops = forward.hops.map((hop, position) =>
    position === forward.hops.length - 1 ? { ...hop, steps: [...hop.steps, step] } : hop,
  );
  return notServed === undefined
    ? { ...forward, hops }
    : { ...forward, hops, disposition: 'NOT_SERVED', reason: notServed };
}
