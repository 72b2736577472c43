import type { NetworkModel, Source } from '../../model/types.js';
import { displayName } from '../names.js';
import type { Endpoint } from '../types.js';

/** An element a flow can start or end at, with every name a user may give it. */
export interface NamedEndpoint {
  readonly source: Source;
  /** What the element is as an end of a flow, or why it cannot be one. */
  readonly endpoint: Endpoint | string;
  readonly names: readonly string[];
}

/** Ids CDK gives the L1 under an L2 construct, which a user may leave out of a construct path. */
const GENERATED_LEAF = /\/(Resource|Default)$/;

/**
 * The names of an element: its model id (`stack/logicalId`), logical ID, construct path (whole or below the
 * stack, with or without CDK's `/Resource` leaf) and the name Moat shows for it.
 */
function namesOf(id: string, source: Source): string[] {
  const path = source.constructPath;
  const paths = path === undefined ? [] : [path, path.split('/').slice(1).join('/')];
  return [
    ...new Set([
      id,
      source.logicalId,
      ...paths.flatMap((candidate) => [candidate, candidate.replace(GENERATED_LEAF, '')]),
      displayName(source),
    ]),
  ].filter((name) => name !== '');
}

/**
 * Every element that has a network interface a flow can start or end at: ECS services and instances
 * (workloads), load balancers and API stages (entries), subnets (an interface anywhere in them) and VPC
 * endpoints (an interface endpoint's ENI; a gateway endpoint stands for its AWS service).
 */
export function namedEndpoints(model: NetworkModel): NamedEndpoint[] {
  const named = (
    element: { readonly id: string; readonly source: Source },
    endpoint: Endpoint | string,
  ): NamedEndpoint => ({ source: element.source, endpoint, names: namesOf(element.id, element.source) });
  return [
    ...[...model.ecsServices, ...model.instances].map((workload) =>
      named(workload, { kind: 'workload', id: workload.id }),
    ),
    ...[
      ...model.loadBalancers,
      ...model.restApis.flatMap((api) => api.stages),
      ...model.httpApis.flatMap((api) => api.stages),
    ].map((entry) => named(entry, { kind: 'entry', id: entry.id })),
    ...model.subnets.map((subnet) => named(subnet, { kind: 'subnet', id: subnet.id })),
    ...model.vpcEndpoints.map((endpoint) =>
      named(
        endpoint,
        endpoint.kind === 'Interface'
          ? { kind: 'vpc-endpoint', id: endpoint.id }
          : endpoint.kind === 'Gateway'
            ? endpoint.service.known
              ? { kind: 'aws-service', service: endpoint.service.value }
              : `gateway endpoint ${endpoint.source.logicalId} has no known service: ${endpoint.service.reason}`
            : `${endpoint.source.logicalId} is a Gateway Load Balancer endpoint: a route target that hands packets to appliances, not the end of a flow`,
      ),
    ),
  ];
}

/**
 * The elements a name denotes: those with that exact name, else those with it in another case, else those whose
 * construct path it begins (`Vpc/PrivateSubnet1` for `Stack/Vpc/PrivateSubnet1/Subnet`).
 */
export function elementsNamed(candidates: readonly NamedEndpoint[], text: string): NamedEndpoint[] {
  const exact = candidates.filter((candidate) => candidate.names.includes(text));
  if (exact.length > 0) return exact;
  const lower = text.toLowerCase();
  const folded = candidates.filter((candidate) =>
    candidate.names.some((name) => name.toLowerCase() === lower),
  );
  if (folded.length > 0) return folded;
  return candidates.filter((candidate) => {
    const path = candidate.source.constructPath;
    return (
      path !== undefined &&
      (path.startsWith(`${text}/`) || path.split('/').slice(1).join('/').startsWith(`${text}/`))
    );
  });
}
