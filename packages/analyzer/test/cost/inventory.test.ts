import { describe, expect, it } from 'vitest';
import { inventoryFromModel } from '../../src/analyses/cost/index.js';
import { known } from '../../src/model/types.js';
import { aModel } from './support/model-builder.js';

const task = { vcpu: known(0.5), memoryGb: known(1) };

describe('inventoryFromModel', () => {
  it('counts one public IPv4 per task of a service that assigns public IPs', () => {
    const model = aModel()
      .fargateService('Service', { desiredCount: 3, assignPublicIp: true, ...task })
      .build();
    expect(inventoryFromModel(model).items).toContainEqual(
      expect.objectContaining({ kind: 'public-ipv4', addresses: 3, why: 'task public IPs' }),
    );
  });

  it('counts an instance that has an Elastic IP once, as the Elastic IP', () => {
    const model = aModel()
      .vpc('Vpc')
      .instance('Web', 'VpcSubnet1', known('t3.micro'), true)
      .elasticIp('WebEip', 'Web')
      .build();
    const addresses = inventoryFromModel(model).items.filter((item) => item.kind === 'public-ipv4');
    expect(addresses.map((item) => [item.source.logicalId, item.kind === 'public-ipv4' && item.why])).toEqual(
      [['WebEip', 'Elastic IP']],
    );
  });

  it('puts a NAT gateway in the VPC of its subnet, so the waiver can pair it with a firewall', () => {
    const model = aModel().vpc('Egress').natGateway('Nat', 'EgressSubnet2').build();
    expect(inventoryFromModel(model).items[0]).toEqual(
      expect.objectContaining({ kind: 'nat-gateway', vpcId: 'Net/Egress' }),
    );
  });

  it('marks what it cannot price as unpriced, with the reason', () => {
    const model = aModel()
      .vpc('Vpc')
      .endpoint('Inspection', 'GatewayLoadBalancer', 'vpce-svc', 'Vpc', ['VpcSubnet1'])
      .fargateService('OnEc2', { desiredCount: 2, ...task }, 'EC2')
      .build();
    expect(
      inventoryFromModel(model).items.map((item) => [item.kind, item.kind === 'unpriced' ? item.reason : '']),
    ).toEqual([
      ['unpriced', 'Gateway Load Balancer endpoints are not in the price table'],
      [
        'unpriced',
        'ECS service on EC2 capacity: Moat does not price the container instances its tasks run on',
      ],
    ]);
  });

  it('charges data transfer out only when an internet gateway is attached or a public API exists', () => {
    expect(inventoryFromModel(aModel().vpc('Vpc').build()).reachesInternet).toBe(false);
    expect(
      inventoryFromModel(aModel().vpc('Vpc').internetGateway('Igw', 'Vpc').build()).reachesInternet,
    ).toBe(true);
    expect(inventoryFromModel(aModel().restApi('Api').build()).reachesInternet).toBe(true);
  });
});
