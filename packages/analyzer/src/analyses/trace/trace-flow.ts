import type { NetworkModel } from '../../model/types.js';
import type { Flow, Hop, Trace } from '../types.js';
import { isPrivateText } from './address.js';
import { failed } from './core/hops.js';
import { loadBalancerZones, workloadPlace, workloadPlaces } from './core/places.js';
import type { Forward, Located } from './core/types.js';
import { indexModel, type ModelIndex } from './model-index.js';
import { fromInternet } from './paths/from-internet.js';
import { fromWorkload } from './paths/from-workload.js';
import { traceReply } from './paths/reply.js';

/**
 * Traces a flow hop by hop, forward and, when it is accepted, back: the reply of each connection must reach
 * its sender through the same stateful inspection points, or the flow is not accepted.
 */
export function traceFlow(model: NetworkModel, flow: Flow): Trace {
  const index = indexModel(model);
  const assumptions: string[] = [];
  const source =
    flow.from.kind === 'workload'
      ? workloadPlace(index, flow.from.id, flow.from.availabilityZone)
      : undefined;
  const forward = traceForward(index, flow, source, assumptions);
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
  for (const leg of [...forward.legs].reverse()) {
    const reply = traceReply(index, leg, assumptions);
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
 * A flow traced once from each AZ it can take: each AZ a source workload spans, or each AZ node of a load
 * balancer a client enters by.
 */
export function traceFlowInEachAz(model: NetworkModel, flow: Flow): Trace[] {
  const to = flow.to;
  if (flow.from.kind !== 'workload' && to.kind === 'entry' && to.availabilityZone === undefined) {
    const balancer = indexModel(model).loadBalancers.get(to.id);
    const zones = balancer ? loadBalancerZones(indexModel(model), balancer) : [];
    if (zones.length > 1) {
      return zones.map((availabilityZone) => traceFlow(model, { ...flow, to: { ...to, availabilityZone } }));
    }
  }
  if (flow.from.kind !== 'workload' || flow.from.availabilityZone !== undefined)
    return [traceFlow(model, flow)];
  const from = flow.from;
  const places = workloadPlaces(indexModel(model), from.id);
  if (places.length <= 1) return [traceFlow(model, flow)];
  return places.map((place) =>
    traceFlow(model, {
      ...flow,
      from: { ...from, ...(place.availabilityZone ? { availabilityZone: place.availabilityZone } : {}) },
    }),
  );
}

function traceForward(
  index: ModelIndex,
  flow: Flow,
  source: Located | undefined,
  assumptions: string[],
): Forward {
  if (flow.from.kind === 'workload') {
    if (source === undefined)
      return failed(
        'UNKNOWN',
        `${flow.from.id} is neither an ECS service nor an EC2 instance with a known subnet`,
      );
    return fromWorkload(index, flow, source, assumptions);
  }
  if (
    flow.from.kind === 'internet' ||
    flow.from.kind === 'host' ||
    (flow.from.kind === 'address' && !isPrivateText(flow.from.address))
  ) {
    return fromInternet(index, flow, assumptions);
  }
  return failed(
    'UNKNOWN',
    `Moat traces flows from a workload or from the internet, not from ${flow.from.kind}`,
  );
}
