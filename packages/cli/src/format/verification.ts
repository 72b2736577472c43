import { describeEndpoint, describeFlow, displayName, type Finding, type FlowResult } from '@moat/analyzer';
import { countFindings, type FindingCounts } from '../finding-counts.js';
import type { Verification } from '../verification.js';
import { formatColumns } from './columns.js';
import { withMention } from './mention.js';
import { plural } from './plural.js';
import { findingText, formatTrace, type NameEndpoint } from './trace.js';

/**
 * `moat verify` as text: one line per flow and per finding, and the full trace of every flow that is
 * not as expected, since that trace names the hop and the setting at fault. Resources are named as people
 * read them; `nameEndpoint` (`endpointNamer(model)`) names the flows' ends.
 */
export function formatVerification(
  verification: Verification,
  nameEndpoint: NameEndpoint = describeEndpoint,
): string {
  const { flows, findings } = verification;
  const broken = flows.filter((flow) => !flow.holds);
  const counts = countFindings(findings);
  const lostZones = verification.azLoss.filter((loss) => !loss.survives);
  const sections = [
    `Flows: ${flows.length - broken.length} of ${flows.length} as expected`,
    formatColumns(flows.map((flow) => flowRow(flow, nameEndpoint))),
    ...broken.map((flow) => indent(formatTrace(flow.trace, flow.expectation.name, nameEndpoint))),
    ...verification.skippedFlows.map((flow) => `  -  ${flow.name}: skipped, ${flow.reason}`),
    `Invariants: ${formatFindingCounts(counts)}`,
  ];
  if (findings.length > 0) sections.push(formatColumns(findings.map(findingRow)));
  sections.push(
    ...[
      ...verification.staleAcknowledgements.map((stale) => stale.message),
      ...verification.acknowledgementProblems,
    ].map((warning) => `  !  ${warning}`),
  );
  sections.push(...formatAzLoss(verification));
  sections.push(
    verification.holds
      ? 'Result: every flow and invariant holds'
      : `Result: ${[
          `${plural(broken.length, 'flow')} not as expected`,
          plural(counts.errors, 'invariant error'),
          ...(verification.highlyAvailable
            ? [`${plural(lostZones.length, 'AZ loss', 'AZ losses')} not survived`]
            : []),
        ].join(', ')}`,
  );
  return `${sections.join('\n')}\n`;
}

/** One line per AZ: survived, or the flows it stops with their new disposition. */
function formatAzLoss({ azLoss, highlyAvailable }: Verification): string[] {
  if (azLoss.length === 0) return [];
  const claim = highlyAvailable
    ? 'the workload runs in several AZs, so each loss must be survived'
    : 'the workload runs in one AZ: for information';
  const rows = azLoss.map((loss) => {
    const stopped = loss.flows.filter((flow) => !flow.holds);
    return [
      loss.survives ? '✓' : highlyAvailable ? '✗' : '!',
      `without ${loss.availabilityZone}`,
      stopped.length === 0
        ? 'every accepted flow still accepted'
        : stopped.map((flow) => `${flow.expectation.name} ${flow.trace.disposition}`).join(', '),
    ];
  });
  return [`AZ loss (${claim}):`, formatColumns(rows)];
}

function flowRow(result: FlowResult, nameEndpoint: NameEndpoint): string[] {
  const { expectation, trace } = result;
  const outcome = result.holds ? trace.disposition : `${trace.disposition}, expected ${expectation.expected}`;
  return [result.holds ? '✓' : '✗', expectation.name, describeFlow(expectation.flow, nameEndpoint), outcome];
}

/** "0 errors, 1 warning", and how many are acknowledged when some are. */
export function formatFindingCounts(counts: FindingCounts): string {
  const open = `${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}`;
  return counts.acknowledged === 0 ? open : `${open}, ${counts.acknowledged} acknowledged`;
}

function findingRow(finding: Finding): string[] {
  const message = withMention(findingText(finding), finding.source && displayName(finding.source));
  if (finding.acknowledgement !== undefined) {
    return [
      '~',
      finding.ruleId,
      `${finding.severity}, acknowledged`,
      `${message} Acknowledged: ${finding.acknowledgement.reason}`,
    ];
  }
  const mark = finding.severity === 'error' ? '✗' : '!';
  const severity = finding.undetermined === true ? `${finding.severity}, undetermined` : finding.severity;
  return [mark, finding.ruleId, severity, message];
}

function indent(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
