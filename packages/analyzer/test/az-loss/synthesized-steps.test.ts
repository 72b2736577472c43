import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateAzLoss } from '../../src/analyses/az-loss/index.js';
import { buildModel } from '../../src/model/index.js';
import { type SynthesizedSteps, synthesizeSteps } from '../mutations/support/synthesized-steps.js';
import { mutate } from '../mutations/support/template-edits.js';

describe('simulateAzLoss on the synthesized steps', () => {
  let steps: SynthesizedSteps;
  const assemblyOf = (step: number) => {
    const assembly = steps.assemblies.get(step);
    if (assembly === undefined) throw new Error(`step ${step} was not synthesized`);
    return assembly;
  };
  const survival = (results: ReturnType<typeof simulateAzLoss>) =>
    results.map((result) => ({
      availabilityZone: result.availabilityZone,
      accepted: result.flows.length,
      broken: result.flows
        .filter((flow) => !flow.holds)
        .map((flow) => `${flow.expectation.name}: ${flow.trace.reason}`),
    }));

  beforeAll(() => {
    steps = synthesizeSteps([3, 9]);
  }, 180_000);
  afterAll(() => steps.dispose());

  it('keeps every accepted flow of step 3 (an instance per AZ) when either AZ is lost', () => {
    expect(survival(simulateAzLoss(buildModel(assemblyOf(3))))).toEqual([
      { availabilityZone: 'eu-central-1a', accepted: 6, broken: [] },
      { availabilityZone: 'eu-central-1b', accepted: 6, broken: [] },
    ]);
  });

  it('keeps every accepted flow of step 9 when either AZ is lost', () => {
    expect(survival(simulateAzLoss(buildModel(assemblyOf(9))))).toEqual([
      { availabilityZone: 'eu-central-1a', accepted: 6, broken: [] },
      { availabilityZone: 'eu-central-1b', accepted: 6, broken: [] },
    ]);
  });

  it('fails egress when the egress VPC is attached to the transit gateway in one AZ only and that AZ is lost', () => {
    const oneAzAttachment = mutate(assemblyOf(9), (t) => {
      const subnets = t.properties('HubEgressAttachment').SubnetIds;
      if (!Array.isArray(subnets)) throw new Error('the egress attachment has no SubnetIds');
      subnets.splice(1);
    });
    const [lostA, lostB] = survival(simulateAzLoss(buildModel(oneAzAttachment)));
    expect(lostB).toEqual({ availabilityZone: 'eu-central-1b', accepted: 6, broken: [] });
    expect(lostA?.broken).toEqual([
      expect.stringMatching(/^egress-allowed: .*HubSpokeDefaultRoute.*blackhole/),
    ]);
  });
});
