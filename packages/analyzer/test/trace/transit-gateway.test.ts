import { describe, expect, it } from 'vitest';
import { traceFlow } from '../../src/index.js';
import { modelOf, readHops } from './read-hops.js';

const egress = {
  from: { kind: 'workload', id: 'Hub/ContainerService', availabilityZone: 'eu-central-1a' },
  to: { kind: 'host', hostname: 'api.binance.com' },
  protocol: 'tcp',
  port: 443,
} as const;

describe('transit gateway hub', () => {
  it('sends egress through the associated route table to the egress VPC and back by the propagated route', () => {
    const trace = traceFlow(modelOf('tgw-hub'), egress);
    expect(trace.disposition).toBe('ACCEPTED');
    expect(readHops(trace.hops)).toEqual([
      'task ENI ContainerService eu-central-1a: sg egress egress 0.0.0.0/0:443/tcp (ContainerTaskSecurityGroup)',
      'subnet ContainerPrivateA eu-central-1a: route 0.0.0.0/0 → tgw Tgw (ContainerPrivateRouteTable)',
      'tgw attachment ContainerAttachment eu-central-1a: enter transit gateway ENI in eu-central-1a; route associated SpokeTgwRouteTable: 0.0.0.0/0 → EgressAttachment (static); deliver EgressAttachment ENI in eu-central-1a',
      'subnet EgressTgwA eu-central-1a: route 0.0.0.0/0 → nat EgressNatA (EgressTgwRouteTableA)',
      'nat gateway EgressNatA eu-central-1a: source NAT to its Elastic IP',
      'subnet EgressPublicA eu-central-1a: route 0.0.0.0/0 → igw EgressIgw (EgressPublicRouteTableA)',
      'internet gateway EgressIgw: forward → internet',
    ]);
    expect(readHops(trace.returnHops)).toEqual([
      'internet gateway EgressIgw: reply internet → Elastic IP of EgressNatA',
      'nat gateway EgressNatA eu-central-1a: reverse NAT → ContainerService (in ContainerPrivateA)',
      'subnet EgressPublicA eu-central-1a: route 10.0.0.0/8 → tgw Tgw (EgressPublicRouteTableA)',
      'tgw attachment EgressAttachment eu-central-1a: enter transit gateway ENI in eu-central-1a; route associated EgressTgwRouteTable: 10.0.0.0/16 → ContainerAttachment (propagated); deliver ContainerAttachment ENI in eu-central-1a',
      'subnet ContainerTgwA eu-central-1a: route 10.0.0.0/16 → local (main table of ContainerVpc)',
      'task ENI ContainerService eu-central-1a: stateful reply of an allowed connection (security groups are stateful)',
    ]);
  });

  it('stops at a blackhole route of the transit gateway route table', () => {
    const trace = traceFlow(modelOf('blackhole'), egress);
    expect(trace.disposition).toBe('BLACKHOLE');
    expect(trace.reason).toBe('transit gateway route SpokeTgwRouteTableRoute1 (0.0.0.0/0) is a blackhole');
    expect(readHops(trace.hops)).toEqual([
      'task ENI ContainerService eu-central-1a: sg egress egress 0.0.0.0/0:443/tcp (ContainerTaskSecurityGroup)',
      'subnet ContainerPrivateA eu-central-1a: route 0.0.0.0/0 → tgw Tgw (ContainerPrivateRouteTable)',
      'tgw attachment ContainerAttachment eu-central-1a: enter transit gateway ENI in eu-central-1a; route associated SpokeTgwRouteTable: 0.0.0.0/0 → blackhole',
    ]);
  });

  it('rejects a source in an AZ where the attachment has no subnet', () => {
    const model = modelOf('tgw-hub');
    const oneAz = {
      ...model,
      transitGatewayAttachments: model.transitGatewayAttachments.map((attachment) =>
        attachment.source.logicalId === 'ContainerAttachment'
          ? { ...attachment, subnetIds: attachment.subnetIds.filter((id) => id.endsWith('TgwA')) }
          : attachment,
      ),
    };
    const trace = traceFlow(oneAz, {
      ...egress,
      from: { ...egress.from, availabilityZone: 'eu-central-1b' },
    });
    expect(trace.disposition).toBe('NO_ROUTE');
    expect(trace.reason).toBe(
      'ContainerAttachment has no subnet in eu-central-1b; resources in an AZ without an attachment subnet cannot reach the transit gateway',
    );
  });
});
