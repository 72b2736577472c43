import { beforeAll, describe, expect, it } from 'vitest';
import { planAddresses } from '../../src/config/addressing.js';
import { upstreamWeightPerMinute } from '../../src/config/service-environment.js';
import {
  defaultConfig,
  jsonOf,
  type SynthesizedTemplates,
  synthesizeForTest,
  type TemplateJson,
} from '../support/synthesized-step.js';

const synthesized = new Map<number, SynthesizedTemplates>();
beforeAll(() => {
  for (const id of [4, 5, 6, 7, 8, 10]) synthesized.set(id, synthesizeForTest(id));
});

function workloadOf(stepId: number): TemplateJson {
  const step = synthesized.get(stepId);
  if (step === undefined) throw new Error(`step ${stepId} not synthesized`);
  return jsonOf(step, 'MoatWorkload');
}

/** The price service container's environment in the step's task definition, as ECS gets it. */
function environmentOf(stepId: number): Record<string, unknown> {
  const definitions = Object.values(workloadOf(stepId).Resources).filter(
    (resource) => resource.Type === 'AWS::ECS::TaskDefinition',
  );
  expect(definitions).toHaveLength(1);
  const [container] = (definitions[0]?.Properties?.ContainerDefinitions ?? []) as {
    Environment?: { Name: string; Value: unknown }[];
  }[];
  return Object.fromEntries(
    (container?.Environment ?? []).map((variable) => [variable.Name, variable.Value]),
  );
}

/** The CIDRs the internal NLB's security group admits on 8080. */
function nlbClientsOf(stepId: number): unknown[] {
  const [group] = Object.values(workloadOf(stepId).Resources).filter(
    (resource) =>
      resource.Type === 'AWS::EC2::SecurityGroup' &&
      resource.Properties?.GroupDescription === 'Internal NLB: 8080 from the ALB subnets',
  );
  return ((group?.Properties?.SecurityGroupIngress ?? []) as { CidrIp: string }[]).map((rule) => rule.CidrIp);
}

describe("the price service's environment and the load balancers in front of it", () => {
  it('budgets 6,000 × 0.8 weight a minute over service.maxCount tasks, rounded down', () => {
    expect(upstreamWeightPerMinute(6)).toBe(800);
    expect(upstreamWeightPerMinute(7)).toBe(685);
    expect(upstreamWeightPerMinute(1)).toBe(4800);
    expect(upstreamWeightPerMinute(100)).toBe(48);
  });

  it("trusts the ALB's public subnets in step 4, where the ALB targets the tasks", () => {
    expect(environmentOf(4)).toEqual({
      PORT: '8080',
      TRUST_PROXY: '10.0.128.0/19,10.0.160.0/19',
      UPSTREAM_WEIGHT_PER_MINUTE: '800',
    });
  });

  it("trusts the NLB's fixed IPs and the ALB's subnets in step 5, since the NLB does not preserve client IPs", () => {
    expect(environmentOf(5)).toEqual({
      PORT: '8080',
      TRUST_PROXY: '10.0.0.10,10.0.64.10,10.0.128.0/19,10.0.160.0/19',
      UPSTREAM_WEIGHT_PER_MINUTE: '800',
    });
  });

  it.each([6, 7, 8, 10])(
    "trusts the NLB's IPs and both ALB tiers of the ingress VPC in step %i, the VPC link's subnets among them",
    (stepId) => {
      expect(environmentOf(stepId)).toEqual({
        PORT: '8080',
        TRUST_PROXY: '10.0.0.10,10.0.64.10,10.1.128.0/19,10.1.160.0/19,10.1.0.0/18,10.1.64.0/18',
        UPSTREAM_WEIGHT_PER_MINUTE: '800',
      });
    },
  );

  it('derives the budget from the configured maximum task count', () => {
    const scaled = synthesizeForTest(4, {
      ...defaultConfig,
      service: { ...defaultConfig.service, desiredCount: 2, maxCount: 12 },
    });
    const [definition] = Object.values(jsonOf(scaled, 'MoatWorkload').Resources).filter(
      (resource) => resource.Type === 'AWS::ECS::TaskDefinition',
    );
    expect(JSON.stringify(definition?.Properties?.ContainerDefinitions)).toContain(
      '{"Name":"UPSTREAM_WEIGHT_PER_MINUTE","Value":"400"}',
    );
  });

  it('admits the same ALB subnets at the NLB in steps 7 and 8, so moving the ALB to the private tier never meets a closed NLB', () => {
    const ingress = planAddresses(defaultConfig).ingress.tiers;
    const both = [...ingress.public, ...ingress.private].map((subnet) => subnet.cidr);
    expect(nlbClientsOf(7)).toEqual(both);
    expect(nlbClientsOf(8)).toEqual(both);
    expect(environmentOf(7)).toEqual(environmentOf(8));
  });
});
