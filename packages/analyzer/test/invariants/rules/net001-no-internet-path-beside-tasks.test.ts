import { describe, expect, it } from 'vitest';
import { net001 } from '../../../src/analyses/invariants/rules/net001-no-internet-path-beside-tasks.js';
import { hubModel } from '../support/hub-model.js';
import { internetGateway, natGateway, route, routeTable } from '../support/model-builder.js';

describe('NET001 no internet path beside tasks', () => {
  it('accepts a workload VPC whose only way out is the transit gateway', () => {
    expect(net001.check(hubModel())).toEqual([]);
  });

  it('fails an internet gateway, its route and a NAT gateway in the workload VPC', () => {
    const model = hubModel((p) => {
      const igw = internetGateway('RogueIgw', p.containerVpc);
      return {
        igw,
        taskRtA: routeTable('TaskRtA', p.containerVpc, [
          route('0.0.0.0/0', { kind: 'internet-gateway', id: igw.id }, 'RogueRoute'),
        ]),
        natA: natGateway('RogueNat', p.taskA),
      };
    });
    const context = 'Net/ContainerVpc runs workloads and is attached to a transit gateway';
    expect(net001.check(model)).toEqual([
      expect.objectContaining({
        ruleId: 'NET001',
        severity: 'error',
        message: `Net/RogueIgw: internet gateway attached to Net/ContainerVpc; VPC ${context}, so this is a path around the central egress and ingress. Detach and delete it.`,
      }),
      expect.objectContaining({
        message: `Net/RogueNat: NAT gateway in subnet Net/TaskA; VPC ${context}, so this is an egress path around the central firewall. Delete it and route 0.0.0.0/0 to the transit gateway.`,
      }),
      expect.objectContaining({
        message: `Net/RogueRoute: route table Net/TaskRtA sends 0.0.0.0/0 to internet-gateway Net/RogueIgw; VPC ${context}. Route it to the transit gateway instead.`,
      }),
    ]);
  });

  it('fails a regional NAT gateway in the workload VPC, which has no subnet to name', () => {
    const model = hubModel((p) => ({
      natA: {
        ...natGateway('RogueRegionalNat', p.taskA),
        placement: {
          kind: 'regional',
          vpcId: p.containerVpc.id,
          routeTableId: p.taskRtA.id,
          availabilityZones: { kind: 'automatic' },
        },
      },
    }));
    expect(net001.check(model).map((finding) => finding.message)).toEqual([
      'Net/RogueRegionalNat: regional NAT gateway in Net/ContainerVpc; VPC Net/ContainerVpc runs workloads and is attached to a transit gateway, so this is an egress path around the central firewall. Delete it and route 0.0.0.0/0 to the transit gateway.',
    ]);
  });
});
