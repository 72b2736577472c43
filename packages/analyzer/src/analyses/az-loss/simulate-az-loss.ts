import { compareZones, describeZone, incomparableZones } from '../../model/availability-zones.js';
import type { ElementId, NetworkModel } from '../../model/types.js';
import { checkFlows, type StandardFlowOptions, standardFlows } from '../flows/index.js';
import type { Endpoint, ExpectedFlow, FlowResult, Trace } from '../types.js';
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
 * source, the expected way), traced again in the model without that AZ; a flow whose source or destination was lost
 * is checked from its stand-in among the standard flows of `options`. SPEC: every accepted flow must still be accepted in steps that claim high
 * availability; which steps claim it is the caller's decision.
 */
export function simulateAzLoss(
  model: NetworkModel,
  expectations: readonly ExpectedFlow[] = standardFlows(model),
  options: StandardFlowOptions = {},
): readonly AzLossResult[] {
  const accepted = checkFlows(
    model,
    expectations.filter((expectation) => expectation.expected === 'ACCEPTED'),
  ).filter((result) => result.holds);
  return availabilityZonesOf(model).map((availabilityZone) => {
    const degraded = withoutAvailabilityZone(model, availabilityZone);
    const standInFor = standInsFrom(degraded, options);
    const flows = accepted.map((result) => {
      const undecided = beyondComparison(result, availabilityZone);
      if (undecided !== undefined) return undecided;
      const [again] = checkFlows(degraded, [standInFor(unpinned(result.expectation, availabilityZone))]);
      if (again === undefined) throw new Error('checkFlows returned no result');
      return again;
    });
    return { availabilityZone, flows, survives: flows.every((result) => result.holds) };
  });
}

/**
 * A flow that crosses an AZ which does not compare with the lost one (an AZ name of another account, or a name
 * beside an AZ ID) may or may not lose that part of its path: UNKNOWN, naming the hop. Otherwise undefined.
 */
function beyondComparison(result: FlowResult, lost: string): FlowResult | undefined {
  const hop = result.traces
    .flatMap((trace) => [...trace.hops, ...(trace.returnHops ?? [])])
    .find(
      (candidate) =>
        candidate.availabilityZone !== undefined &&
        compareZones(candidate.availabilityZone, lost) === 'incomparable',
    );
  if (hop?.availabilityZone === undefined) return undefined;
  const reason = `whether losing ${describeZone(lost)} takes ${hop.node.logicalId} down is unknown: ${incomparableZones(hop.node.logicalId, hop.availabilityZone, 'the lost AZ', lost)}`;
  const trace: Trace = {
    flow: result.expectation.flow,
    disposition: 'UNKNOWN',
    hops: [],
    reason,
    unknownReason: reason,
  };
  return { expectation: result.expectation, trace, traces: [trace], holds: false };
}

/** A flow pinned to the lost AZ starts wherever its workload still runs: ECS replaces the lost tasks. */
function unpinned(expectation: ExpectedFlow, lost: string): ExpectedFlow {
  const from = expectation.flow.from;
  if (from.kind !== 'workload' || from.availabilityZone !== lost) return expectation;
  return { ...expectation, flow: { ...expectation.flow, from: { kind: 'workload', id: from.id } } };
}

/**
 * A flow whose workload or entry was lost with the AZ (an EC2 instance, a load balancer whose subnets were all
 * there) is checked again from what serves the same purpose in the degraded model: the standard flow of the
 * same name and destination, such as egress from the surviving instance. Without one it stays, and fails.
 */
function standInsFrom(
  degraded: NetworkModel,
  options: StandardFlowOptions,
): (expectation: ExpectedFlow) => ExpectedFlow {
  const present = new Set<ElementId>([
    ...degraded.ecsServices.map((service) => service.id),
    ...degraded.instances.map((instance) => instance.id),
    ...degraded.loadBalancers.map((lb) => lb.id),
    ...degraded.restApis.flatMap((api) => api.stages.map((stage) => stage.id)),
    ...degraded.httpApis.flatMap((api) => api.stages.map((stage) => stage.id)),
  ]);
  const vanished = (endpoint: Endpoint) =>
    (endpoint.kind === 'workload' || endpoint.kind === 'entry') && !present.has(endpoint.id);
  const standard = standardFlows(degraded, options);
  return (expectation) => {
    if (!vanished(expectation.flow.from) && !vanished(expectation.flow.to)) return expectation;
    const purpose = purposeOf(expectation);
    const standIn = standard.find((candidate) => purposeOf(candidate) === purpose);
    const { serviceRoutes } = expectation.flow;
    if (standIn === undefined) return expectation;
    return serviceRoutes === undefined ? standIn : { ...standIn, flow: { ...standIn.flow, serviceRoutes } };
  };
}

/** What a standard flow is for: its name and, for egress, the host or service it reaches. */
function purposeOf({ name, flow }: ExpectedFlow): string {
  const to = flow.to;
  if (to.kind === 'aws-service') return `${name} ${to.service}`;
  if (to.kind === 'host') return `${name} ${to.hostname}`;
  return name;
}
