import { describe, expect, it } from 'vitest';
import { simulateAzLoss } from '../../src/analyses/az-loss/index.js';
import type { Endpoint } from '../../src/analyses/types.js';
import type { NetworkModel } from '../../src/model/types.js';
import { known } from '../../src/model/types.js';
import { AZ_A, AZ_B, hubModel, hubParts } from '../invariants/support/hub-model.js';
import { instance } from '../invariants/support/model-builder.js';

const summary = (model: NetworkModel) =>
  simulateAzLoss(model).map((result) => ({
    availabilityZone: result.availabilityZone,
    survives: result.survives,
    broken: result.flows
      .filter((flow) => !flow.holds)
      .map((flow) =>
        [flow.expectation.name, flow.trace.availabilityZone, flow.trace.disposition]
          .filter(Boolean)
          .join(' '),
      ),
  }));

describe('simulateAzLoss', () => {
  it('keeps every accepted flow of the two-AZ hub when either AZ is lost', () => {
    const results = simulateAzLoss(hubModel());
    expect(results.map((result) => [result.availabilityZone, result.survives])).toEqual([
      [AZ_A, true],
      [AZ_B, true],
    ]);
    expect(results[0]?.flows.map((flow) => flow.expectation.name)).toEqual([
      'ingress',
      'egress-allowed',
      'aws-services',
      'aws-services',
      'aws-services',
      'aws-services',
    ]);
    expect(results[0]?.flows[1]?.traces.map((trace) => trace.availabilityZone)).toEqual([AZ_B]);
  });

  it('fails egress from AZ b when the egress VPC is attached to the transit gateway in AZ a only', () => {
    const model = hubModel((p) => ({
      egressAttachment: { ...p.egressAttachment, subnetIds: [p.attachA.id] },
    }));
    const results = summary(model);
    expect(results[1]).toEqual({ availabilityZone: AZ_B, survives: true, broken: [] });
    expect(results[0]).toEqual({
      availabilityZone: AZ_A,
      survives: false,
      broken: ['egress-allowed eu-central-1b BLACKHOLE'],
    });
  });

  it('fails every flow of a service that runs in the lost AZ only', () => {
    const model = hubModel((p) => ({ service: { ...p.service, subnetIds: [p.taskA.id] } }));
    const lostA = simulateAzLoss(model)[0];
    expect(lostA?.survives).toBe(false);
    expect(lostA?.flows.map((flow) => [flow.expectation.name, flow.holds])).toEqual([
      ['ingress', false],
      ['egress-allowed', false],
      ['aws-services', false],
      ['aws-services', false],
      ['aws-services', false],
      ['aws-services', false],
    ]);
  });

  it('checks a flow from an instance lost with the AZ again from the instance that survives', () => {
    const { taskA, taskB, taskSg } = hubParts();
    const host = (name: string, subnet: typeof taskA) =>
      instance(name, subnet, { securityGroupIds: [known(taskSg.id)] });
    const model = { ...hubModel(), ecsServices: [], instances: [host('HostA', taskA), host('HostB', taskB)] };
    const lostA = simulateAzLoss(model)[0];
    expect(lostA?.survives).toBe(true);
    expect(
      lostA?.flows.map((flow) => [
        flow.expectation.name,
        describeSource(flow.expectation.flow.from),
        flow.holds,
      ]),
    ).toEqual([
      ['egress-allowed', 'Net/HostB', true],
      ['aws-services', 'Net/HostB', true],
      ['aws-services', 'Net/HostB', true],
      ['aws-services', 'Net/HostB', true],
      ['aws-services', 'Net/HostB', true],
    ]);
  });
});

const describeSource = (endpoint: Endpoint): string =>
  endpoint.kind === 'workload' ? endpoint.id : endpoint.kind;
