import { beforeAll, describe, expect, it } from 'vitest';
import { type SynthesizedTemplates, synthesizeForTest } from '../support/synthesized-step.js';

const stepIds = [2, 3, 4, 5, 6, 7, 8, 9, 10];
const synthesized = new Map<number, SynthesizedTemplates>();
beforeAll(() => {
  for (const id of stepIds) synthesized.set(id, synthesizeForTest(id));
});

/** The logical IDs that step `from` has and step `from + 1` no longer has, over all stacks. */
function removedWhenWalkingForward(from: number): string[] {
  const before = synthesized.get(from);
  const after = synthesized.get(from + 1);
  if (before === undefined || after === undefined)
    throw new Error(`steps ${from} and ${from + 1} not synthesized`);
  return Object.entries(before.json).flatMap(([stackId, template]) => {
    const next = after.json[stackId];
    if (next === undefined) throw new Error(`stack ${stackId} of step ${from} is gone in step ${from + 1}`);
    return Object.keys(template.Resources).filter((id) => next.Resources[id] === undefined);
  });
}

/**
 * What each step may remove from the one before: only what the step table says it replaces. Everything
 * else keeps its logical ID, so `cdk deploy` updates it in place and `cdk diff` shows only the step.
 */
const REMOVABLE: Readonly<Record<number, RegExp | undefined>> = {
  2: undefined,
  // Step 4 replaces the instances (and the ALB's rules towards them) by the Fargate service.
  3: /^(PriceServiceHosts|AlbSecurityGrouptoMoatWorkloadPriceServiceHostsSecurityGroup)/,
  // Step 5 puts the NLB between the ALB and the tasks.
  4: /^(AlbSecurityGrouptoMoatWorkloadPriceServiceTaskSecurityGroup|PriceServiceTaskSecurityGroupfromMoatWorkloadAlbSecurityGroup)/,
  // Step 6 removes the container VPC's public subnets, NATs and IGW; the ALB moves to MoatNetwork.
  5: /^(ContainerVpcPublicSubnet|ContainerVpcIGW|ContainerVpcVPCGW|Alb)/,
  6: undefined,
  7: undefined,
  8: undefined,
  9: undefined,
};

describe('walking forward from step to step', () => {
  it.each(stepIds.slice(0, -1))('removes from step %i only what the next step replaces', (from) => {
    const removed = removedWhenWalkingForward(from);
    const pattern = REMOVABLE[from];
    if (pattern === undefined) {
      expect(removed).toEqual([]);
    } else {
      expect(removed.length).toBeGreaterThan(0);
      expect(removed.filter((id) => !pattern.test(id))).toEqual([]);
    }
  });

  it('keeps the container VPC, its private subnets and the service under the same logical IDs from step 4 to 10', () => {
    const ids = (step: number) => Object.keys(synthesized.get(step)?.json.MoatWorkload?.Resources ?? {});
    const kept = ids(4).filter((id) =>
      /^(ContainerVpc[0-9A-F]{8}$|ContainerVpcPrivateSubnet\dSubnet|PriceService[0-9A-F]{8}$)/.test(id),
    );
    expect(kept).toHaveLength(4);
    for (const step of [5, 6, 7, 8, 9, 10]) {
      expect(ids(step)).toEqual(expect.arrayContaining(kept));
    }
  });
});
