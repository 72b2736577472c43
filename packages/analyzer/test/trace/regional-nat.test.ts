import { describe, expect, it } from 'vitest';
import { simulateAzLoss, withoutAvailabilityZone } from '../../src/analyses/az-loss/index.js';
import { checkInvariants } from '../../src/analyses/invariants/index.js';
import { buildModel, loadAssembly, traceFlow } from '../../src/index.js';
import { mutate, type Templates } from '../mutations/support/template-edits.js';
import { fixture, readHops } from './read-hops.js';

/**
 * The nat-egress fixture with one regional NAT gateway (`AvailabilityMode: regional`, `VpcId`, no subnet) in place of
 * its two zonal ones, both private route tables routing to it.
 */
const withRegionalNat = (more: (t: Templates) => void = () => {}) =>
  buildModel(
    mutate(loadAssembly(fixture('nat-egress')), (t) => {
      for (const prefix of ['NatAEip', 'NatBEip', 'NatA', 'NatB']) t.delete(prefix);
      t.add('Network', 'RegionalNat', {
        Type: 'AWS::EC2::NatGateway',
        Properties: { AvailabilityMode: 'regional', ConnectivityType: 'public', VpcId: { Ref: 'Vpc' } },
      });
      for (const route of ['PrivateRouteTableARoute0', 'PrivateRouteTableBRoute0'])
        t.properties(route).NatGatewayId = { Ref: 'RegionalNat' };
      more(t);
    }),
  );

const egressFrom = (model: ReturnType<typeof withRegionalNat>, availabilityZone: string) =>
  traceFlow(model, {
    from: { kind: 'workload', id: 'Network/PriceService', availabilityZone },
    to: { kind: 'host', hostname: 'api.binance.com' },
    protocol: 'tcp',
    port: 443,
  });

