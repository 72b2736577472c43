import { describe, expect, it } from 'vitest';
import { buildModel, type Flow, loadAssembly, traceFlow } from '../../src/index.js';
import { mutate } from '../mutations/support/template-edits.js';
import { fixture, readHops } from './read-hops.js';

/** A Network Firewall attached natively to a transit gateway, inspecting egress and east-west traffic. */
const assembly = loadAssembly(fixture('tgw-attached-firewall'));
const model = buildModel(assembly);
const spokeA = { kind: 'workload', id: 'Hub/SpokeA' } as const;
const egress: Flow = {
  from: spokeA,
  to: { kind: 'host', hostname: 'example.com' },
  protocol: 'tcp',
  port: 443,
};
const eastWest = (port: number): Flow => ({
  from: spokeA,
  to: { kind: 'workload', id: 'Hub/SpokeB' },
  protocol: 'tcp',
  port,
});

describe('a firewall attached to a transit gateway', () => {
  it('inspects egress at its endpoint in the source AZ, routed by the route table of its attachment, and the reply returns through it', () => {
    const trace = traceFlow(model, egress);
    expect(trace.disposition).toBe('ACCEPTED');
    expect(readHops(trace.hops)).toEqual([
      'instance ENI SpokeA eu-central-1a: sg egress egress 0.0.0.0/0:all/all (SpokeASecurityGroup)',
      'subnet SpokeAWorkloadA eu-central-1a: route 0.0.0.0/0 → tgw Tgw (SpokeAWorkloadRouteTable)',
      'tgw attachment SpokeAAttachment eu-central-1a: enter transit gateway ENI in eu-central-1a; route associated SpokeRouteTable: 0.0.0.0/0 → Firewall (static); deliver Firewall endpoint in eu-central-1a',
      'firewall Firewall eu-central-1a: endpoint in eu-central-1a (transit gateway attachment); PASS SYN: rule sid 1 (pass tcp ANY ANY -> ANY 443 (sid:1;)) (InspectionRules) passes the connection; route associated InspectionRouteTable: 0.0.0.0/0 → EgressAttachment (static); deliver EgressAttachment ENI in eu-central-1a',
      'subnet EgressTgwA eu-central-1a: route 0.0.0.0/0 → nat EgressNatA (EgressTgwRouteTableA)',
      'nat gateway EgressNatA eu-central-1a: source NAT to its Elastic IP',
      'subnet EgressPublicA eu-central-1a: route 0.0.0.0/0 → igw EgressIgw (EgressPublicRouteTable)',
      'internet gateway EgressIgw: forward → internet',
    ]);
    expect(readHops(trace.returnHops)).toEqual([
      'internet gateway EgressIgw: reply internet → Elastic IP of EgressNatA',
      'nat gateway EgressNatA eu-central-1a: reverse NAT → SpokeA (in SpokeAWorkloadA)',
      'subnet EgressPublicA eu-central-1a: route 10.0.0.0/8 → tgw Tgw (EgressPublicRouteTable)',
      'tgw attachment EgressAttachment eu-central-1a: enter transit gateway ENI in eu-central-1a; route associated EgressRouteTable: 10.0.0.0/8 → Firewall (static); deliver Firewall endpoint in eu-central-1a (appliance mode keeps the AZ of the request)',
      'firewall Firewall eu-central-1a: endpoint in eu-central-1a (transit gateway attachment); PASS established connection: the endpoint the request crossed (symmetric); route associated InspectionRouteTable: 10.1.0.0/16 → SpokeAAttachment (propagated); deliver SpokeAAttachment ENI in eu-central-1a',
      'subnet SpokeATgwA eu-central-1a: route 10.1.0.0/16 → local (main table of SpokeAVpc)',
      'instance ENI SpokeA eu-central-1a: stateful reply of an allowed connection (security groups are stateful)',
    ]);
  });

  it('keeps the AZ of the request for the reply from another AZ, since appliance mode is always on for it', () => {
    const trace = traceFlow(model, eastWest(80));
    expect(trace.disposition).toBe('ACCEPTED');
    expect(readHops(trace.hops).slice(2)).toEqual([
      'tgw attachment SpokeAAttachment eu-central-1a: enter transit gateway ENI in eu-central-1a; route associated SpokeRouteTable: 0.0.0.0/0 → Firewall (static); deliver Firewall endpoint in eu-central-1a',
      'firewall Firewall eu-central-1a: endpoint in eu-central-1a (transit gateway attachment); PASS SYN: rule sid 2 (pass tcp ANY ANY -> 10.0.0.0/8 80 (sid:2;)) (InspectionRules) passes the connection; route associated InspectionRouteTable: 10.2.0.0/16 → SpokeBAttachment (propagated); deliver SpokeBAttachment ENI in eu-central-1a',
      'subnet SpokeBTgwA eu-central-1a: route 10.2.0.0/16 → local (main table of SpokeBVpc)',
      'instance ENI SpokeB eu-central-1b: sg ingress ingress 10.0.0.0/8:80/tcp (SpokeBSecurityGroup)',
    ]);
    expect(readHops(trace.returnHops).slice(0, 4)).toEqual([
      'instance ENI SpokeB eu-central-1b: reply → SpokeA (in SpokeAWorkloadA)',
      'subnet SpokeBWorkloadB eu-central-1b: route 0.0.0.0/0 → tgw Tgw (SpokeBWorkloadRouteTable)',
      'tgw attachment SpokeBAttachment eu-central-1b: enter transit gateway ENI in eu-central-1b; route associated SpokeRouteTable: 0.0.0.0/0 → Firewall (static); deliver Firewall endpoint in eu-central-1a (appliance mode keeps the AZ of the request)',
      'firewall Firewall eu-central-1a: endpoint in eu-central-1a (transit gateway attachment); PASS established connection: the endpoint the request crossed (symmetric); route associated InspectionRouteTable: 10.1.0.0/16 → SpokeAAttachment (propagated); deliver SpokeAAttachment ENI in eu-central-1a',
    ]);
  });

  it('drops what its rules drop, at its attachment', () => {
    const trace = traceFlow(model, eastWest(22));
    expect(trace.disposition).toBe('DROPPED_BY_FIREWALL');
    expect(trace.reason).toBe(
      'rule sid 3 (drop tcp ANY ANY -> ANY 22 (sid:3;)) (InspectionRules) drops the SYN',
    );
    expect(readHops(trace.hops).at(-1)).toBe(
      'firewall Firewall eu-central-1a: endpoint in eu-central-1a (transit gateway attachment); DROP SYN: rule sid 3 (drop tcp ANY ANY -> ANY 22 (sid:3;)) (InspectionRules) drops it',
    );
  });

  it('is reached only by a transit gateway route: without the spokes’ route to it there is no route', () => {
    const trace = traceFlow(
      buildModel(mutate(assembly, (t) => t.delete('SpokeRouteTableDefaultRoute'))),
      egress,
    );
    expect(trace.disposition).toBe('NO_ROUTE');
    expect(trace.reason).toBe('transit gateway route table SpokeRouteTable has no route to example.com');
  });

  it('needs the egress VPC’s route back to it for the reply', () => {
    const trace = traceFlow(
      buildModel(mutate(assembly, (t) => t.delete('EgressRouteTableSpokesRoute'))),
      egress,
    );
    expect(trace.disposition).toBe('NO_ROUTE');
    expect(trace.reason).toBe(
      'the reply fails: transit gateway route table EgressRouteTable has no route to SpokeA (in SpokeAWorkloadA)',
    );
  });

  it('routes on by the route table its attachment is associated with: none, no route', () => {
    const trace = traceFlow(
      buildModel(mutate(assembly, (t) => t.delete('InspectionRouteTableFirewallAssociation'))),
      egress,
    );
    expect(trace.disposition).toBe('NO_ROUTE');
    expect(trace.reason).toBe('Firewall is associated with no transit gateway route table');
  });
});
