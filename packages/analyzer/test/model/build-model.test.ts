import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/index.js';
import { modelOf } from '../trace/read-hops.js';

describe('buildModel', () => {
  it('gives every VPC a main route table and every table a local route per VPC CIDR', () => {
    const model = modelOf('nat-egress');
    const main = model.routeTables.find((table) => table.main);
    expect(main).toMatchObject({ id: 'Network/Vpc#main', vpcId: 'Network/Vpc' });
    expect(main?.routes.map((route) => [route.destination, route.target])).toEqual([
      [{ kind: 'cidr', cidr: { known: true, value: '10.0.0.0/16' } }, { kind: 'local' }],
    ]);
    expect(model.subnets.find((subnet) => subnet.source.logicalId === 'PrivateA')).toMatchObject({
      routeTableId: 'Network/PrivateRouteTableA',
      availabilityZone: { known: true, value: 'eu-central-1a' },
    });
  });

  it('adds the default egress rule to a security group that declares no egress', () => {
    const model = modelOf('cross-stack');
    const probe = model.securityGroups.find((group) => group.source.logicalId === 'ProbeSecurityGroup');
    expect(probe?.rules).toEqual([
      expect.objectContaining({
        direction: 'egress',
        protocol: 'all',
        description: 'the default egress rule (allow all)',
      }),
    ]);
  });

  it('adds a prefix-list route of its service to each table a gateway endpoint lists', () => {
    const model = modelOf('interface-endpoint');
    const table = model.routeTables.find((candidate) => candidate.source.logicalId === 'PrivateRouteTable');
    expect(table?.routes.at(-1)).toMatchObject({
      destination: { kind: 'prefix-list', service: 's3' },
      target: { kind: 'gateway-endpoint', id: 'Isolated/S3Endpoint' },
    });
    expect(
      model.vpcEndpoints.map((endpoint) => [
        endpoint.source.logicalId,
        endpoint.kind,
        endpoint.service,
        endpoint.privateDnsEnabled,
      ]),
    ).toEqual([
      ['EcrApiEndpoint', 'Interface', { known: true, value: 'ecr.api' }, true],
      ['LogsEndpoint', 'Interface', { known: true, value: 'logs' }, false],
      ['S3Endpoint', 'Gateway', { known: true, value: 's3' }, false],
    ]);
  });

  it('creates the default TGW route table with associations and propagations of every attachment', () => {
    const model = modelOf('cross-stack');
    expect(model.transitGatewayRouteTables).toEqual([
      expect.objectContaining({
        id: 'assembly-Prod/ProdNetwork/Tgw#default',
        associatedAttachmentIds: [
          'assembly-Prod/ProdNetwork/IngressAttachment',
          'assembly-Prod/ProdWorkload/Attachment',
        ],
        propagatingAttachmentIds: [
          'assembly-Prod/ProdNetwork/IngressAttachment',
          'assembly-Prod/ProdWorkload/Attachment',
        ],
      }),
    ]);
    expect(model.transitGatewayAttachments.map((attachment) => attachment.transitGatewayId)).toEqual([
      'assembly-Prod/ProdNetwork/Tgw',
      'assembly-Prod/ProdNetwork/Tgw',
    ]);
    expect(model.stacks.map((stack) => stack.account)).toEqual([
      { known: true, value: '111111111111' },
      { known: true, value: '222222222222' },
    ]);
  });

  it('knows the AZ of a firewall endpoint when the firewall has a single subnet mapping', () => {
    const oneMapping = buildModel({
      directory: '.',
      stacks: [
        {
          name: 'Hub',
          stackName: 'Hub',
          account: { known: true, value: '111111111111' },
          region: { known: true, value: 'eu-central-1' },
          file: 'Hub.template.json',
          template: {
            Resources: {
              Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.2.0.0/16' } },
              FirewallSubnet: {
                Type: 'AWS::EC2::Subnet',
                Properties: {
                  VpcId: { Ref: 'Vpc' },
                  CidrBlock: '10.2.0.0/28',
                  AvailabilityZone: 'eu-central-1b',
                },
              },
              Table: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
              Firewall: {
                Type: 'AWS::NetworkFirewall::Firewall',
                Properties: {
                  VpcId: { Ref: 'Vpc' },
                  SubnetMappings: [{ SubnetId: { Ref: 'FirewallSubnet' } }],
                },
              },
              ToFirewall: {
                Type: 'AWS::EC2::Route',
                Properties: {
                  RouteTableId: { Ref: 'Table' },
                  DestinationCidrBlock: '0.0.0.0/0',
                  VpcEndpointId: {
                    'Fn::Select': [
                      1,
                      {
                        'Fn::Split': [
                          ':',
                          { 'Fn::Select': [0, { 'Fn::GetAtt': ['Firewall', 'EndpointIds'] }] },
                        ],
                      },
                    ],
                  },
                },
              },
            },
          },
        },
      ],
    });
    const route = oneMapping.routeTables.find((table) => table.id === 'Hub/Table')?.routes.at(-1);
    expect(route?.target).toEqual({
      kind: 'firewall-endpoint',
      firewallId: 'Hub/Firewall',
      availabilityZone: { known: true, value: 'eu-central-1b' },
    });
  });
});
