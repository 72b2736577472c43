import type { Disposition } from '@moat/analyzer';
import type { FlowSummary } from '../plan/summary.js';

/**
 * Flows across designs are matched by name (a design in another region reaches other endpoints under the
 * same name). A design keeps a flow when every flow of that name is as expected (aws-services is one flow per
 * interface endpoint) and breaks it when one is not; a design that checks no flow of that name (a config flow
 * it skips) counts on neither side.
 */
export type FlowOutcome =
  | { readonly kept: true }
  | { readonly kept: false; readonly actual: readonly Disposition[]; readonly expected: Disposition };

/** A flow the designs disagree on: as expected in some, not in others. */
export interface FlowDifference {
  readonly flow: string;
  readonly keptBy: readonly string[];
  readonly brokenBy: readonly BrokenFlow[];
}

export interface BrokenFlow {
  readonly label: string;
  /** The dispositions of the flows of that name that are not as expected, each once. */
  readonly actual: readonly Disposition[];
  readonly expected: Disposition;
}

/** Undefined when the design checks no flow of that name. */
export function flowOutcome(flows: readonly FlowSummary[], name: string): FlowOutcome | undefined {
  const named = flows.filter((flow) => flow.name === name);
  const broken = named.filter((flow) => !flow.holds);
  const [first] = broken;
  if (named.length === 0) return undefined;
  if (first === undefined) return { kept: true };
  return { kept: false, actual: [...new Set(broken.map((flow) => flow.actual))], expected: first.expected };
}

/** The names of the flows a design breaks, each once, in its order. */
export function brokenFlowNames(flows: readonly FlowSummary[]): readonly string[] {
  return [...new Set(flows.filter((flow) => !flow.holds).map((flow) => flow.name))];
}

/** The flows some designs keep and others break, in the order the designs check them. */
export function flowDifferences(
  designs: readonly { readonly label: string; readonly flows: readonly FlowSummary[] }[],
): readonly FlowDifference[] {
  const names = [...new Set(designs.flatMap((design) => design.flows.map((flow) => flow.name)))];
  return names.flatMap((flow): FlowDifference[] => {
    const keptBy: string[] = [];
    const brokenBy: BrokenFlow[] = [];
    for (const { label, flows } of designs) {
      const outcome = flowOutcome(flows, flow);
      if (outcome?.kept === true) keptBy.push(label);
      else if (outcome !== undefined)
        brokenBy.push({ label, actual: outcome.actual, expected: outcome.expected });
    }
    return keptBy.length > 0 && brokenBy.length > 0 ? [{ flow, keptBy, brokenBy }] : [];
  });
}
