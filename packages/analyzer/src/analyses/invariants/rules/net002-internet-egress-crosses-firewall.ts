import type { NetworkModel } from '../../../model/types.js';
import type { Finding, Hop } from '../../types.js';
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
    return standardFlowResults(model)
      .filter(({ expectation }) => expectation.flow.from.kind === 'workload')
      .filter(
        ({ expectation }) => expectation.flow.to.kind === 'host' || expectation.flow.to.kind === 'internet',
      )
      .flatMap(({ expectation, traces }) =>
        traces.flatMap((trace) => {
          const flow = describeTracedFlow(expectation.name, expectation.flow, trace);
          const origin = trace.hops[0]?.node;
          if (trace.disposition === 'UNKNOWN' && origin !== undefined) {
            return [
              undetermined(
                net002,
                origin,
                `${flow} cannot be traced: ${trace.unknownReason ?? trace.reason}`,
              ),
            ];
          }
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
        }),
      );
  },
};

/** The hop whose route sent the packet out: the last one before the first NAT or internet gateway. */
function departureHop(hops: readonly Hop[]): Hop | undefined {
  const exit = hops.findIndex((hop) => EXIT_HOPS.includes(hop.kind));
  return exit > 0 ? hops[exit - 1] : hops.at(-1);
}
