import type { Explanation, NetworkInsightsAnalysis } from '@aws-sdk/client-ec2';
import type { Element, NetworkModel, Source, Trace } from '@moat/analyzer';
import type { Deployment } from '../deployment/map-deployment.js';
import type { FlowRow } from '../flow-rows.js';
import { analyzerCheckpoints, type Checkpoint, moatCheckpoints } from './checkpoints.js';

/** Where Moat's path and Reachability Analyzer's part: the first checkpoint that differs, with both sides. */
export interface Divergence {
  /** 1-based position among the checkpoints. */
  readonly position: number;
  readonly moat?: Checkpoint;
  readonly analyzer?: Checkpoint;
}

export type AnalyzerVerdict =
  /** RA found a path; `divergence` when it is not Moat's path. */
  | { readonly kind: 'reachable'; readonly divergence?: Divergence; readonly note?: string }
  /** `blockedAt`: the template resource of the component RA says stops the flow, when it is one of the assembly's. */
  | { readonly kind: 'not reachable'; readonly explanation: string; readonly blockedAt?: Source }
  /** RA ran but its answer cannot settle this flow (a host-name rule, rules RA skips). */
  | { readonly kind: 'undecided'; readonly reason: string; readonly divergence?: Divergence }
  | { readonly kind: 'not run'; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string };

/**
 * A flow whose offline verdict came from a host-name rule of the firewall (TLS SNI, HTTP Host): a
 * Network Insights path has a destination IP and no host name (CreateNetworkInsightsPath takes
 * `DestinationIp` only), so RA cannot judge what the firewall does with it; its hops still compare.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateNetworkInsightsPath.html
 */
export const decidedByHostName = (trace: Trace): boolean =>
  trace.flow.to.kind === 'host' && trace.hops.some((hop) => hop.kind === 'firewall');

/**
 * RA reports rules it ignored with these additional detail codes and asks to verify the result:
 * https://docs.aws.amazon.com/vpc/latest/reachability/additional-detail-codes.html
 */
const UNSUPPORTED_RULES = /^FIREWALL_UNSUPPORTED_/;

export function judgeAnalysis(
  analysis: NetworkInsightsAnalysis,
  row: FlowRow,
  model: NetworkModel,
  deployment: Pick<Deployment, 'physicalId' | 'elementIdOf'>,
): AnalyzerVerdict {
  const physicalId = deployment.physicalId;
  if (analysis.Status === 'failed') {
    return { kind: 'failed', reason: analysis.StatusMessage ?? 'the analysis failed without a message' };
  }
  const components = analysis.ForwardPathComponents ?? [];
  const skipped = components.flatMap((component) =>
    (component.AdditionalDetails ?? []).flatMap((detail) =>
      detail.AdditionalDetailType !== undefined && UNSUPPORTED_RULES.test(detail.AdditionalDetailType)
        ? [`${detail.AdditionalDetailType} at ${component.Component?.Id ?? '?'}`]
        : [],
    ),
  );
  const byHostName = decidedByHostName(row.trace);
  if (analysis.NetworkPathFound !== true) {
    const explanation = explain(analysis);
    return byHostName
      ? {
          kind: 'undecided',
          reason: `a host-name rule decides this flow; RA: not reachable (${explanation})`,
        }
      : { kind: 'not reachable', explanation, ...blockedAt(analysis, row.trace, model, deployment) };
  }
  const divergence = bestDivergence(row, analyzerCheckpoints(components), model, physicalId, byHostName);
  if (byHostName) {
    return {
      kind: 'undecided',
      reason:
        'a host-name rule of the firewall decides this flow, and a Network Insights path has no host name',
      ...(divergence.divergence === undefined ? {} : { divergence: divergence.divergence }),
    };
  }
  if (skipped.length > 0) {
    return {
      kind: 'undecided',
      reason: `RA ignored firewall rules it does not support (${skipped.join(', ')})`,
      ...(divergence.divergence === undefined ? {} : { divergence: divergence.divergence }),
    };
  }
  return {
    kind: 'reachable',
    ...(divergence.divergence === undefined ? {} : { divergence: divergence.divergence }),
    ...(divergence.note === undefined ? {} : { note: divergence.note }),
  };
}

/**
 * RA shows one path when several exist (https://docs.aws.amazon.com/vpc/latest/reachability/how-reachability-analyzer-works.html),
 * so a path that matches another AZ's trace of the same flow agrees; otherwise the row's own trace is
 * compared and its first divergence reported.
 */
