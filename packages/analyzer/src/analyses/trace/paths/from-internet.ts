import type { Flow } from '../../types.js';
import { type Address, publicAddress } from '../address.js';
import { failed, newSession } from '../core/hops.js';
import { loadBalancerPlace, workloadPlace } from '../core/places.js';
import type { Forward, Located, Packet } from '../core/types.js';
import { walkIn } from '../core/walk.js';
import { describeEndpoint } from '../describe.js';
import { throughApi } from '../elements/api-gateway.js';
import { throughHttpApi } from '../elements/http-api.js';
import { throughLoadBalancer } from '../elements/load-balancer.js';
import type { ModelIndex } from '../model-index.js';

/** A client on the internet: only public entries (internet-facing load balancer, API stage, public IP) answer. */
export function fromInternet(index: ModelIndex, flow: Flow, assumptions: string[]): Forward {
  const to = flow.to;
  const id = to.kind === 'entry' || to.kind === 'workload' ? to.id : undefined;
  if (id === undefined)
    return failed('NOT_REACHABLE_FROM_INTERNET', `${describeEndpoint(to)} has no public address`);
  const client: Address = publicAddress(flow.from);
  const balancer = index.loadBalancers.get(id);
  if (balancer !== undefined) {
    if (balancer.scheme === 'internal') {
      return failed(
        'NOT_REACHABLE_FROM_INTERNET',
        `${balancer.source.logicalId} is an internal load balancer: it has no public address`,
      );
    }
    const node = loadBalancerPlace(index, balancer, to.kind === 'entry' ? to.availabilityZone : undefined);
    if (node === undefined)
      return failed('UNKNOWN', `${balancer.source.logicalId} has no subnet in the model`);
    const entered = enterFromInternet(index, flow, client, node, assumptions);
    return entered.disposition === 'ACCEPTED'
      ? throughLoadBalancer(index, entered, balancer, node, flow, assumptions, 0)
      : entered;
  }
  const stage = index.model.restApis
    .flatMap((api) => api.stages.map((candidate) => ({ api, stage: candidate })))
    .find(({ stage: candidate }) => candidate.id === id);
  if (stage !== undefined) return throughApi(index, flow, stage.api, stage.stage, assumptions);
  const httpStage = index.model.httpApis
    .flatMap((api) => api.stages.map((candidate) => ({ api, stage: candidate })))
    .find(({ stage: candidate }) => candidate.id === id);
  if (httpStage !== undefined)
    return throughHttpApi(index, flow, httpStage.api, httpStage.stage, assumptions);
  const workload = workloadPlace(index, id, to.kind === 'workload' ? to.availabilityZone : undefined);
  if (workload === undefined)
    return failed('NOT_REACHABLE_FROM_INTERNET', `${id} is not a public entry of the model`);
  if (!workload.place.publicIp) {
    return failed(
      'NOT_REACHABLE_FROM_INTERNET',
      `${workload.place.node.logicalId} has no public IP: its address is private (in ${workload.subnet.source.logicalId})`,
    );
  }
  return enterFromInternet(index, flow, client, workload, assumptions);
}

/**
 * Internet → internet gateway → a public network interface (load balancer node, public IP): the gateway
 * translates the public destination to the interface's private address and routes it by its gateway route table
 * (an edge route may send it through a firewall endpoint first, elements/internet-gateway.ts); the entry
 * subnet's network ACL and the interface's security groups decide.
 */
function enterFromInternet(
  index: ModelIndex,
  flow: Flow,
  client: Address,
  entry: Located,
  assumptions: string[],
): Forward {
  const gateway = index.internetGatewayByVpc.get(entry.vpcId);
  if (gateway === undefined) {
    return failed(
      'NOT_REACHABLE_FROM_INTERNET',
      `the VPC of ${entry.place.node.logicalId} has no internet gateway`,
    );
  }
  const session = newSession(assumptions);
  const packet: Packet = {
    source: client,
    destination: entry.address,
    protocol: flow.protocol,
    port: flow.port,
    destinationPorts: { from: flow.port, to: flow.port },
    sourceGroupIds: [],
  };
  const outcome = walkIn(
    index,
    gateway,
    { action: 'forward', detail: `internet → public IP of ${entry.place.node.logicalId}` },
    packet,
    { kind: 'nic', place: entry.place, vpcId: entry.vpcId },
    session,
  );
  return {
    disposition: outcome.disposition,
    hops: outcome.hops,
    legs: [{ packet, session, outcome, reached: entry }],
    ...(outcome.reason ? { reason: outcome.reason } : {}),
  };
}
