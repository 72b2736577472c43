import { fileURLToPath } from 'node:url';
import { buildModel, type Hop, loadAssembly, type NetworkModel } from '../../src/index.js';

export const fixture = (scenario: string): string =>
  fileURLToPath(new URL(`../fixtures/${scenario}`, import.meta.url));

export const modelOf = (scenario: string): NetworkModel => buildModel(loadAssembly(fixture(scenario)));

/** One line per hop: kind, logical id, AZ, then each decision — what a test asserts exactly. */
export const readHops = (hops: readonly Hop[] | undefined): string[] =>
  (hops ?? []).map(
    (hop) =>
      `${hop.kind} ${hop.node.logicalId}${hop.availabilityZone ? ` ${hop.availabilityZone}` : ''}: ${hop.steps
        .map((step) => `${step.action} ${step.detail}`)
        .join('; ')}`,
  );
