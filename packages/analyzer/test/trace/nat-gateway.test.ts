import { describe, expect, it } from 'vitest';
import { buildModel, type Flow, loadAssembly, traceFlow } from '../../src/index.js';
import { mutate } from '../mutations/support/template-edits.js';
import { fixture, readHops } from './read-hops.js';

/** A workload reaching a shared service in another VPC through a private NAT gateway (fixtures/private-nat). */
const assembly = loadAssembly(fixture('private-nat'));
const model = buildModel(assembly);
const app = { kind: 'workload', id: 'Network/AppServer' } as const;
const toShared: Flow = {
  from: app,
  to: { kind: 'workload', id: 'Network/SharedService' },
  protocol: 'tcp',
  port: 443,
};

describe('a private NAT gateway', () => {
  it('translates the source to its private IP, and the reply comes back to that IP and is translated back there', () => {
    const trace = traceFlow(model, toShared);
    expect(trace.disposition).toBe('ACCEPTED');
    expect(readHops(trace.hops)).toEqual([
      'instance ENI AppServer eu-central-1a: sg egress egress 0.0.0.0/0:all/all (AppSecurityGroup)',
      'subnet AppPrivateA eu-central-1a: route 10.100.0.0/16 → nat AppPrivateNat (AppPrivateRouteTable)',
      'nat gateway AppPrivateNat eu-central-1a: source NAT to its private IP (private NAT)',
      'subnet AppNatA eu-central-1a: route 10.100.0.0/16 → tgw Tgw (AppNatRouteTable)',
      'tgw attachment AppAttachment eu-central-1a: enter transit gateway ENI in eu-central-1a; route associated default route table of Tgw: 10.100.0.0/16 → SharedAttachment (propagated); deliver SharedAttachment ENI in eu-central-1a',
      'subnet SharedTgwA eu-central-1a: route 10.100.0.0/16 → local (main table of SharedVpc)',
      'instance ENI SharedService eu-central-1a: sg ingress ingress 10.0.1.0/24:443/tcp (SharedSecurityGroup)',
    ]);
    expect(readHops(trace.returnHops)).toEqual([
      'instance ENI SharedService eu-central-1a: reply → AppServer (in AppPrivateA)',
      'subnet SharedPrivateA eu-central-1a: route 10.0.1.0/24 → tgw Tgw (SharedPrivateRouteTable)',
      'tgw attachment SharedAttachment eu-central-1a: enter transit gateway ENI in eu-central-1a; route associated default route table of Tgw: 10.0.0.0/16 → AppAttachment (propagated); deliver AppAttachment ENI in eu-central-1a',
      'subnet AppTgwA eu-central-1a: route 10.0.0.0/16 → local (main table of AppVpc)',
      'nat gateway AppPrivateNat eu-central-1a: reverse NAT → AppServer (in AppPrivateA)',
      'subnet AppNatA eu-central-1a: route 10.0.0.0/16 → local (AppNatRouteTable)',
      'instance ENI AppServer eu-central-1a: stateful reply of an allowed connection (security groups are stateful)',
    ]);
  });

  it('lets the security group of the service see the NAT gateway’s subnet, not the workload’s', () => {
    const trace = traceFlow(
      buildModel(
        mutate(assembly, (t) => {
          t.properties('SharedSecurityGroup').SecurityGroupIngress = [
            { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/24' },
          ];
        }),
      ),
      toShared,
    );
    expect(trace.disposition).toBe('DENIED_BY_SECURITY_GROUP');
  });

  it('needs a route back to its own address: without it the reply has no route', () => {
    const trace = traceFlow(buildModel(mutate(assembly, (t) => t.delete('SharedToAppNat'))), toShared);
    expect(trace.disposition).toBe('NO_ROUTE');
    expect(trace.reason).toBe(
      'the reply fails: route table SharedPrivateRouteTable of SharedPrivateA has no route to AppPrivateNat',
    );
  });

  it('cannot reach the internet: the internet gateway drops what a private NAT gateway translated', () => {
    const trace = traceFlow(model, {
      from: app,
      to: { kind: 'host', hostname: 'example.com' },
      protocol: 'tcp',
      port: 443,
    });
    expect(trace.disposition).toBe('NO_ROUTE');
    expect(trace.reason).toBe(
      'private NAT gateway AppPrivateNat translated the source to its private IP, and internet gateway AppIgw drops traffic from a private NAT gateway; use a public NAT gateway',
    );
    expect(readHops(trace.hops).slice(-2)).toEqual([
      'subnet AppNatA eu-central-1a: route 0.0.0.0/0 → igw AppIgw (AppNatRouteTable)',
      'internet gateway AppIgw: drop AppPrivateNat is the private IP of private NAT gateway AppPrivateNat',
    ]);
  });
});

describe('a public NAT gateway behind a firewall endpoint', () => {
  // The NAT gateway's subnet is the "customer subnet" of AWS's routing steps: it sends internet-bound traffic to the
  // firewall endpoint, and the internet gateway's route table sends that subnet's CIDR to the same endpoint.
  // https://docs.aws.amazon.com/network-firewall/latest/developerguide/vpc-config-route-tables.html
  const withNat = buildModel(
    mutate(loadAssembly(fixture('distributed-firewall')), (t) => {
      t.add('Workload', 'PrivateA', {
        Type: 'AWS::EC2::Subnet',
        Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.1.3.0/24', AvailabilityZone: 'eu-central-1a' },
      });
      t.add('Workload', 'NatAEip', { Type: 'AWS::EC2::EIP', Properties: { Domain: 'vpc' } });
      t.add('Workload', 'NatA', {
        Type: 'AWS::EC2::NatGateway',
        Properties: {
          SubnetId: { Ref: 'PublicA' },
          AllocationId: { 'Fn::GetAtt': ['NatAEip', 'AllocationId'] },
        },
      });
      t.add('Workload', 'PrivateRouteTable', {
        Type: 'AWS::EC2::RouteTable',
        Properties: { VpcId: { Ref: 'Vpc' } },
      });
      t.add('Workload', 'PrivateRouteTableAssoc', {
        Type: 'AWS::EC2::SubnetRouteTableAssociation',
        Properties: { RouteTableId: { Ref: 'PrivateRouteTable' }, SubnetId: { Ref: 'PrivateA' } },
      });
      t.add('Workload', 'PrivateDefaultRoute', {
        Type: 'AWS::EC2::Route',
        Properties: {
          RouteTableId: { Ref: 'PrivateRouteTable' },
          DestinationCidrBlock: '0.0.0.0/0',
          NatGatewayId: { Ref: 'NatA' },
        },
      });
      t.add('Workload', 'App', {
        Type: 'AWS::EC2::Instance',
        Properties: { SubnetId: { Ref: 'PrivateA' }, SecurityGroupIds: [{ Ref: 'WebSecurityGroup' }] },
      });
    }),
  );

  it('receives the reply at its own address through the edge route and the endpoint, and translates it back', () => {
    const trace = traceFlow(withNat, {
      from: { kind: 'workload', id: 'Workload/App' },
      to: { kind: 'host', hostname: 'example.com' },
      protocol: 'tcp',
      port: 443,
    });
    expect(trace.disposition).toBe('ACCEPTED');
    expect(readHops(trace.hops).slice(1)).toEqual([
      'subnet PrivateA eu-central-1a: route 0.0.0.0/0 → nat NatA (PrivateRouteTable)',
      'nat gateway NatA eu-central-1a: source NAT to its Elastic IP',
      'subnet PublicA eu-central-1a: route 0.0.0.0/0 → firewall endpoint eu-central-1a (assumed) (PublicRouteTableA)',
      'firewall Firewall eu-central-1a: endpoint in eu-central-1a (assumed); PASS SYN: rule sid 2 (pass tcp ANY ANY -> ANY 443 (sid:2;)) (WebRules) passes the connection',
      'subnet FirewallA eu-central-1a: route 0.0.0.0/0 → igw Igw (FirewallRouteTable)',
      'internet gateway Igw: forward → internet',
    ]);
    expect(readHops(trace.returnHops)).toEqual([
      'internet gateway Igw: reply internet → Elastic IP of NatA; route 10.1.1.0/24 → firewall endpoint eu-central-1a (assumed) (IngressRouteTable)',
      'firewall Firewall eu-central-1a: endpoint in eu-central-1a (assumed); PASS established connection: the endpoint the request crossed (symmetric)',
      'subnet FirewallA eu-central-1a: route 10.1.0.0/16 → local (FirewallRouteTable)',
      'nat gateway NatA eu-central-1a: reverse NAT → App (in PrivateA)',
      'subnet PublicA eu-central-1a: route 10.1.0.0/16 → local (PublicRouteTableA)',
      'instance ENI App eu-central-1a: stateful reply of an allowed connection (security groups are stateful)',
    ]);
  });
});
