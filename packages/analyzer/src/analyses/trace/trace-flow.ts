import type { NetworkModel } from '../../model/types.js';
import type { Flow, Hop, Trace } from '../types.js';
import { failed } from './core/hops.js';
import { loadBalancerZones } from './core/places.js';
import { indexModel } from './model-index.js';
import { fromInternet } from './paths/from-internet.js';
import { fromWorkload } from './paths/from-workload.js';
import { traceReply } from './paths/reply.js';
import { isOutside, sourcePlaces } from './paths/sources.js';

/**
 * Traces a flow hop by hop, forward and, when it is accepted, back: the reply of each connection must reach
 * its sender through the same stateful inspection points, or the flow is not accepted.
 */
export function traceFlow(model: NetworkModel, flow: Flow): Trace {
  return withExistenceKnown(traceWithoutConditions(model, flow));
}

/**
 * A verdict that rests on a resource whose `Condition` the input does not decide is UNKNOWN: the resource may not
 * be created (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html).
 */
function withExistenceKnown(trace: Trace): Trace {
  if (trace.disposition === 'UNKNOWN') return trace;
  const sources = [...trace.hops, ...(trace.returnHops ?? [])].flatMap((hop) => [
    hop.node,
    ...hop.steps.flatMap((step) => (step.source ? [step.source] : [])),
  ]);
  const reason = sources.find((source) => source.existenceUnknown !== undefined)?.existenceUnknown;
  return reason === undefined ? trace : { ...trace, disposition: 'UNKNOWN', reason, unknownReason: reason };
}

function traceWithoutConditions(model: NetworkModel, flow: Flow): Trace {
  const index = indexModel(model);
  const assumptions: string[] = [];
  const places = isOutside(flow.from) ? undefined : sourcePlaces(index, flow.from);
  const source = Array.isArray(places) ? places[0] : undefined;
  const forward =
    typeof places === 'string'
      ? failed('UNKNOWN', places)
      : source === undefined
        ? fromInternet(index, flow, assumptions)
        : fromWorkload(index, flow, source, assumptions);
  const zone = source?.availabilityZone;
  const base = {
    flow,
    hops: forward.hops,
    ...(zone ? { availabilityZone: zone } : {}),
  };
  const withAssumptions = (trace: Trace): Trace =>
    assumptions.length > 0 ? { ...trace, assumptions: [...new Set(assumptions)] } : trace;
  if (forward.disposition !== 'ACCEPTED') {
    return withAssumptions({
      ...base,
      disposition: forward.disposition,
      ...(forward.reason ? { reason: forward.reason } : {}),
      ...(forward.disposition === 'UNKNOWN' && forward.reason ? { unknownReason: forward.reason } : {}),
    });
  }
  const returnHops: Hop[] = [];
  // What an ACCEPTED verdict would rest on that Moat cannot evaluate (an appliance behind a Gateway Load
  // Balancer endpoint) makes it UNKNOWN; a definite drop on the path stands, whatever the appliance does.
  const undecided = new Set(forward.legs.flatMap((leg) => leg.session.undecided));
  for (const leg of [...forward.legs].reverse()) {
    const reply = traceReply(index, leg, assumptions);
    for (const reason of reply.session.undecided) undecided.add(reason);
    appendMerged(returnHops, reply.hops);
    if (reply.disposition !== 'ACCEPTED') {
      const reason = `the reply fails: ${reply.reason ?? reply.disposition}`;
      return withAssumptions({
        ...base,
        disposition: reply.disposition,
        returnHops,
        reason,
        ...(reply.disposition === 'UNKNOWN' ? { unknownReason: reason } : {}),
      });
    }
  }
  const [unknownReason] = undecided;
  if (unknownReason !== undefined) {
    return withAssumptions({
      ...base,
      disposition: 'UNKNOWN',
      returnHops,
      reason: unknownReason,
      unknownReason,
    });
  }
  return withAssumptions({ ...base, disposition: 'ACCEPTED', returnHops });
}

/** A proxy ends one reply and starts the next: its two hops read as one. */
function appendMerged(hops: Hop[], next: readonly Hop[]): void {
  const last = hops[hops.length - 1];
  const [first, ...rest] = next;
  if (
    last !== undefined &&
    first !== undefined &&
    last.kind === first.kind &&
    last.node.logicalId === first.node.logicalId &&
    last.node.stack === first.node.stack
  ) {
    hops[hops.length - 1] = { ...last, steps: [...last.steps, ...first.steps] };
    hops.push(...rest);
  } else {
    hops.push(...next);
  }
}

/**
 * A flow traced once from each AZ it can take: each AZ its source spans (a service's tasks, a load balancer's
 * nodes, an interface endpoint's ENIs), or each AZ node of a load balancer a client on the internet enters by.
 */
export function traceFlowInEachAz(model: NetworkModel, flow: Flow): Trace[] {
  const to = flow.to;
  if (isOutside(flow.from) && to.kind === 'entry' && to.availabilityZone === undefined) {
    const balancer = indexModel(model).loadBalancers.get(to.id);
    const zones = balancer ? loadBalancerZones(indexModel(model), balancer) : [];
    if (zones.length > 1) {
      return zones.map((availabilityZone) => traceFlow(model, { ...flow, to: { ...to, availabilityZone } }));
    }
  }
  const from = flow.from;
  if (from.kind !== 'workload' && from.kind !== 'entry' && from.kind !== 'vpc-endpoint')
    return [traceFlow(model, flow)];
  if (from.availabilityZone !== undefined) return [traceFlow(model, flow)];
  const places = sourcePlaces(indexModel(model), from);
  if (!Array.isArray(places) || places.length <= 1) return [traceFlow(model, flow)];
  return places.map((place) =>
    traceFlow(model, {
      ...flow,
      from: { ...from, ...(place.availabilityZone ? { availabilityZone: place.availabilityZone } : {}) },
    }),
  );
}
