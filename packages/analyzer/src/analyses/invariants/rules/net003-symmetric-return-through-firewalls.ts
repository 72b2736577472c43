import type { NetworkModel } from '../../../model/types.js';
import type { Finding } from '../../types.js';
import { type Rule, violation } from '../rule.js';
import { describeTracedFlow, firewallCrossings, standardFlowResults } from '../standard-traces.js';

export const net003: Rule = {
  id: 'NET003',
  title: 'Replies retrace the firewall endpoints of their request',
  rationale:
    'Network Firewall is stateful and does not support asymmetric routing: a reply that reaches another endpoint ' +
    'than its request, or none, is dropped or uninspected. Return routes (NAT subnets to the endpoint, TGW ' +
    'appliance mode, firewall subnets back to the TGW) must mirror the forward path in every AZ. ' +
    'https://docs.aws.amazon.com/network-firewall/latest/developerguide/arch-igw-ngw.html',
  severity: 'error',
  fix: 'Fix the return route named in the finding so the reply enters the same AZ’s firewall endpoint as the request.',
  check(model: NetworkModel): readonly Finding[] {
    return standardFlowResults(model).flatMap(({ expectation, traces }) =>
      traces.flatMap((trace) => {
        const forward = firewallCrossings(trace.hops);
        if (trace.returnHops === undefined) return [];
        const back = firewallCrossings(trace.returnHops);
        const flow = describeTracedFlow(expectation.name, expectation.flow, trace);
        const at = trace.returnHops.at(-1) ?? trace.hops.at(-1);
        if (at === undefined || (forward.length === 0 && back.length === 0)) return [];
        if (forward.length === 0) {
          // The request went around every endpoint, its reply into one (an edge route missing, say).
          return trace.disposition === 'DROPPED_BY_FIREWALL'
            ? [
                violation(
                  net003,
                  at.node,
                  `the reply of ${flow} crosses firewall ${back.join(', ')}, which its request did not cross: ${trace.reason ?? trace.disposition}.`,
                ),
              ]
            : [];
        }
        if (trace.disposition !== 'ACCEPTED') {
          return [
            violation(
              net003,
              at.node,
              `the reply of ${flow} does not retrace firewall ${forward.join(', ')}: ${trace.reason ?? trace.disposition}.`,
            ),
          ];
        }
        const missed = forward.filter((crossing) => !back.includes(crossing));
        return missed.length === 0
          ? []
          : [
              violation(
                net003,
                at.node,
                `the reply of ${flow} returns without crossing ${missed.join(', ')}.`,
              ),
            ];
      }),
    );
  },
};
