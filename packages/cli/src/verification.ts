import {
  type AzLossResult,
  checkFlows,
  checkInvariants,
  type Finding,
  type FlowResult,
  type NetworkModel,
  simulateAzLoss,
  standardFlows,
} from '@moat/analyzer';
import type { MoatConfig } from '@moat/infra';
import { configFlows, type SkippedFlow } from './config-flows.js';

/** Everything `moat verify` checks on one assembly, and whether it all holds. */
export interface Verification {
  readonly flows: readonly FlowResult[];
  readonly findings: readonly Finding[];
  /** Flows of the config that do not apply to this model, with the reason. */
  readonly skippedFlows: readonly SkippedFlow[];
  /** The accepted flows traced again without each AZ in turn. */
  readonly azLoss: readonly AzLossResult[];
  /**
   * The workload runs in more than one AZ, which is how a network claims high availability (the
   * guide's steps 3 to 10): then every accepted flow must survive the loss of any one AZ.
   */
  readonly highlyAvailable: boolean;
  /** Every flow as expected, no invariant error, and, when highly available, every AZ loss survived. */
  readonly holds: boolean;
}

/** The standard flows of SPEC.md, the config's own flows, every invariant and the loss of each AZ. */
export function verifyModel(model: NetworkModel, userFlows: MoatConfig['flows'] = []): Verification {
  const { expectations, skipped } = configFlows(model, userFlows);
  const all = [...standardFlows(model), ...expectations];
  const flows = checkFlows(model, all);
  const findings = checkInvariants(model);
  const azLoss = simulateAzLoss(model, all);
  const highlyAvailable = workloadAvailabilityZones(model).size > 1;
  const holds =
    flows.every((flow) => flow.holds) &&
    findings.every((finding) => finding.severity !== 'error') &&
    (!highlyAvailable || azLoss.every((loss) => loss.survives));
  return { flows, findings, skippedFlows: skipped, azLoss, highlyAvailable, holds };
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
