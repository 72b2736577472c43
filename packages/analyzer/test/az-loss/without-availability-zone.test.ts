import { describe, expect, it } from 'vitest';
import { availabilityZonesOf, withoutAvailabilityZone } from '../../src/analyses/az-loss/index.js';
import { traceFlow } from '../../src/analyses/trace/index.js';
import type { Flow } from '../../src/analyses/types.js';
import { loadAssembly } from '../../src/assembly/index.js';
import { buildModel } from '../../src/model/index.js';
import { unknown } from '../../src/model/types.js';
import { AZ_A, AZ_B, hubModel } from '../invariants/support/hub-model.js';
import { mutate } from '../mutations/support/template-edits.js';
import { fixture, readHops } from '../trace/read-hops.js';

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

describe('withoutAvailabilityZone and a firewall attached to a transit gateway', () => {
  const FIREWALL = 'AWS::NetworkFirewall::Firewall';
  const assembly = loadAssembly(fixture('tgw-attached-firewall'));
  const egressFromB: Flow = {
    from: { kind: 'workload', id: 'Hub/SpokeB' },
    to: { kind: 'host', hostname: 'example.com' },
    protocol: 'tcp',
    port: 443,
  };

  it('loses the firewall’s endpoint in the AZ, and the transit gateway delivers to the one left', () => {
    const degraded = withoutAvailabilityZone(buildModel(assembly), 'eu-central-1a');
    expect(degraded.firewalls[0]?.transitGatewayAttachment?.availabilityZones).toEqual([
      { known: true, value: 'eu-central-1b' },
    ]);
    const trace = traceFlow(degraded, egressFromB);
    expect(trace.disposition).toBe('ACCEPTED');
    expect(trace.hops[3]?.availabilityZone).toBe('eu-central-1b');
  });

  it('blackholes the transit gateway routes to a firewall whose only AZ is lost', () => {
    const oneAz = buildModel(
      mutate(assembly, (t) => {
        t.find('Firewall', FIREWALL).resource.Properties.AvailabilityZoneMappings = [
          { AvailabilityZone: 'eu-central-1a' },
        ];
      }),
    );
    const trace = traceFlow(withoutAvailabilityZone(oneAz, 'eu-central-1a'), egressFromB);
    expect(trace.disposition).toBe('BLACKHOLE');
    expect(trace.reason).toBe('transit gateway route SpokeRouteTableDefaultRoute (0.0.0.0/0) is a blackhole');
    expect(readHops(trace.hops).at(-1)).toBe(
      'tgw attachment SpokeBAttachment eu-central-1b: enter transit gateway ENI in eu-central-1b; route associated SpokeRouteTable: 0.0.0.0/0 → blackhole',
    );
  });

  it('delivers to the firewall’s endpoint in another AZ when it has none in the source AZ', () => {
    const oneAz = buildModel(
      mutate(assembly, (t) => {
        t.find('Firewall', FIREWALL).resource.Properties.AvailabilityZoneMappings = [
          { AvailabilityZone: 'eu-central-1a' },
        ];
      }),
    );
    const trace = traceFlow(oneAz, egressFromB);
    expect(trace.disposition).toBe('ACCEPTED');
    expect(readHops(trace.hops)[2]).toBe(
      'tgw attachment SpokeBAttachment eu-central-1b: enter transit gateway ENI in eu-central-1b; route associated SpokeRouteTable: 0.0.0.0/0 → Firewall (static); deliver Firewall endpoint in eu-central-1a (no endpoint in the source AZ)',
    );
  });
});
