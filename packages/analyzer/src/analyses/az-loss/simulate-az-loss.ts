import type { NetworkModel } from '../../model/types.js';
import { checkFlows, standardFlows } from '../flows/index.js';
import type { ExpectedFlow, FlowResult } from '../types.js';
import { availabilityZonesOf, withoutAvailabilityZone } from './without-availability-zone.js';

export interface AzLossResult {
  readonly availabilityZone: string;
  /** Each flow that was accepted with every AZ up, checked again without this one. */
  readonly flows: readonly FlowResult[];
  /** True when every flow accepted before is still accepted. */
  readonly survives: boolean;
}

/**
 * For each AZ of the model: the flows expected and found ACCEPTED with every AZ up (from every AZ of their
 * source, the expected way), traced again in the model without that AZ. SPEC: every accepted flow must still be accepted in steps that claim high
 * availability; which steps claim it is the caller's decision.
 */
export function simulateAzLoss(
  model: NetworkModel,
  expectations: readonly ExpectedFlow[] = standardFlows(model),
): readonly AzLossResult[] {
  const accepted = checkFlows(
    model,
    expectations.filter((expectation) => expectation.expected === 'ACCEPTED'),
  )
    .filter((result) => result.holds)
    .map((result) => result.expectation);
  return availabilityZonesOf(model).map((availabilityZone) => {
    const flows = checkFlows(
      withoutAvailabilityZone(model, availabilityZone),
      accepted.map((expectation) => unpinned(expectation, availabilityZone)),
    );
    return { availabilityZone, flows, survives: flows.every((result) => result.holds) };
  });
}

/** A flow pinned to the lost AZ starts wherever its workload still runs: ECS replaces the lost tasks. */
function unpinned(expectation: ExpectedFlow, lost: string): ExpectedFlow {
  const from = expectation.flow.from;
  if (from.kind !== 'workload' || from.availabilityZone !== lost) return expectation;
  return { ...expectation, flow: { ...expectation.flow, from: { kind: 'workload', id: from.id } } };
}
