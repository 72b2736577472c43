import { describe, expect, it } from 'vitest';
import {
  buildModel,
  loadAssembly,
  simulateAzLoss,
  traceFlow,
  withoutAvailabilityZone,
} from '../../src/index.js';
import { mutate } from '../mutations/support/template-edits.js';
import { fixture, modelOf, readHops } from './read-hops.js';

/**
 * Two accounts: the networking account's subnets A are in euc1-az1 and B in euc1-az2; the workload account's
 * subnets A, which it would call eu-central-1a, are in euc1-az2 and its B in euc1-az1. Every subnet is placed by
 * AZ ID (`AvailabilityZoneId`), so the zones compare across the accounts.
 */
const twoAccounts = () => loadAssembly(fixture('two-account-zones'));
const egress = {
  from: { kind: 'workload', id: 'Workload/ContainerService', availabilityZone: 'euc1-az2' },
  to: { kind: 'host', hostname: 'api.binance.com' },
  protocol: 'tcp',
  port: 443,
} as const;

describe('availability zones across accounts', () => {
  it('reads the AZ ID a subnet is placed by, and the AZ name with its account', () => {
    const model = modelOf('two-account-zones');
    const subnet = (id: string) => model.subnets.find((candidate) => candidate.id === id);
    expect(subnet('Workload/ContainerPrivateA')).toMatchObject({
      availabilityZone: { known: true, value: 'euc1-az2' },
      availabilityZonePin: { kind: 'id', id: 'euc1-az2' },
    });
    const byName = buildModel(mutate(twoAccounts(), (t) => t.placeByName({ EgressTgwA: 'eu-central-1a' })));
    expect(byName.subnets.find((candidate) => candidate.id === 'Network/EgressTgwA')).toMatchObject({
      availabilityZone: { known: true, value: 'eu-central-1a' },
      availabilityZonePin: { kind: 'name', name: 'eu-central-1a', account: '111111111111' },
    });
  });

  it("places a subnet whose AvailabilityZoneId is another subnet's in that subnet's AZ, name or ID", () => {
    const followed = buildModel(
      mutate(twoAccounts(), (t) => {
        t.placeByName({ EgressTgwB: 'eu-central-1b' });
        t.properties('EgressPublicB').AvailabilityZoneId = {
          'Fn::GetAtt': [t.find('EgressTgwB').logicalId, 'AvailabilityZoneId'],
        };
        t.properties('EgressPublicA').AvailabilityZoneId = {
          'Fn::GetAtt': [t.find('EgressTgwA').logicalId, 'AvailabilityZoneId'],
        };
      }),
    );
    const subnet = (id: string) => followed.subnets.find((candidate) => candidate.id === id);
    expect(subnet('Network/EgressPublicB')).toMatchObject({
      availabilityZone: { known: true, value: 'eu-central-1b' },
      availabilityZonePin: { kind: 'subnet', subnetId: 'Network/EgressTgwB' },
    });
    expect(subnet('Network/EgressPublicA')?.availabilityZone).toEqual({ known: true, value: 'euc1-az1' });
  });

  it("follows the task's AZ ID into the networking account's subnets of the same AZ ID, whatever their names", () => {
    const trace = traceFlow(modelOf('two-account-zones'), egress);
    expect(trace.disposition).toBe('ACCEPTED');
    expect(readHops(trace.hops)).toEqual([
      'task ENI ContainerService euc1-az2: sg egress egress 0.0.0.0/0:443/tcp (ContainerTaskSecurityGroup)',
      'subnet ContainerPrivateA euc1-az2: route 0.0.0.0/0 → tgw Tgw (ContainerPrivateRouteTable)',
      'tgw attachment ContainerAttachment euc1-az2: enter transit gateway ENI in euc1-az2; route associated SpokeTgwRouteTable: 0.0.0.0/0 → EgressAttachment (static); deliver EgressAttachment ENI in euc1-az2',
      'subnet EgressTgwB euc1-az2: route 0.0.0.0/0 → nat EgressNatB (EgressTgwRouteTableB)',
      'nat gateway EgressNatB euc1-az2: source NAT to its Elastic IP',
      'subnet EgressPublicB euc1-az2: route 0.0.0.0/0 → igw EgressIgw (EgressPublicRouteTableB)',
      'internet gateway EgressIgw: forward → internet',
    ]);
    expect(readHops(trace.returnHops)).toEqual([
      'internet gateway EgressIgw: reply internet → Elastic IP of EgressNatB',
      'nat gateway EgressNatB euc1-az2: reverse NAT → ContainerService (in ContainerPrivateA)',
      'subnet EgressPublicB euc1-az2: route 10.0.0.0/8 → tgw Tgw (EgressPublicRouteTableB)',
      'tgw attachment EgressAttachment euc1-az2: enter transit gateway ENI in euc1-az2; route associated EgressTgwRouteTable: 10.0.0.0/16 → ContainerAttachment (propagated); deliver ContainerAttachment ENI in euc1-az2',
      'subnet ContainerTgwA euc1-az2: route 10.0.0.0/16 → local (main table of ContainerVpc)',
      'task ENI ContainerService euc1-az2: stateful reply of an allowed connection (security groups are stateful)',
    ]);
  });

  it('loses the subnets of one AZ ID in both accounts, and the flows survive in the other', () => {
    const model = modelOf('two-account-zones');
    const degraded = withoutAvailabilityZone(model, 'euc1-az2');
    expect(degraded.subnets.map((subnet) => subnet.id).sort()).toEqual([
      'Network/EgressPublicA',
      'Network/EgressTgwA',
      'Workload/ContainerPrivateB',
      'Workload/ContainerTgwB',
    ]);
    expect(degraded.natGateways.map((nat) => nat.id)).toEqual(['Network/EgressNatA']);
    expect(
      simulateAzLoss(model).map((loss) => [
        loss.availabilityZone,
        loss.survives,
        loss.flows.map((flow) => `${flow.expectation.name} ${flow.trace.disposition}`),
      ]),
    ).toEqual(
      ['euc1-az1', 'euc1-az2'].map((zone) => [
        zone,
        true,
        ['egress-allowed ACCEPTED', ...Array(4).fill('aws-services ACCEPTED')],
      ]),
    );
  });

  it('is UNKNOWN where the transit gateway must pick an ENI by an AZ name of another account', () => {
    const byNames = buildModel(
      mutate(twoAccounts(), (t) =>
        t.placeByName({
          EgressTgwA: 'eu-central-1a',
          EgressTgwB: 'eu-central-1b',
          EgressPublicA: 'eu-central-1a',
          EgressPublicB: 'eu-central-1b',
        }),
      ),
    );
    const trace = traceFlow(byNames, egress);
    expect(trace.disposition).toBe('UNKNOWN');
    expect(trace.reason).toBe(
      "whether the transit gateway delivers to EgressAttachment in the AZ the packet entered by is unknown: ContainerAttachment's ENI in ContainerTgwA is in the AZ ID euc1-az2 and its ENI in EgressTgwA in the AZ name eu-central-1a, which do not compare: AZ names are mapped to physical zones per account, AZ IDs are the same everywhere (https://docs.aws.amazon.com/global-infrastructure/latest/regions/az-ids.html); place the subnets by AvailabilityZoneId",
    );
  });

  it('makes the loss of an AZ UNKNOWN for a flow through an AZ that does not compare with it', () => {
    const model = modelOf('cross-stack');
    const probe = {
      name: 'probe',
      expected: 'ACCEPTED',
      flow: {
        from: { kind: 'workload', id: 'assembly-Prod/ProdNetwork/Probe' },
        to: { kind: 'workload', id: 'assembly-Prod/ProdWorkload/PriceService' },
        protocol: 'tcp',
        port: 8080,
      },
    } as const;
    const losses = simulateAzLoss(model, [probe]);
    const why = (hop: string, hopZone: string, lost: string) =>
      `whether losing the AZ name eu-central-1a of account ${lost} takes ${hop} down is unknown: ${hop} is in the AZ name eu-central-1a of account ${hopZone} and the lost AZ in the AZ name eu-central-1a of account ${lost}, which do not compare: AZ names are mapped to physical zones per account, AZ IDs are the same everywhere (https://docs.aws.amazon.com/global-infrastructure/latest/regions/az-ids.html); place the subnets by AvailabilityZoneId`;
    expect(
      losses.map((loss) => [
        loss.availabilityZone,
        loss.survives,
        loss.flows[0]?.trace.disposition,
        loss.flows[0]?.trace.reason,
      ]),
    ).toEqual([
      ['eu-central-1a@111111111111', false, 'UNKNOWN', why('PrivateA', '222222222222', '111111111111')],
      ['eu-central-1a@222222222222', false, 'UNKNOWN', why('Probe', '111111111111', '222222222222')],
    ]);
  });
});
