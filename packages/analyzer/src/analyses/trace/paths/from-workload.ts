import type { Flow } from '../../types.js';
import { type Address, isPrivateText, publicAddress } from '../address.js';
import { connect } from '../core/connection.js';
import { failed, subnetHop } from '../core/hops.js';
import { elementIdOf, loadBalancerPlace, privateTarget, workloadPlace } from '../core/places.js';
import type { Forward, Goal, Located, Packet } from '../core/types.js';
import { throughLoadBalancer } from '../elements/load-balancer.js';
import { interfaceEndpointFor } from '../elements/vpc-endpoint.js';
import type { ModelIndex } from '../model-index.js';

/**
 * A flow from a task or instance: one connection to the destination's network interface or the public side;
 * a load balancer there opens the next connection.
 */
export function fromWorkload(index: ModelIndex, flow: Flow, source: Located, assumptions: string[]): Forward {
  const destination = destinationOf(index, flow, source);
  if (typeof destination === 'string') return failed('UNKNOWN', destination);
  const packet: Packet = {
    source: source.address,
    destination: destination.address,
    protocol: flow.protocol,
    port: flow.port,
    destinationPorts: { from: flow.port, to: flow.port },
    sourceGroupIds: source.place.securityGroupIds,
    ...(flow.to.kind === 'host' ? { hostname: flow.to.hostname } : {}),
  };
  const leg = connect(index, source, packet, destination.goal, destination.located, assumptions);
  const forward: Forward = {
    disposition: leg.outcome.disposition,
    hops: [subnetHop(source.place.hopKind, source.place.node, source.subnet, leg.senderSteps), ...leg.hops],
    legs: [leg],
    ...(leg.outcome.reason ? { reason: leg.outcome.reason } : {}),
  };
  const balancer = destination.located
    ? index.loadBalancers.get(elementIdOf(destination.located.place.node))
    : undefined;
  return forward.disposition === 'ACCEPTED' && balancer && destination.located
    ? throughLoadBalancer(index, forward, balancer, destination.located, flow, assumptions, 0)
    : forward;
}

/** Where a flow from a workload goes: a place to reach, or the public side. */
function destinationOf(
  index: ModelIndex,
  flow: Flow,
  source: Located,
): { goal: Goal; address: Address; located?: Located } | string {
  const to = flow.to;
  const zone = source.availabilityZone;
  const reach = (target: Located): { goal: Goal; address: Address; located: Located } => ({
    goal: { kind: 'nic', place: target.place, vpcId: target.vpcId },
    address: target.address,
    located: target,
  });
  switch (to.kind) {
    case 'workload': {
      const target = workloadPlace(index, to.id, to.availabilityZone ?? zone);
      return target ? reach(target) : `${to.id} is not a workload of the model`;
    }
    case 'entry': {
      const balancer = index.loadBalancers.get(to.id);
      const target = balancer ? loadBalancerPlace(index, balancer, zone) : undefined;
      if (target === undefined)
        return { goal: { kind: 'public' }, address: { kind: 'public', label: `${to.id} (public entry)` } };
      return reach(target);
    }
    case 'aws-service': {
      const target = interfaceEndpointFor(index, source.vpcId, to.service, zone);
      if (target !== undefined) return reach(target);
      return { goal: { kind: 'public' }, address: publicAddress(to) };
    }
    case 'address': {
      if (!isPrivateText(to.address)) return { goal: { kind: 'public' }, address: publicAddress(to) };
      const target = privateTarget(index, to.address, zone);
      return target ? reach(target) : `no subnet of the model holds ${to.address}`;
    }
    default:
      return { goal: { kind: 'public' }, address: publicAddress(to) };
  }
}
