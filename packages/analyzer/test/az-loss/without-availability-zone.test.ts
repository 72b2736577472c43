import { describe, expect, it } from 'vitest';
import { availabilityZonesOf, withoutAvailabilityZone } from '../../src/analyses/az-loss/index.js';
import { unknown } from '../../src/model/types.js';
import { AZ_A, AZ_B, hubModel } from '../invariants/support/hub-model.js';

describe('withoutAvailabilityZone', () => {
  const hub = hubModel();
  const degraded = withoutAvailabilityZone(hub, AZ_A);
  const table = (id: string) => degraded.routeTables.find((candidate) => candidate.id === id);

  it('lists the AZs of the model’s subnets', () => {
    expect(availabilityZonesOf(hub)).toEqual([AZ_A, AZ_B]);
  });

  it('removes the AZ’s subnets, its NAT gateway and the instances of everything zonal placed there', () => {
    expect(degraded.subnets.map((subnet) => subnet.id)).toEqual([
      'Net/TaskB',
      'Net/IngressB',
      'Net/PublicB',
      'Net/FirewallB',
      'Net/AttachB',
    ]);
    expect(degraded.natGateways.map((nat) => nat.id)).toEqual(['Net/NatB']);
    expect(degraded.firewalls[0]?.subnetIds).toEqual(['Net/FirewallB']);
    expect(degraded.transitGatewayAttachments.map((attachment) => attachment.subnetIds)).toEqual([
      ['Net/TaskB'],
      ['Net/IngressB'],
      ['Net/AttachB'],
    ]);
    expect(degraded.ecsServices[0]?.subnetIds).toEqual(['Net/TaskB']);
    expect(degraded.vpcEndpoints.map((endpoint) => endpoint.subnetIds)).toEqual([
      ['Net/TaskB'],
      ['Net/TaskB'],
      ['Net/TaskB'],
      [],
    ]);
    expect(degraded.vpcLinks[0]?.subnetIds).toEqual(['Net/IngressB']);
  });

  it('removes the load balancer nodes of the AZ and the targets that were their fixed IPs', () => {
    const nlb = degraded.loadBalancers.find((lb) => lb.id === 'Net/Nlb');
    expect(nlb?.subnetIds).toEqual(['Net/TaskB']);
    expect(Object.keys(nlb?.privateIpsBySubnet ?? {})).toEqual(['Net/TaskB']);
    const targets = degraded.targetGroups.find((group) => group.id === 'Net/NlbTargets')?.targets;
    expect(targets?.map((target) => target.address)).toEqual([{ known: true, value: '10.0.1.10' }]);
  });

  it('turns routes to the lost NAT gateway and firewall endpoint into blackholes and keeps the others', () => {
    expect(table('Net/FirewallRtA')?.routes.map((route) => route.target.kind)).toEqual([
      'local',
      'blackhole',
      'transit-gateway',
    ]);
    expect(table('Net/AttachRtA')?.routes.map((route) => route.target.kind)).toEqual(['local', 'blackhole']);
    expect(table('Net/AttachRtB')?.routes.map((route) => route.target.kind)).toEqual([
      'local',
      'firewall-endpoint',
    ]);
    expect(table('Net/FirewallRtB')?.routes.map((route) => route.target.kind)).toEqual([
      'local',
      'nat-gateway',
      'transit-gateway',
    ]);
  });

  it('withdraws the propagated routes of an attachment left without subnets and blackholes its static routes', () => {
    const oneAzContainer = hubModel((p) => ({
      containerAttachment: { ...p.containerAttachment, subnetIds: [p.taskA.id] },
    }));
    const tables = withoutAvailabilityZone(oneAzContainer, AZ_A).transitGatewayRouteTables;
    expect(
      tables.map((tgwTable) => tgwTable.routes.map((route) => [route.destination, route.target.kind])),
    ).toEqual([
      [
        [{ known: true, value: '0.0.0.0/0' }, 'attachment'],
        [{ known: true, value: '10.1.0.0/16' }, 'attachment'],
      ],
      [[{ known: true, value: '10.0.0.0/16' }, 'blackhole']],
    ]);
    expect(tables[0]?.associatedAttachmentIds).toEqual(['Net/IngressAttachment']);
  });

  it('keeps a subnet whose AZ is unresolved', () => {
    const unresolved = hubModel((p) => ({
      taskA: { ...p.taskA, availabilityZone: unknown('Fn::Select on a parameter') },
    }));
    expect(withoutAvailabilityZone(unresolved, AZ_A).subnets.map((subnet) => subnet.id)).toContain(
      'Net/TaskA',
    );
  });
});
