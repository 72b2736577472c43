import {
  describeEndpoint,
  describeFlow,
  describeSource,
  displayName,
  type Endpoint,
  type Finding,
  type Hop,
  type Source,
  type Trace,
} from '@moat/analyzer';
import { formatColumns } from './columns.js';
import { withMention } from './mention.js';
import { plural } from './plural.js';

/** Names a flow's ends: `endpointNamer(model)` from the analyzer, or the logical id when there is no model. */
export type NameEndpoint = (endpoint: Endpoint) => string;

/** A resource as people read it (`Alb`, `EgressVpc/PublicSubnet1/NATGateway`); `--json` keeps the logical id. */
export function describeNode(node: Source): string {
  return displayName(node);
}

export function describeHopDecision(hop: Hop): string {
  return hop.steps
    .map((step) => {
      const text = step.detail === '' ? step.action : `${step.action} ${step.detail}`;
      return withMention(text, step.source && displayName(step.source));
    })
    .join('; ');
}

/**
 * A finding's sentence with the resource named as people read it: the invariants start their messages with
 * where the resource is in the templates (`MoatNetwork/ApiRestApiDeploymentStageprodE828476C (…): `), which
 * stays in `--json`.
 */
export function findingText(finding: Finding): string {
  if (finding.source === undefined) return finding.message;
  const location = `${describeSource(finding.source)}: `;
  return finding.message.startsWith(location)
    ? `${displayName(finding.source)}: ${finding.message.slice(location.length)}`
    : finding.message;
}

/**
 * A trace as SPEC.md shows it: a header with the disposition, one numbered line per hop (kind, resource,
 * decision), then the return path or the reason the flow stopped.
 */
export function formatTrace(
  trace: Trace,
  name?: string,
  nameEndpoint: NameEndpoint = describeEndpoint,
): string {
  const facts = [plural(trace.hops.length, 'hop')];
  if (trace.availabilityZone !== undefined) facts.push(`AZ ${trace.availabilityZone}`);
  const title = [name, describeFlow(trace.flow, nameEndpoint)].filter((part) => part !== undefined).join(' ');
  const lines = [`${title}  ${trace.disposition}  (${facts.join(', ')})`];
  const rows = trace.hops.map((hop, index) => [
    String(index + 1),
    hop.kind,
    describeNode(hop.node),
    describeHopDecision(hop),
  ]);
  if (rows.length > 0) lines.push(formatColumns(rows, { indent: ' ', align: ['right'] }));
  if (trace.returnHops !== undefined && trace.returnHops.length > 0) {
    lines.push(` return: ${describeReturn(trace.returnHops)}`);
  }
  if (trace.reason !== undefined) lines.push(` reason: ${trace.reason}`);
  if (trace.unknownReason !== undefined) lines.push(` unknown: ${trace.unknownReason}`);
  for (const assumption of trace.assumptions ?? []) lines.push(` assumes: ${assumption}`);
  return `${lines.join('\n')}\n`;
}

/** The reply's hops in one line: `task ENI PriceService → subnet ContainerVpc/PrivateSubnet1 → …`. */
export function describeReturn(hops: readonly Hop[]): string {
  return hops.map((hop) => `${hop.kind} ${describeNode(hop.node)}`).join(' → ');
}
