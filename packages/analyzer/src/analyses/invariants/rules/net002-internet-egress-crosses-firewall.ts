import { groupBy } from '../../../collections.js';
import type { NetworkModel } from '../../../model/types.js';
import type { Finding, Hop, Trace } from '../../types.js';
import { type Rule, undetermined, violation } from '../rule.js';
import { describeTracedFlow, isFirewallHop, standardFlowResults } from '../standard-traces.js';

const EXIT_HOPS = ['nat gateway', 'internet gateway'];

export const net002: Rule = {
  id: 'NET002',
  title: 'Every internet-bound flow from a task crosses a firewall endpoint when a firewall exists',
  rationale:
    'Once a network firewall is deployed, it is the control the auditors rely on for egress. A task flow that ' +
    'reaches the internet on a path without a firewall endpoint (a forgotten NAT route, a TGW route straight to ' +
    'the NAT subnets) is egress nobody inspects or logs.',
  severity: 'error',
  fix: 'Route the hop named in the finding to the firewall endpoint of its AZ (in a central egress VPC: the TGW attachment subnets send 0.0.0.0/0 to the endpoint).',
  check(model: NetworkModel): readonly Finding[] {
    if (model.firewalls.length === 0) return [];
    const traced = standardFlowResults(model)
      .filter(({ expectation }) => expectation.flow.from.kind === 'workload')
      .filter(({ expectation }) => ['host', 'internet'].includes(expectation.flow.to.kind))
      .flatMap(({ expectation, traces }) =>
        traces.map((trace) => ({
          trace,
          flow: describeTracedFlow(expectation.name, expectation.flow, trace),
        })),
      );
    return [...bypasses(traced), ...untraceable(traced)];
  },
};

interface TracedFlow {
  readonly trace: Trace;
  readonly flow: string;
}

function bypasses(traced: readonly TracedFlow[]): readonly Finding[] {
  return traced.flatMap(({ trace, flow }) => {
    if (trace.disposition !== 'ACCEPTED' || trace.hops.some(isFirewallHop)) return [];
    const departure = departureHop(trace.hops);
    if (departure === undefined) return [];
    const decision = departure.steps.map((step) => step.detail).join('; ');
    return [
      violation(
        net002,
        departure.node,
        `${flow} reaches the internet without crossing a firewall endpoint: at this ${departure.kind}, ${decision}. Route it to the firewall endpoint of its AZ.`,
      ),
    ];
  });
}

/** One undetermined finding per reason a flow could not be traced, naming the flows it affects. */
function untraceable(traced: readonly TracedFlow[]): readonly Finding[] {
  const unknown = traced.filter(
    ({ trace }) => trace.disposition === 'UNKNOWN' && trace.hops[0] !== undefined,
  );
  return [
    ...groupBy(unknown, ({ trace }) => trace.unknownReason ?? trace.reason ?? 'no reason given'),
  ].flatMap(([reason, flows]) => {
    const origin = flows[0]?.trace.hops[0]?.node;
    return origin === undefined
      ? []
      : [
          undetermined(
            net002,
            origin,
            `${flows.map(({ flow }) => flow).join('; ')} cannot be traced: ${reason}`,
          ),
        ];
  });
}

/** The hop whose route sent the packet out: the last one before the first NAT or internet gateway. */
function departureHop(hops: readonly Hop[]): Hop | undefined {
  const exit = hops.findIndex((hop) => EXIT_HOPS.includes(hop.kind));
  return exit > 0 ? hops[exit - 1] : hops.at(-1);
}
