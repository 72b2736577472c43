import { describe, expect, it } from 'vitest';
import { compareCosts, estimateCost } from '../../src/analyses/cost/index.js';
import { known } from '../../src/model/types.js';
import { aModel } from './support/model-builder.js';

const price = (builder: ReturnType<typeof aModel>) =>
  estimateCost(builder.build(), { region: 'us-east-1', hoursPerMonth: 720 });
const task = { vcpu: known(0.25), memoryGb: known(0.5) };
/** The step before in two tests: an instance and a Fargate service of two tasks. */
const instanceAndTwoTasks = () =>
  aModel()
    .vpc('Vpc')
    .instance('Web', 'VpcSubnet1', known('t3.micro'))
    .fargateService('Service', { desiredCount: 2, ...task });

describe('compareCosts', () => {
  it('reports a first step as all lines added and its total as the change', () => {
    const first = price(aModel().vpc('Vpc').natGateway('Nat', 'VpcSubnet1'));
    const delta = compareCosts(undefined, first);
    expect(delta.previousTotalUsd).toBeUndefined();
    expect(delta.changeUsd).toBe(first.totalUsd);
    expect(delta.added.map((line) => [line.resource?.logicalId ?? '—', line.charge, line.changeUsd])).toEqual(
      [
        ['Nat', 'natGatewayHour', '32.40'],
        ['Nat', 'natGatewayGb', '0.225'],
        ['NatEip', 'publicIpv4Hour', '3.60'],
      ],
    );
    expect(
      delta.resources.map((resource) => [resource.status, resource.resource?.logicalId, resource.changeUsd]),
    ).toEqual([
      ['added', 'Nat', '32.625'],
      ['added', 'NatEip', '3.60'],
    ]);
    expect([delta.removed, delta.changed, delta.complete]).toEqual([[], [], true]);
  });

  it('matches lines by resource and charge, and reports what was added, removed and changed', () => {
    const before = price(instanceAndTwoTasks());
    const after = price(
      aModel()
        .vpc('Vpc')
        .natGateway('Nat', 'VpcSubnet1')
        .fargateService('Service', { desiredCount: 3, ...task }),
    );
    const delta = compareCosts(before, after);
    expect([delta.previousTotalUsd, delta.currentTotalUsd, delta.changeUsd]).toEqual([
      '25.2612',
      '62.8848',
      '37.6236',
    ]);
    expect(delta.removed).toEqual([
      expect.objectContaining({ charge: 'ec2InstanceHour', previousUsd: '7.488', changeUsd: '-7.488' }),
    ]);
    expect(delta.removed[0]?.currentUsd).toBeUndefined();
    expect(
      delta.changed.map((line) => [line.charge, line.previousUsd, line.currentUsd, line.changeUsd]),
    ).toEqual([
      ['fargateVcpuHour', '14.5728', '21.8592', '7.2864'],
      ['fargateGbHour', '3.2004', '4.8006', '1.6002'],
    ]);
    expect(delta.added.map((line) => line.charge)).toEqual([
      'natGatewayHour',
      'natGatewayGb',
      'publicIpv4Hour',
    ]);
  });

  it('groups the changes per resource with its subtotal before and after, removed resources last', () => {
    const before = price(instanceAndTwoTasks());
    const after = price(
      aModel()
        .vpc('Vpc')
        .fargateService('Service', { desiredCount: 3, ...task }),
    );
    expect(
      compareCosts(before, after).resources.map((resource) => [
        resource.status,
        resource.resource?.logicalId,
        resource.previousUsd,
        resource.currentUsd,
        resource.changeUsd,
        resource.lines.map((line) => `${line.status} ${line.charge}`),
      ]),
    ).toEqual([
      [
        'changed',
        'Service',
        '17.7732',
        '26.6598',
        '8.8866',
        ['changed fargateVcpuHour', 'changed fargateGbHour'],
      ],
      ['removed', 'Web', '7.488', undefined, '-7.488', ['removed ec2InstanceHour']],
    ]);
  });

  it('flags the change incomplete when a step has a line it could not price', () => {
    const before = price(aModel().vpc('Vpc'));
    const after = price(aModel().vpc('Vpc').instance('Big', 'VpcSubnet1', known('m5.large')));
    expect(compareCosts(before, after).complete).toBe(false);
  });

  it('rejects comparing reports priced for different regions or hours', () => {
    const us = price(aModel());
    const eu = estimateCost(aModel().build(), { region: 'eu-central-1', hoursPerMonth: 720 });
    expect(() => compareCosts(us, eu)).toThrow(
      'Invalid comparison: received {"previous":["us-east-1",720],"current":["eu-central-1",720]}; ' +
        'expected two reports priced for the same region and hours per month.',
    );
  });

  it("compares reports of different regions when asked to, each line at its own region's prices", () => {
    const nat = () => aModel().vpc('Vpc').natGateway('Nat', 'VpcSubnet1');
    const us = price(nat());
    const eu = estimateCost(nat().build(), { region: 'eu-central-1', hoursPerMonth: 720 });
    const delta = compareCosts(us, eu, { acrossRegions: true });
    // NAT gateway $0.045 against $0.052 per hour and per GB; the public IPv4 address costs the same.
    expect(
      delta.changed.map((line) => [line.charge, line.previousUsd, line.currentUsd, line.changeUsd]),
    ).toEqual([
      ['natGatewayHour', '32.40', '37.44', '5.04'],
      ['natGatewayGb', '0.225', '0.26', '0.035'],
    ]);
    expect([delta.previousTotalUsd, delta.currentTotalUsd, delta.changeUsd]).toEqual([
      '36.225',
      '41.30',
      '5.075',
    ]);
    expect([delta.added, delta.removed]).toEqual([[], []]);
    const longer = estimateCost(nat().build(), { region: 'eu-central-1', hoursPerMonth: 730 });
    expect(() => compareCosts(us, longer, { acrossRegions: true })).toThrow('Invalid comparison');
  });
});
