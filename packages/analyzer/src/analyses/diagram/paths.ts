import { describeFlow } from '../trace/index.js';
import type { Disposition, Endpoint, FlowResult, Trace } from '../types.js';
import type { Cell, Scene } from './scene.js';
import { type FlowStyle, flowStyles } from './style.js';
import { slug } from './text.js';

/** Which way a flow crosses the network edge: what its colour says. */
export type FlowDirection = 'ingress' | 'egress' | 'aws-service' | 'internal';

/** One trace as the diagram nodes it passes, in order (`node` or `node:port`). */
export interface DrawnTrace {
  readonly disposition: Disposition;
  readonly points: readonly string[];
}

export interface DiagramFlow {
  /** Unique among the step's flows; names the flow's edges (`class`, `id`) in the SVG. */
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly direction: FlowDirection;
  /** The outcome in words, per AZ when the AZs disagree. */
  readonly outcome: string;
  readonly expected?: Disposition;
  readonly holds?: boolean;
  readonly style: FlowStyle;
  /** True when no trace got through: drawn dashed, ending in ✕ where it stopped. */
  readonly blocked: boolean;
  readonly traces: readonly DrawnTrace[];
}

const isOutside = (endpoint: Endpoint): boolean => endpoint.kind === 'internet' || endpoint.kind === 'host';

const directionOf = (trace: Trace): FlowDirection => {
  if (isOutside(trace.flow.from)) return 'ingress';
  if (trace.flow.to.kind === 'aws-service') return 'aws-service';
  return isOutside(trace.flow.to) ? 'egress' : 'internal';
};

const describeOutcome = (traces: readonly Trace[]): string => {
  const dispositions = new Set(traces.map((t) => t.disposition));
  if (dispositions.size <= 1) return [...dispositions].join('');
  return traces.map((t) => `${t.disposition} in ${t.availabilityZone ?? 'an unresolved AZ'}`).join('; ');
};

/**
 * The diagram nodes a trace passes. Hops are resolved by element id against the scene; resources with one ENI
 * per subnet are taken in the hop's AZ, else in the AZ the trace is already in, so a path stays in its column.
 * Hops the picture has no place for (security groups, route tables, subnets as routing decisions) add nothing.
 */
export const tracePoints = (trace: Trace, scene: Scene): string[] => {
  const points: string[] = [];
  const transitGateways = new Set(scene.attachments.map((a) => a.transitGateway));
  /** A firewall attached to a transit gateway is entered from the gateway and left back into it. */
  const gatewayOfFirewall = new Map(scene.attachedFirewalls.map((f) => [f.firewall, f.transitGateway]));
  let availabilityZone = trace.availabilityZone;
  const push = (ref: string): void => {
    if (points.at(-1) !== ref) points.push(ref);
  };
  const pick = (cells: readonly Cell[], hopZone: string | undefined): Cell | undefined => {
    const wanted = hopZone ?? availabilityZone;
    const cell = cells.find((c) => c.availabilityZone === wanted) ?? cells[0];
    if (cell) availabilityZone = cell.availabilityZone;
    return cell;
  };

  if (isOutside(trace.flow.from)) push(scene.internet.node);
  for (const hop of trace.hops) {
    const placement = scene.placements.get(`${hop.node.stack}/${hop.node.logicalId}`);
    const last = points.at(-1);
    switch (placement?.kind) {
      case 'box': {
        const guard = scene.protects.find((p) => p.api === placement.ref);
        if (guard && last !== guard.webAcl) push(guard.webAcl);
        const gateway = gatewayOfFirewall.get(placement.ref);
        if (gateway !== undefined) push(gateway);
        push(placement.ref);
        break;
      }
      case 'cells': {
        const cell = pick(placement.cells, hop.availabilityZone);
        if (cell) push(cell.ref);
        break;
      }
      case 'attachment': {
        const cell = pick(placement.cells, hop.availabilityZone);
        if (!cell) break;
        push(cell.ref);
        // Leaving a VPC, the attachment's ENI leads into the gateway; arriving, the gateway led here.
        if (last !== placement.transitGateway) push(placement.transitGateway);
        break;
      }
      case 'subnet': {
        // Out of a firewall attached to a transit gateway, the traffic goes back into the gateway.
        const fromFirewall = last === undefined ? undefined : gatewayOfFirewall.get(last);
        if (fromFirewall !== undefined) push(fromFirewall);
        const previous = points.at(-1);
        // A subnet hop right after the gateway is the traffic arriving through that subnet's attachment ENI.
        if (previous === undefined || !transitGateways.has(previous)) break;
        const cell = pick(
          placement.tgwEnis.filter((eni) =>
            scene.attachments.some((a) => a.eni === eni && a.transitGateway === previous),
          ),
          hop.availabilityZone,
        );
        if (cell) push(cell.ref);
        break;
      }
      case undefined:
        break;
    }
  }
  // Accepted traffic that leaves through an internet gateway reaches the internet, whatever its destination
  // (an AWS service's public endpoint, say).
  const gateways = new Set(
    scene.accounts.flatMap((a) => a.vpcs.flatMap((v) => v.internetGateway?.node ?? [])),
  );
  const leaves = isOutside(trace.flow.to) || gateways.has(points.at(-1) ?? '');
  if (trace.disposition === 'ACCEPTED' && leaves) push(scene.internet.node);
  return points;
};

const isFlowResult = (item: FlowResult | Trace): item is FlowResult => 'expectation' in item;

/**
 * Flow results (named, with expectations) or bare traces, as the diagram draws them; `nameEndpoint` names their
 * ends (`endpointNamer(model)`).
 */
export const diagramFlows = (
  scene: Scene,
  flows: readonly FlowResult[] | readonly Trace[],
  nameEndpoint: (endpoint: Endpoint) => string,
): DiagramFlow[] => {
  const keys = new Set<string>();
  const uniqueKey = (name: string): string => {
    const base = slug(name);
    let key = base;
    for (let n = 2; keys.has(key); n++) key = `${base}-${n}`;
    keys.add(key);
    return key;
  };
  const nameOf = (item: FlowResult | Trace, index: number): string =>
    isFlowResult(item) ? item.expectation.name : `trace ${index + 1}`;
  const styles = flowStyles(flows.map(nameOf));
  return flows.map((item, index): DiagramFlow => {
    const traces = isFlowResult(item) ? (item.traces.length > 0 ? item.traces : [item.trace]) : [item];
    const first = traces[0] ?? (isFlowResult(item) ? item.trace : item);
    const name = nameOf(item, index);
    return {
      key: uniqueKey(name),
      name,
      description: describeFlow(first.flow, nameEndpoint),
      direction: directionOf(first),
      outcome: describeOutcome(traces),
      ...(isFlowResult(item) ? { expected: item.expectation.expected, holds: item.holds } : {}),
      style: styles.get(name) ?? { colour: '#000000', dotted: false },
      blocked: traces.every((trace) => trace.disposition !== 'ACCEPTED'),
      traces: traces.map((trace) => ({ disposition: trace.disposition, points: tracePoints(trace, scene) })),
    };
  });
};