function bestDivergence(
  row: FlowRow,
  analyzer: readonly Checkpoint[],
  model: NetworkModel,
  physicalId: (elementId: string) => string | undefined,
  untilFirewall: boolean,
): { divergence?: Divergence; note?: string } {
  const cut = (checkpoints: readonly Checkpoint[]): readonly Checkpoint[] => {
    if (!untilFirewall) return checkpoints;
    const firewall = checkpoints.findIndex((checkpoint) => checkpoint.kind === 'firewall');
    return firewall < 0 ? checkpoints : checkpoints.slice(0, firewall + 1);
  };
  const own = compareCheckpoints(cut(moatCheckpoints(row.trace, model, physicalId)), cut(analyzer));
  if (own === undefined) return {};
  for (const sibling of row.siblings) {
    if (compareCheckpoints(cut(moatCheckpoints(sibling, model, physicalId)), cut(analyzer)) === undefined) {
      return {
        note: `RA showed the path Moat traces${sibling.availabilityZone ? ` from ${sibling.availabilityZone}` : ' for another entry AZ'}`,
      };
    }
  }
  return { divergence: own };
}

/** The first checkpoint where the two paths differ in kind or resource; undefined when they agree. */
export function compareCheckpoints(
  moat: readonly Checkpoint[],
  analyzer: readonly Checkpoint[],
): Divergence | undefined {
  const length = Math.max(moat.length, analyzer.length);
  for (let index = 0; index < length; index++) {
    const ours = moat[index];
    const theirs = analyzer[index];
    if (ours === undefined || theirs === undefined || !samePlace(ours, theirs)) {
      return {
        position: index + 1,
        ...(ours === undefined ? {} : { moat: ours }),
        ...(theirs === undefined ? {} : { analyzer: theirs }),
      };
    }
  }
  return undefined;
}

function samePlace(ours: Checkpoint, theirs: Checkpoint): boolean {
  if (ours.kind !== theirs.kind) return false;
  if (ours.id === undefined || theirs.id === undefined) return true;
  // RA may name a firewall by the endpoint it crossed (vpce-...) rather than the firewall's ARN.
  if (ours.kind === 'firewall' && !(ours.id.startsWith('arn:') && theirs.id.startsWith('arn:'))) return true;
  return ours.id === theirs.id;
}

/** RA's explanation codes with the component each names, as one line. */
function explain(analysis: NetworkInsightsAnalysis): string {
  const explanations = analysis.Explanations ?? [];
  if (explanations.length === 0) return 'no explanation given';
  return explanations
    .map((explanation) => {
      const where =
        explanation.Component?.Id ??
        explanation.SecurityGroup?.Id ??
        explanation.RouteTable?.Id ??
        explanation.Acl?.Id ??
        explanation.InternetGateway?.Id;
      return `${explanation.ExplanationCode ?? 'UNKNOWN'}${where ? ` at ${where}` : ''}`;
    })
    .join(', ');
}

/**
 * The template resource of the first component RA's explanations name that the assembly holds: Moat's hop on it
 * when the trace crosses it, else the resource itself (a security group, a route table, a network ACL). The
 * fields of an explanation that name a component:
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Explanation.html
 */
function blockedAt(
  analysis: NetworkInsightsAnalysis,
  trace: Trace,
  model: NetworkModel,
  deployment: Pick<Deployment, 'elementIdOf'>,
): { blockedAt?: Source } {
  const named = (explanation: Explanation) =>
    [
      explanation.Component,
      explanation.SecurityGroup,
      explanation.RouteTable,
      explanation.SubnetRouteTable,
      explanation.Acl,
      explanation.InternetGateway,
      explanation.NatGateway,
      explanation.TransitGatewayRouteTable,
      explanation.VpcEndpoint,
      explanation.Subnet,
    ].flatMap((component) => [component?.Id, component?.Arn]);
  const elements: readonly Element[] = [
    ...model.securityGroups,
    ...model.routeTables,
    ...model.networkAcls,
    ...model.internetGateways,
    ...model.natGateways,
    ...model.transitGatewayRouteTables,
    ...model.vpcEndpoints,
    ...model.subnets,
    ...model.loadBalancers,
    ...model.firewalls,
  ];
  for (const physical of (analysis.Explanations ?? []).flatMap(named)) {
    const elementId = physical === undefined ? undefined : deployment.elementIdOf(physical);
    if (elementId === undefined) continue;
    const hop = trace.hops.find(
      (candidate) => `${candidate.node.stack}/${candidate.node.logicalId}` === elementId,
    );
    const source = hop?.node ?? elements.find((element) => element.id === elementId)?.source;
    if (source !== undefined) return { blockedAt: source };
  }
  return {};
}
