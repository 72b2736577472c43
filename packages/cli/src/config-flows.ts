import { type ExpectedFlow, type NetworkModel, resolveEndpoint } from '@moat/analyzer';
import type { MoatConfig } from '@moat/infra';

/** A user flow that does not apply to a model, such as one to `api` in a step without an API. */
export interface SkippedFlow {
  readonly name: string;
  readonly reason: string;
}

/**
 * The `flows:` of the config as the analyzer's expectations for one model. A flow limited to other steps
 * (`steps: [7, 8]`), or whose endpoint the model does not have, is skipped with the reason, not failed:
 * the same config serves every step. `stepId` is the Moat step of the model, when it is known.
 */
export function configFlows(
  model: NetworkModel,
  flows: MoatConfig['flows'],
  stepId?: number,
): { readonly expectations: readonly ExpectedFlow[]; readonly skipped: readonly SkippedFlow[] } {
  const expectations: ExpectedFlow[] = [];
  const skipped: SkippedFlow[] = [];
  for (const flow of flows) {
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
  return { expectations, skipped };
}
