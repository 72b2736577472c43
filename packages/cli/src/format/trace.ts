import { describeFlow, type Hop, type Source, type Trace } from '@moat/analyzer';
import { formatColumns } from './columns.js';
import { withMention } from './mention.js';
import { plural } from './plural.js';

/** The construct path a CDK user wrote, without CDK's trailing `/Resource`; else stack/logical id. */
export function describeNode(node: Source): string {
  return node.constructPath?.replace(/\/Resource$/, '') ?? `${node.stack}/${node.logicalId}`;
}

export function describeHopDecision(hop: Hop): string {
  return hop.steps
    .map((step) => {
      const text = step.detail === '' ? step.action : `${step.action} ${step.detail}`;
      return withMention(text, step.source?.logicalId);
    })
    .join('; ');
}

/**
 * A trace as SPEC.md shows it: a header with the disposition, one numbered line per hop (kind, construct
 * path, decision), then the return path or the reason the flow stopped.
 */
export function formatTrace(trace: Trace, name?: string): string {
  const facts = [plural(trace.hops.length, 'hop')];
  if (trace.availabilityZone !== undefined) facts.push(`AZ ${trace.availabilityZone}`);
  const title = [name, describeFlow(trace.flow)].filter((part) => part !== undefined).join(' ');
  const lines = [`${title}  ${trace.disposition}  (${facts.join(', ')})`];
  const rows = trace.hops.map((hop, index) => [
    String(index + 1),
    hop.kind,
    describeNode(hop.node),
    describeHopDecision(hop),
  ]);
  if (rows.length > 0) lines.push(formatColumns(rows, { indent: ' ', align: ['right'] }));
  if (trace.returnHops !== undefined && trace.returnHops.length > 0) {
    lines.push(
      ` return: ${trace.returnHops.map((hop) => `${hop.kind} ${describeNode(hop.node)}`).join(' → ')}`,
    );
  }
  if (trace.reason !== undefined) lines.push(` reason: ${trace.reason}`);
  if (trace.unknownReason !== undefined) lines.push(` unknown: ${trace.unknownReason}`);
  for (const assumption of trace.assumptions ?? []) lines.push(` assumes: ${assumption}`);
  return `${lines.join('\n')}\n`;
}
