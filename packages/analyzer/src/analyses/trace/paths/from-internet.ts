import type { Flow } from '../../types.js';
import { type Address, publicAddress } from '../address.js';
import { failed } from '../core/hops.js';
import { loadBalancerPlace, workloadPlace } from '../core/places.js';
import type { Forward } from '../core/types.js';
import { describeEndpoint } from '../describe.js';
import { throughApi } from '../elements/api-gateway.js';
import { enterFromInternet } from '../elements/internet-gateway.js';
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
    return enterFromInternet(index, flow, client, node, assumptions, (forward) =>
      throughLoadBalancer(index, forward, balancer, node, flow, assumptions, 0),
    );
  }
  const stage = index.model.restApis
    .flatMap((api) => api.stages.map((candidate) => ({ api, stage: candidate })))
    .find(({ stage: candidate }) => candidate.id === id);
  if (stage !== undefined) return throughApi(index, flow, stage.api, stage.stage, assumptions);
  const workload = workloadPlace(index, id, to.kind === 'workload' ? to.availabilityZone : undefined);
  if (workload === undefined)
    return failed('NOT_REACHABLE_FROM_INTERNET', `${id} is not a public entry of the model`);
  if (!workload.place.publicIp) {
    return failed(
      'NOT_REACHABLE_FROM_INTERNET',
      `${workload.place.node.logicalId} has no public IP: its address is private (in ${workload.subnet.source.logicalId})`,
    );
  }
  return enterFromInternet(index, flow, client, workload, assumptions, (forward) => forward);
}
