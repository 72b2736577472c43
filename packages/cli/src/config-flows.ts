import { type ExpectedFlow, type NetworkModel, resolveEndpoint } from '@moat/analyzer';
import { containsAddress, formatIpv4, type MoatConfig, parseCidr } from '@moat/infra';

/** A user flow that does not apply to a model, such as one to `api` in a step without an API. */
export interface SkippedFlow {
  readonly name: string;
  readonly reason: string;
}

/** What the config says about the flows to check: its own `flows:`, the firewall's IP rules, the service's routes. */
export type FlowConfig = Pick<MoatConfig, 'flows' | 'egress' | 'service'>;

/**
 * The flows the config asks for, as the analyzer's expectations for one model: the `flows:` of the config, and
 * one flow per IP rule of `egress.ipRules` from the task to the rule's destination, which the firewall must
 * judge as the rule says (the guide's step-7 test). A flow limited to other steps (`steps: [7, 8]`), or that
 * does not apply to the model, is skipped with the reason, not failed: the same config serves every step.
 * `stepId` is the Moat step of the model, when it is known.
 */
export function configFlows(
  model: NetworkModel,
  config: FlowConfig,
  stepId?: number,
): { readonly expectations: readonly ExpectedFlow[]; readonly skipped: readonly SkippedFlow[] } {
  const expectations: ExpectedFlow[] = [];
  const skipped: SkippedFlow[] = [];
  for (const flow of config.flows) {
    if (flow.steps !== undefined && (stepId === undefined || !flow.steps.includes(stepId))) {
      const limit = `limited to steps ${flow.steps.join(', ')}`;
      skipped.push({
        name: flow.name,
        reason:
          stepId === undefined
            ? `${limit}, and this assembly does not say which Moat step it is (moat synth writes that)`
            : `${limit}, and this is step ${stepId}`,
      });
      continue;
    }
    const from = resolveEndpoint(model, flow.from);
    const to = resolveEndpoint(model, flow.to);
    if (!from.known) {
      skipped.push({ name: flow.name, reason: `from: ${from.reason}` });
      continue;
    }
    if (!to.known) {
      skipped.push({ name: flow.name, reason: `to: ${to.reason}` });
      continue;
    }
    expectations.push({
      name: flow.name,
      flow: { from: from.value, to: to.value, protocol: 'tcp', port: flow.port },
      expected: flow.expect,
    });
  }
  const ipRules = ipRuleFlows(model, config.egress.ipRules);
  return {
    expectations: [...expectations, ...ipRules.expectations],
    skipped: [...skipped, ...ipRules.skipped],
  };
}

type IpRule = MoatConfig['egress']['ipRules'][number];

/**
 * A task's flow to each IP rule's destination (its first address), on the
 * rule's protocol and port, expected ACCEPTED for PASS and DROPPED_BY_FIREWALL for DROP. The rules only exist
 * where the egress firewall does (step 7 on), and under strict rule order an earlier IP rule for the same
 * protocol, port and a destination that covers this one decides first, so that flow tests the earlier rule.
 */
function ipRuleFlows(
  model: NetworkModel,
  rules: readonly IpRule[],
): { readonly expectations: readonly ExpectedFlow[]; readonly skipped: readonly SkippedFlow[] } {
  const expectations: ExpectedFlow[] = [];
  const skipped: SkippedFlow[] = [];
  const task = resolveEndpoint(model, 'task');
  for (const [position, rule] of rules.entries()) {
    const name = `ip-rule ${rule.action} ${rule.destination} ${rule.port}/${rule.protocol.toLowerCase()}`;
    if (model.firewalls.length === 0) {
      skipped.push({ name, reason: 'this step has no Network Firewall: the IP rules apply from step 7 on' });
      continue;
    }
    if (!task.known) {
      skipped.push({ name, reason: `from: ${task.reason}` });
      continue;
    }
    const first = parseCidr(rule.destination).network;
    const earlier = rules
      .slice(0, position)
      .findIndex(
        (other) =>
          other.protocol === rule.protocol &&
          other.port === rule.port &&
          containsAddress(parseCidr(other.destination), first),
      );
    if (earlier >= 0) {
      skipped.push({ name, reason: `egress.ipRules[${earlier}] matches the same flow first` });
      continue;
    }
    expectations.push({
      name,
      flow: {
        from: task.value,
        to: { kind: 'address', address: formatIpv4(first) },
        protocol: rule.protocol === 'UDP' ? 'udp' : 'tcp',
        port: rule.port,
      },
      expected: rule.action === 'PASS' ? 'ACCEPTED' : 'DROPPED_BY_FIREWALL',
    });
  }
  return { expectations, skipped };
}
