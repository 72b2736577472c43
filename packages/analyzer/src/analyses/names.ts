import type { ElementId, NetworkModel, Source } from '../model/types.js';
import { describeEndpoint } from './trace/describe.js';
import type { Endpoint } from './types.js';

/**
 * What a person calls a resource, everywhere Moat shows one (CLI text, report, diagram): the part of the CDK
 * construct path they wrote, else the `Name` tag of a plain CloudFormation template, else the logical id
 * without CDK's hash. The logical id itself stays in every `Source` (and so in `--json`).
 */

/** Ids CDK gives the L1 under an L2 construct (`Alb/LoadBalancer/Resource`): never what a user wrote. */
const generatedLeafIds = new Set(['Resource', 'Default']);

/** CDK's RestApi puts its deployment stage at `<api>/DeploymentStage.<stage name>`. */
const cdkStageId = /^DeploymentStage\.(.+)$/;

/** The class part of a CloudFormation type: `LoadBalancer` of `AWS::ElasticLoadBalancingV2::LoadBalancer`. */
const typeClass = (type: string): string => type.split('::').at(-1) ?? type;

/**
 * A construct path's segments below the stack (without CDK's generated L1 id), without the ids that only repeat
 * something else: one that repeats its parent (`WebAcl/WebAcl`), or one that only names the resource's type
 * inside the user's construct (`Alb/LoadBalancer`, `PriceService/Service`). One segment always stays.
 */
const meaningfulSegments = (segments: readonly string[], type: string): string[] => {
  const kept = [...segments];
  const className = typeClass(type);
  while (kept.length > 1) {
    const last = kept.at(-1);
    if (last !== className && last !== kept.at(-2)) break;
    kept.pop();
  }
  return kept;
};

const fromConstructPath = (source: Source, constructPath: string): string | undefined => {
  // The first segment is the stack; a path with nothing below it names no construct.
  const segments = constructPath.split('/').slice(1);
  if (segments.length === 0) return undefined;
  if (segments.length > 1 && generatedLeafIds.has(segments.at(-1) ?? '')) segments.pop();
  const stage = cdkStageId.exec(segments.at(-1) ?? '');
  if (stage && segments.length > 1) {
    return `${meaningfulSegments(segments.slice(0, -1), 'AWS::ApiGateway::RestApi').join('/')} stage ${stage[1]}`;
  }
  return meaningfulSegments(segments, source.type).join('/');
};

/** A CDK logical id is the path's ids run together plus an 8-hex-digit hash of the path; this drops the hash. */
export const withoutCdkHash = (logicalId: string): string =>
  /^(.+)[0-9A-F]{8}$/.exec(logicalId)?.[1] ?? logicalId;

/** The name a person reads for a resource; the logical id stays available in `source`. */
export const displayName = (source: Source): string =>
  (source.constructPath === undefined ? undefined : fromConstructPath(source, source.constructPath)) ??
  source.nameTag ??
  withoutCdkHash(source.logicalId);

/** Every element of the model that a flow can start or end at, by id. */
const endpointSources = (model: NetworkModel): Map<ElementId, Source> => {
  const elements = [
    ...model.ecsServices,
    ...model.instances,
    ...model.loadBalancers,
    ...model.restApis.flatMap((api) => api.stages),
    ...model.httpApis.flatMap((api) => api.stages),
    ...model.subnets,
    ...model.vpcEndpoints,
  ];
  return new Map(elements.map((element) => [element.id, element.source]));
};

/**
 * Names a flow's ends as people read them: a task, load balancer, API stage, subnet or VPC endpoint by
 * `displayName`, anything else (the internet, a host, an AWS service) as traces describe it. Pass it to
 * `describeFlow`.
 */
export const endpointNamer = (model: NetworkModel): ((endpoint: Endpoint) => string) => {
  const sources = endpointSources(model);
  return (endpoint) => {
    if (!('id' in endpoint)) return describeEndpoint(endpoint);
    const source = sources.get(endpoint.id);
    return source === undefined ? describeEndpoint(endpoint) : displayName(source);
  };
};

/** `stack/logicalId · type`: where a named resource is in the templates, for a tooltip beside its name. */
export const sourceLocation = (source: Source): string =>
  `${source.stack}/${source.logicalId} · ${source.type}`;
