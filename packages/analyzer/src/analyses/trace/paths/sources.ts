import type { Endpoint } from '../../types.js';
import { isPrivateText } from '../address.js';
import {
  interfaceEndpointPlace,
  loadBalancerPlace,
  loadBalancerZones,
  privateTarget,
  subnetPlace,
  workloadPlaces,
} from '../core/places.js';
import type { Located } from '../core/types.js';
import type { ModelIndex } from '../model-index.js';

/** The internet, a host on it, a public address: a flow from there enters by an internet gateway. */
export const isOutside = (endpoint: Endpoint): boolean =>
  endpoint.kind === 'internet' ||
  endpoint.kind === 'host' ||
  (endpoint.kind === 'address' && !isPrivateText(endpoint.address));

/**
 * Where a flow from an endpoint inside a VPC starts: one network interface per AZ the endpoint spans (a task of
 * a service, a load balancer node, an interface endpoint's ENI), or the one interface of an instance, a subnet or a
 * private IP; a text when it has none. The endpoint's `availabilityZone`, when it pins one, picks that AZ.
 */
export function sourcePlaces(index: ModelIndex, endpoint: Endpoint): Located[] | string {
  const pinned = (places: Located[]): Located[] => {
    const zone = 'availabilityZone' in endpoint ? endpoint.availabilityZone : undefined;
    const inZone = places.filter((place) => place.availabilityZone === zone);
    return zone === undefined || inZone.length === 0 ? places : inZone;
  };
  const orReason = (places: readonly (Located | undefined)[], reason: string): Located[] | string => {
    const found = new Map<string, Located>();
    for (const place of places) {
      const key = place?.availabilityZone ?? place?.subnet.id;
      if (place !== undefined && key !== undefined && !found.has(key)) found.set(key, place);
    }
    return found.size > 0 ? pinned([...found.values()]) : reason;
  };
  switch (endpoint.kind) {
    case 'workload':
      return orReason(
        workloadPlaces(index, endpoint.id),
        `${endpoint.id} is neither an ECS service nor an EC2 instance with a known subnet`,
      );
    case 'entry': {
      const balancer = index.loadBalancers.get(endpoint.id);
      if (balancer === undefined)
        return `${endpoint.id} is an API stage: API Gateway is outside the VPCs, so a flow can reach it but not start there`;
      const zones = loadBalancerZones(index, balancer);
      return orReason(
        zones.length > 0
          ? zones.map((zone) => loadBalancerPlace(index, balancer, zone))
          : [loadBalancerPlace(index, balancer)],
        `${balancer.source.logicalId} has no subnet in the model`,
      );
    }
    case 'subnet': {
      const subnet = index.subnets.get(endpoint.id);
      return orReason(
        [subnet && subnetPlace(index, subnet)],
        `the CIDR of ${endpoint.id} is not known, so Moat cannot address an interface in it`,
      );
    }
    case 'vpc-endpoint': {
      const vpcEndpoint = index.model.vpcEndpoints.find((candidate) => candidate.id === endpoint.id);
      const zones = vpcEndpoint?.subnetIds.map((id) => index.subnets.get(id)?.availabilityZone) ?? [];
      return orReason(
        vpcEndpoint
          ? zones.map((zone) =>
              interfaceEndpointPlace(index, vpcEndpoint, zone?.known ? zone.value : undefined),
            )
          : [],
        `${endpoint.id} is not an interface VPC endpoint with a subnet in the model`,
      );
    }
    case 'address':
      return orReason(
        [privateTarget(index, endpoint.address, undefined)],
        `no subnet of the model holds ${endpoint.address}`,
      );
    case 'aws-service':
      return `Moat traces flows to an AWS service (${endpoint.service}), not from one`;
    case 'internet':
    case 'host':
      return `${endpoint.kind} is outside the VPCs`;
  }
}
