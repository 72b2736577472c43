import {
  checkFlows,
  describeFlow,
  type ExpectedFlow,
  type Flow,
  formatIpv4,
  type NetworkModel,
  type PortSpec,
  standardFlows,
  type Trace,
} from '@moat/analyzer';
import { ConfirmError } from './errors.js';

/** One trace of one flow (a flow from a service in two AZs has two): a row of the confirmation. */
export interface FlowRow {
  /** `egress-allowed@eu-central-1a`: unique in a run. */
  readonly id: string;
  /** The flow's name: `ingress`, `egress-allowed`, ..., or `egress-rule` for an IP rule of the firewall. */
  readonly name: string;
  readonly label: string;
  readonly flow: Flow;
  /** Moat's offline trace: its disposition is the offline verdict the live checks must agree with. */
  readonly trace: Trace;
  /** The other traces of the same flow: Reachability Analyzer shows one path when several exist. */
  readonly siblings: readonly Trace[];
  readonly via?: 'vpc-endpoint';
}

/** The name of the rows made from the firewall's IP rules, which the standard flows do not cover. */
export const EGRESS_RULE = 'egress-rule';

/**
 * The standard flows Moat proves for this model, plus one flow per IP rule of the firewall (the guide's
 * step-7 test: each IP:port rule with its protocol), each traced from every AZ; only the named ones when
 * `names` is given.
 */
export function flowRows(model: NetworkModel, names?: readonly string[]): FlowRow[] {
  const expectations = [...standardFlows(model), ...ipRuleFlows(model)];
  if (names !== undefined) {
    const known = new Set(expectations.map((expectation) => expectation.name));
    const unknown = names.filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new ConfirmError(
        `--flows: ${unknown.map((name) => `"${name}"`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a flow of this assembly; choose from all, ${[...known].join(', ')}`,
      );
    }
  }
  const chosen = names === undefined ? expectations : expectations.filter((e) => names.includes(e.name));
  return checkFlows(model, chosen).flatMap((result) =>
    result.traces.map((trace, index) => {
      const label = describeFlow(trace.flow);
      const where = trace.availabilityZone ?? (result.traces.length > 1 ? `path ${index + 1}` : undefined);
      return {
        id: `${result.expectation.name} ${label}${where === undefined ? '' : ` @${where}`}`,
        name: result.expectation.name,
        label,
        flow: trace.flow,
        trace,
        siblings: result.traces.filter((other) => other !== trace),
        ...(result.expectation.via === undefined ? {} : { via: result.expectation.via }),
      };
    }),
  );
}

const MAX_RULE_FLOWS = 20;

/**
 * A flow from the task to each destination CIDR and port of the firewall's stateful pass and drop rules on TCP or UDP
 * to an IPv4 destination (a 5-tuple rule group becomes such rules). A CIDR stands for
 * its first usable address (the address itself for a /32). Moat traces it like any flow, so the row's offline
 * verdict is what the whole path does with it (a security group may stop it before the firewall).
 */
function ipRuleFlows(model: NetworkModel): ExpectedFlow[] {
  const workload = model.ecsServices[0] ?? model.instances[0];
  if (workload === undefined) return [];
  const flows: ExpectedFlow[] = [];
  for (const group of model.firewallRuleGroups) {
    if (group.kind !== 'STATEFUL') continue;
    for (const { rule } of group.rules) {
      if (!rule.known) continue;
      const { protocol, action, destination } = rule.value;
      if ((protocol !== 'tcp' && protocol !== 'udp') || (action !== 'pass' && action !== 'drop')) continue;
      if (destination.kind !== 'ipv4') continue;
      const address = formatIpv4(
        destination.last > destination.first + 1 ? destination.first + 1 : destination.first,
      );
      for (const port of literalPorts(rule.value.destinationPorts)) {
        flows.push({
          name: EGRESS_RULE,
          flow: {
            from: { kind: 'workload', id: workload.id },
            to: { kind: 'address', address },
            protocol,
            port,
          },
          expected: action === 'pass' ? 'ACCEPTED' : 'DROPPED_BY_FIREWALL',
        });
      }
    }
  }
  return flows.slice(0, MAX_RULE_FLOWS);
}

/** The single ports a rule names (a port, or a group of ports); ranges and variables are not probed. */
function literalPorts(ports: PortSpec): number[] {
  if (ports.kind === 'range') return ports.first === ports.last ? [ports.first] : [];
  if (ports.kind === 'group') return ports.items.flatMap(literalPorts);
  return [];
}
