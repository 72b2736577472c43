import type { Flow, Hop, Step } from '../../types.js';
import { type Address, describeAddress, isPrivateText, publicAddress } from '../address.js';
import { connect } from '../core/connection.js';
import { failed, subnetHop } from '../core/hops.js';
import {
  elementIdOf,
  interfaceEndpointPlace,
  loadBalancerPlace,
  privateTarget,
  publicIpOf,
  subnetPlace,
  workloadPlace,
} from '../core/places.js';
import type { Forward, Goal, Located, Packet } from '../core/types.js';
import { throughLoadBalancer } from '../elements/load-balancer.js';
import { interfaceEndpointFor } from '../elements/vpc-endpoint.js';
import type { ModelIndex } from '../model-index.js';

/**
 * A flow from a network interface in a VPC (a task, an instance, a load balancer node, an interface endpoint, an
 * address in a subnet): one connection to the destination's network interface or the public side; a load balancer
 * there opens the next connection.
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
    sourcePublicIp: publicIpOf(source),
    ...(flow.to.kind === 'host' ? { hostname: flow.to.hostname } : {}),
  };
  for (const end of [source, destination.located]) {
    if (end !== undefined && isBareAddress(end))
      assumptions.push(
        `no security group filters ${describeAddress(end.address)}: the flow names a subnet or an address, not a resource`,
      );
  }
  const leg = connect(index, source, packet, destination.goal, destination.located, assumptions);
  const forward: Forward = {
    disposition: leg.outcome.disposition,
    hops: withSender(source, leg.senderSteps, leg.hops),
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

/** An address in a subnet that no resource of the model holds (`subnetPlace`, `privateTarget`). */
const isBareAddress = (located: Located): boolean => located.place.node === located.subnet.source;

/**
 * The sender's hop, then the walk's. A sender that is only an address in a subnet (a subnet or private IP as the
 * source) has no hop of its own: the subnet's hop, which the walk starts with, is where the flow begins.
 */
function withSender(source: Located, senderSteps: Step[], hops: readonly Hop[]): Hop[] {
  const [first, ...rest] = hops;
  if (isBareAddress(source) && first?.node === source.subnet.source)
    return [{ ...first, steps: [...senderSteps, ...first.steps] }, ...rest];
  return [subnetHop(source.place.hopKind, source.place.node, source.subnet, senderSteps), ...hops];
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
    case 'subnet': {
      const subnet = index.subnets.get(to.id);
      const target = subnet ? subnetPlace(index, subnet) : undefined;
      return target ? reach(target) : `the CIDR of ${to.id} is not known`;
    }
    case 'vpc-endpoint': {
      const endpoint = index.model.vpcEndpoints.find((candidate) => candidate.id === to.id);
      const target = endpoint
        ? interfaceEndpointPlace(index, endpoint, to.availabilityZone ?? zone)
        : undefined;
      return target ? reach(target) : `${to.id} is not an interface VPC endpoint with a subnet in the model`;
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
