import type { NetworkModel } from '../../model/types.js';
import { checkFlows, standardFlows } from '../flows/index.js';
import { describeEndpoint } from '../trace/index.js';
import type { Flow, FlowResult, Hop, Trace } from '../types.js';

/** Rules that read traces share one tracing of the standard flows per model. */
const cache = new WeakMap<NetworkModel, readonly FlowResult[]>();

export function standardFlowResults(model: NetworkModel): readonly FlowResult[] {
  const cached = cache.get(model);
  if (cached !== undefined) return cached;
  const results = checkFlows(model, standardFlows(model));
  cache.set(model, results);
  return results;
}

/** `egress-allowed Net/Service (eu-central-1a) → api.binance.com:443/tcp`, as findings name a flow. */
export function describeTracedFlow(name: string, flow: Flow, trace: Trace): string {
  const zone = trace.availabilityZone === undefined ? '' : ` (${trace.availabilityZone})`;
  return `${name} ${describeEndpoint(flow.from)}${zone} → ${describeEndpoint(flow.to)}:${flow.port}/${flow.protocol}`;
}

export const isFirewallHop = (hop: Hop): boolean => hop.kind === 'firewall';

/** The firewall endpoints a path crosses, as `stack/logicalId@az`. */
export const firewallCrossings = (hops: readonly Hop[]): readonly string[] =>
  hops
    .filter(isFirewallHop)
    .map((hop) => `${hop.node.stack}/${hop.node.logicalId}@${hop.availabilityZone ?? '?'}`);
