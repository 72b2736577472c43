import type { Source } from '../../model/types.js';
import { describeFlow } from '../trace/index.js';
import type { FlowResult } from '../types.js';
import type { Verification } from './index.js';

/** A flow that breaks a verification: not as expected, or stopped by the loss of an AZ. */
export interface FailedFlow {
  /** `flow/<name>` for a flow not as expected, `az-loss` for one an AZ loss stops. */
  readonly ruleId: string;
  readonly result: FlowResult;
  /** One sentence: the flow, how it ended and from which AZ, what was expected, and why. */
  readonly message: string;
  /** The resource of the hop where the trace ended: where to look first. */
  readonly at?: Source;
  /** For `az-loss`: the AZ whose loss stops the flow. */
  readonly lostAvailabilityZone?: string;
}

/**
 * The flows that make a verification fail, each with its message, for reports that list problems one by
 * one (SARIF, a CDK validation report): the flows not as expected, then, when the workload claims high
 * availability, the flows each AZ loss stops.
 */
export function failedFlows(verification: Verification): readonly FailedFlow[] {
  const failed = (ruleId: string, result: FlowResult, lost?: string): FailedFlow => {
    const prefix = lost === undefined ? '' : `Without ${lost}: `;
    const { trace, expectation } = result;
    const where = trace.availabilityZone === undefined ? '' : ` from ${trace.availabilityZone}`;
    const why = trace.reason ?? trace.unknownReason;
    const at = trace.hops.at(-1)?.node;
    return {
      ruleId,
      result,
      message: `${prefix}${expectation.name}: ${describeFlow(expectation.flow)} is ${trace.disposition}${where}, expected ${expectation.expected}.${why === undefined ? '' : ` ${why}`}`,
      ...(at === undefined ? {} : { at }),
      ...(lost === undefined ? {} : { lostAvailabilityZone: lost }),
    };
  };
  return [
    ...verification.flows
      .filter((flow) => !flow.holds)
      .map((flow) => failed(`flow/${flow.expectation.name}`, flow)),
    ...(verification.highlyAvailable
      ? verification.azLoss.flatMap((loss) =>
          loss.flows
            .filter((flow) => !flow.holds)
            .map((flow) => failed('az-loss', flow, loss.availabilityZone)),
        )
      : []),
  ];
}
