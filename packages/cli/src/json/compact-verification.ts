import type { Hop, Source, Trace } from '@moat/analyzer';
import type { Verification } from '../verification.js';

/**
 * `moat verify --json --compact`: the same verdict with each resource described once. Hops, steps and
 * findings name resources by id (`stack/logicalId`) in a `resources` table; a flow keeps its per-AZ
 * traces but not the copy of one of them that the full document has as `trace`; an AZ loss lists only
 * the flows it stops, with their disposition and reason instead of their traces.
 */
export function compactVerification(verification: Verification): object {
  const resources: Record<string, Source> = {};
  const ref = (source: Source): string => {
    const id = `${source.stack}/${source.logicalId}`;
    resources[id] ??= source;
    return id;
  };
  const hop = ({ node, steps, ...rest }: Hop) => ({
    ...rest,
    node: ref(node),
    steps: steps.map(({ source, ...step }) =>
      source === undefined ? step : { ...step, source: ref(source) },
    ),
  });
  const trace = ({ flow: _flow, hops, returnHops, ...rest }: Trace) => ({
    ...rest,
    hops: hops.map(hop),
    ...(returnHops === undefined ? {} : { returnHops: returnHops.map(hop) }),
  });
  const flows = verification.flows.map((result) => ({
    ...result.expectation,
    holds: result.holds,
    traces: result.traces.map(trace),
  }));
  const findings = verification.findings.map(({ source, ...finding }) =>
    source === undefined ? finding : { ...finding, source: ref(source) },
  );
  const azLoss = verification.azLoss.map((loss) => ({
    availabilityZone: loss.availabilityZone,
    survives: loss.survives,
    stopped: loss.flows
      .filter((flow) => !flow.holds)
      .map((flow) => ({
        name: flow.expectation.name,
        disposition: flow.trace.disposition,
        ...(flow.trace.reason === undefined ? {} : { reason: flow.trace.reason }),
      })),
  }));
  return {
    holds: verification.holds,
    highlyAvailable: verification.highlyAvailable,
    flows,
    findings,
    staleAcknowledgements: verification.staleAcknowledgements.map((stale) => stale.message),
    acknowledgementProblems: verification.acknowledgementProblems,
    skippedFlows: verification.skippedFlows,
    azLoss,
    resources,
  };
}
