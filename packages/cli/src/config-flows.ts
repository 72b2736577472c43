import { type ExpectedFlow, type NetworkModel, resolveEndpoint } from '@moat/analyzer';
import type { MoatConfig } from '@moat/infra';

/** A user flow that does not apply to a model, such as one to `api` in a step without an API. */
export interface SkippedFlow {
  readonly name: string;
  readonly reason: string;
}

/**
 * The `flows:` of the config as the analyzer's expectations for one model. A flow whose endpoint the
 * model does not have is skipped with the reason, not failed: the same config serves every step.
 */
export function configFlows(
  model: NetworkModel,
  flows: MoatConfig['flows'],
): { readonly expectations: readonly ExpectedFlow[]; readonly skipped: readonly SkippedFlow[] } {
  const expectations: ExpectedFlow[] = [];
  const skipped: SkippedFlow[] = [];
  for (const flow of flows) {
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
  return { expectations, skipped };
}
