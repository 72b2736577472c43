export { type FailedFlow, failedFlows } from './failed-flows.js';

import { applyAcknowledgements } from '../../acknowledgements/apply.js';
import type { Acknowledgement, StaleAcknowledgement } from '../../acknowledgements/types.js';
import type { NetworkModel } from '../../model/types.js';
import { type AzLossResult, simulateAzLoss } from '../az-loss/index.js';
import { checkFlows, type StandardFlowOptions, standardFlows } from '../flows/index.js';
import { checkInvariants } from '../invariants/index.js';
import type { ExpectedFlow, Finding, FlowResult } from '../types.js';

/** Everything `moat verify` checks on one model, and whether it all holds. */
export interface Verification {
  readonly flows: readonly FlowResult[];
  /** Every invariant finding; acknowledged ones carry their reason and do not count. */
  readonly findings: readonly Finding[];
  /** Acknowledgements that cover no finding. */
  readonly staleAcknowledgements: readonly StaleAcknowledgement[];
  /** The accepted flows traced again without each AZ in turn. */
  readonly azLoss: readonly AzLossResult[];
  /**
   * The workload runs in more than one AZ, which is how a network claims high availability (the
   * guide's steps 3 to 10): then every accepted flow must survive the loss of any one AZ.
   */
  readonly highlyAvailable: boolean;
  /**
   * Every flow as expected, no invariant error that is not acknowledged, and, when highly available, every
   * AZ loss survived.
   */
  readonly holds: boolean;
}

/** How {@link verifyModel} judges a model beyond its own templates. */
export interface VerifyOptions extends StandardFlowOptions {
  /** Findings a team has accepted (config `acknowledge:` and template metadata): shown, not failing. */
  readonly acknowledgements?: readonly Acknowledgement[];
}

/**
 * The standard flows of the spec plus `extraFlows` (a user's own expectations), every invariant with
 * `options.acknowledgements` applied, and the loss of each AZ: what `moat verify` and `moat plan` report for one
 * model. `options.serviceRoutes` (the config's `service.routes`) makes the ingress flow judge the HTTP path the
 * service receives.
 */
export function verifyModel(
  model: NetworkModel,
  extraFlows: readonly ExpectedFlow[] = [],
  options: VerifyOptions = {},
): Verification {
  const expectations = [...standardFlows(model, options), ...extraFlows];
  const flows = checkFlows(model, expectations);
  const { findings, stale } = applyAcknowledgements(checkInvariants(model), options.acknowledgements ?? []);
  const azLoss = simulateAzLoss(model, expectations, options);
  const highlyAvailable = workloadAvailabilityZones(model).size > 1;
  const holds =
    flows.every((flow) => flow.holds) &&
    findings.every((finding) => finding.severity !== 'error' || finding.acknowledgement !== undefined) &&
    (!highlyAvailable || azLoss.every((loss) => loss.survives));
  return { flows, findings, staleAcknowledgements: stale, azLoss, highlyAvailable, holds };
}

function workloadAvailabilityZones(model: NetworkModel): ReadonlySet<string> {
  const subnetIds = new Set([
    ...model.ecsServices.flatMap((service) => service.subnetIds),
    ...model.instances.map((instance) => instance.subnetId),
  ]);
  return new Set(
    model.subnets
      .filter((subnet) => subnetIds.has(subnet.id))
      .flatMap((subnet) => (subnet.availabilityZone.known ? [subnet.availabilityZone.value] : [])),
  );
}
