import type { LoadBalancer, TargetGroup } from '../../../model/types.js';
import type { Step } from '../../types.js';
import { type Address, describeAddress } from '../address.js';
import { privateTarget, workloadPlace, workloadPlaces } from '../core/places.js';
import type { Located } from '../core/types.js';
import type { ModelIndex } from '../model-index.js';

/** A target a load balancer node can send to, and whether it is in every AZ (an IP target outside the VPC). */
interface Candidate {
  readonly located: Located;
  readonly anyZone: boolean;
}

/**
 * The target a load balancer node in `zone` forwards to. With cross-zone load balancing the node may pick a target
 * in any enabled AZ (the trace prefers its own); without it, only one in its own AZ, or an IP target registered in
 * `all` AZs (outside the VPC). Cross-zone is on for an ALB and off by default for an NLB; a target group's
 * `load_balancing.cross_zone.enabled` overrides the load balancer's setting.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html#cross-zone-load-balancing
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/network/edit-target-group-attributes.html#target-group-cross-zone
 */
export function pickTarget(
  index: ModelIndex,
  balancer: LoadBalancer,
  group: TargetGroup,
  zone: string | undefined,
):
  | { readonly target: Located; readonly step?: Step }
  | { readonly reason: string; readonly disposition: 'NO_ROUTE' | 'UNKNOWN' } {
  const candidates = targetsOf(index, group, zone);
  const first = candidates[0];
  // A service without subnets Moat can read (one an AZ loss removed is not in the model any more).
  const unplaced = group.ecsServiceIds
    .map((id) => index.ecsServices.get(id))
    .find((service) => service !== undefined && service.subnetIds.length === 0);
  if (first === undefined && unplaced !== undefined)
    return {
      disposition: 'UNKNOWN',
      reason:
        unplaced.containerInstances !== undefined && 'unknown' in unplaced.containerInstances
          ? unplaced.containerInstances.unknown
          : `ECS service ${unplaced.source.logicalId} registers the targets of ${group.source.logicalId} at run time, and the templates give its tasks no subnet Moat can read`,
    };
  if (group.targetsLostWith !== undefined && first === undefined)
    return {
      disposition: 'NO_ROUTE',
      reason: `the targets of ${group.source.logicalId} were in ${group.targetsLostWith}`,
    };
  if (first === undefined && group.targets.length === 0 && group.ecsServiceIds.length === 0)
    return {
      disposition: 'UNKNOWN',
      reason: `target group ${group.source.logicalId} registers no target in the templates: its targets are registered at run time (an Auto Scaling group, the API), which Moat cannot place`,
    };
  if (first === undefined)
    return {
      disposition: 'NO_ROUTE',
      reason: `target group ${group.source.logicalId} has no target Moat can place`,
    };
  const local = candidates.find(
    (candidate) => candidate.anyZone || zone === undefined || candidate.located.availabilityZone === zone,
  );
  const crossZone = group.crossZone ?? balancer.crossZone;
  if (crossZone) return { target: (local ?? first).located };
  const off =
    group.crossZone === false
      ? `off in target group ${group.source.logicalId}`
      : `off for ${balancer.source.logicalId} (the NLB default)`;
  if (local === undefined)
    return {
      disposition: 'NO_ROUTE',
      reason: `cross-zone load balancing is ${off}, and ${group.source.logicalId} has no target in ${zone}: the node there has nothing to forward to`,
    };
  return { target: local.located, step: { action: 'cross-zone', detail: `${off}: a target in ${zone}` } };
}

function targetsOf(index: ModelIndex, group: TargetGroup, zone: string | undefined): Candidate[] {
  const inVpc = (located: Located | undefined): Candidate[] =>
    located === undefined ? [] : [{ located, anyZone: false }];
  const fromServices = group.ecsServiceIds.flatMap((id) =>
    workloadPlaces(index, id).map((located) => ({ located, anyZone: false })),
  );
  const registered = group.targets.flatMap((target): Candidate[] => {
    if (!target.address.known) return [];
    if (group.targetType === 'instance') return inVpc(workloadPlace(index, target.address.value, zone));
    const located = privateTarget(index, target.address.value, zone);
    return located === undefined ? [] : [{ located, anyZone: target.availabilityZone === 'all' }];
  });
  return [...fromServices, ...registered];
}

/**
 * The source a target sees. An NLB keeps the client's address when client IP preservation is on: by default for
 * instance targets and for IP targets over UDP or TCP_UDP, off for IP targets over TCP or TLS, and as the target
 * group's `preserve_client_ip.enabled` says. The target's security groups then judge the client's address (or the
 * NLB's security groups, which a rule may reference); otherwise they see the node's private address. An ALB always
 * connects from its node. https://docs.aws.amazon.com/elasticloadbalancing/latest/network/edit-target-group-attributes.html#client-ip-preservation
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html
 */
export function targetSees(
  balancer: LoadBalancer,
  group: TargetGroup,
  client: Address,
): { readonly preserved: boolean; readonly step?: Step } {
  if (balancer.kind !== 'network') return { preserved: false };
  const byDefault = group.targetType === 'instance' || /^(UDP|TCP_UDP)$/.test(group.protocol);
  const preserved = group.preserveClientIp ?? byDefault;
  const why =
    group.preserveClientIp === undefined
      ? `the default for ${group.targetType} targets`
      : `preserve_client_ip.enabled is ${preserved}`;
  return {
    preserved,
    step: {
      action: 'client IP',
      detail: preserved
        ? `preserved (${why}): the target sees ${describeAddress(client)}`
        : `not preserved (${why}): the target sees the NLB node's address`,
    },
  };
}