describe('a regional NAT gateway', () => {
  it('is read as in its VPC, in automatic mode, with a route table of its own that reaches the internet gateway', () => {
    const model = withRegionalNat();
    expect(model.natGateways.map((nat) => [nat.id, nat.placement])).toEqual([
      [
        'Network/RegionalNat',
        {
          kind: 'regional',
          vpcId: 'Network/Vpc',
          routeTableId: 'Network/RegionalNat#route-table',
          availabilityZones: { kind: 'automatic' },
        },
      ],
    ]);
    const table = model.routeTables.find((candidate) => candidate.id === 'Network/RegionalNat#route-table');
    expect(table?.routes.map((route) => [route.destination, route.target, route.source.logicalId])).toEqual([
      [{ kind: 'cidr', cidr: { known: true, value: '10.0.0.0/16' } }, { kind: 'local' }, 'Vpc'],
      [
        { kind: 'cidr', cidr: { known: true, value: '0.0.0.0/0' } },
        { kind: 'internet-gateway', id: 'Network/Igw' },
        'RegionalNat',
      ],
    ]);
  });

  it('translates in the AZ the packet comes from and leaves by its own route table; the reply comes back the same way', () => {
    const model = withRegionalNat();
    const trace = egressFrom(model, 'eu-central-1b');
    expect(trace.disposition).toBe('ACCEPTED');
    expect(readHops(trace.hops)).toEqual([
      'task ENI PriceService eu-central-1b: sg egress egress 0.0.0.0/0:443/tcp (TaskSecurityGroup)',
      'subnet PrivateB eu-central-1b: route 0.0.0.0/0 → nat RegionalNat (PrivateRouteTableB)',
      'nat gateway RegionalNat eu-central-1b: source NAT to its Elastic IP in eu-central-1b',
      'nat gateway route table RegionalNat eu-central-1b: route 0.0.0.0/0 → igw Igw (RegionalNat)',
      'internet gateway Igw: forward → internet',
    ]);
    expect(readHops(trace.returnHops)).toEqual([
      'internet gateway Igw: reply internet → Elastic IP of RegionalNat in eu-central-1b',
      'nat gateway RegionalNat eu-central-1b: reverse NAT → PriceService (in PrivateB)',
      'nat gateway route table RegionalNat eu-central-1b: route 10.0.0.0/16 → local (RegionalNat)',
      'task ENI PriceService eu-central-1b: stateful reply of an allowed connection (security groups are stateful)',
    ]);
  });

  it('puts the routes a template adds by Fn::GetAtt [NatGateway, RouteTableId] in its table, one to 0.0.0.0/0 replacing the default', () => {
    const model = withRegionalNat((t) => {
      t.add('Network', 'NatBlackhole', {
        Type: 'AWS::EC2::Route',
        Properties: {
          RouteTableId: { 'Fn::GetAtt': ['RegionalNat', 'RouteTableId'] },
          DestinationCidrBlock: '0.0.0.0/0',
          NatGatewayId: { Ref: 'RegionalNat' },
        },
      });
    });
    const table = model.routeTables.find((candidate) => candidate.id === 'Network/RegionalNat#route-table');
    expect(table?.routes.map((route) => route.source.logicalId)).toEqual(['Vpc', 'NatBlackhole']);
    const trace = egressFrom(model, 'eu-central-1a');
    expect(trace.disposition).toBe('NO_ROUTE');
  });

  it('leaves the hop after it UNKNOWN when its VPC has no internet gateway for its table to reach', () => {
    const trace = egressFrom(
      withRegionalNat((t) => t.delete('IgwAttach')),
      'eu-central-1a',
    );
    expect(trace.disposition).toBe('UNKNOWN');
    expect(trace.reason).toBe(
      "regional NAT gateway RegionalNat's route table routes to the internet gateway of its VPC, and the templates attach none to it",
    );
  });

  it('in automatic mode survives the loss of either AZ, and NET011 finds every subnet routed to it in its own AZ', () => {
    const model = withRegionalNat();
    expect(simulateAzLoss(model).map((loss) => [loss.availabilityZone, loss.survives])).toEqual([
      ['eu-central-1a', true],
      ['eu-central-1b', true],
    ]);
    expect(checkInvariants(model).filter((finding) => finding.ruleId === 'NET011')).toEqual([]);
    expect(withoutAvailabilityZone(model, 'eu-central-1a').natGateways).toEqual(model.natGateways);
  });

  it('in manual mode serves only the AZs it lists: traffic from another is UNKNOWN, NET011 names the subnet, and it is lost with its last AZ only', () => {
    const model = withRegionalNat((t) => {
      t.properties('RegionalNat').AvailabilityZoneAddresses = [
        { AvailabilityZone: 'eu-central-1a', AllocationIds: ['eipalloc-0123456789abcdef0'] },
      ];
    });
    expect(egressFrom(model, 'eu-central-1a').disposition).toBe('ACCEPTED');
    const fromB = egressFrom(model, 'eu-central-1b');
    expect([fromB.disposition, fromB.reason]).toEqual([
      'UNKNOWN',
      'regional NAT gateway RegionalNat lists no Elastic IP for eu-central-1b in AvailabilityZoneAddresses, and AWS does not document what it does with traffic from an AZ it is not in',
    ]);
    expect(
      checkInvariants(model)
        .filter((finding) => finding.ruleId === 'NET011')
        .map((finding) => [finding.source?.logicalId, finding.message]),
    ).toEqual([
      [
        'PrivateB',
        'Network/PrivateB: the subnet is in eu-central-1b but its route 0.0.0.0/0 → nat-gateway Network/RegionalNat in route table Network/PrivateRouteTableB leads to eu-central-1a; losing eu-central-1a cuts this subnet off. Route to the one in eu-central-1b.',
      ],
    ]);
    expect(withoutAvailabilityZone(model, 'eu-central-1a').natGateways).toEqual([]);
    expect(withoutAvailabilityZone(model, 'eu-central-1b').natGateways.map((nat) => nat.placement)).toEqual(
      model.natGateways.map((nat) => nat.placement),
    );
  });
});
