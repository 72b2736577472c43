import type { NetworkModel } from '../../model/types.js';
import { traceFlowInEachAz } from '../trace/trace-flow.js';
import type { ExpectedFlow, FlowResult, Trace } from '../types.js';

/** Traces each expectation from every AZ its source spans; it holds when every trace meets it. */
export function checkFlows(
  model: NetworkModel,
  expectations: readonly ExpectedFlow[],
): readonly FlowResult[] {
  return expectations.map((expectation) => {
    const traces = traceFlowInEachAz(model, expectation.flow);
    const failing = traces.find((trace) => !meets(trace, expectation));
    const trace = failing ?? traces[0];
    if (trace === undefined) throw new Error('traceFlowInEachAz returned no trace');
    return { expectation, trace, traces, holds: failing === undefined };
  });
}

function meets(trace: Trace, expectation: ExpectedFlow): boolean {
  if (trace.disposition !== expectation.expected) return false;
  if (expectation.via !== 'vpc-endpoint') return true;
  const kinds = trace.hops.map((hop) => hop.kind);
  return (
    !kinds.includes('nat gateway') &&
    (kinds.includes('interface endpoint') || kinds.includes('gateway endpoint'))
  );
}
