// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Fn::Sub strings use ${} syntax on purpose
import { describe, expect, it } from 'vitest';
import type { Assembly } from '../../src/assembly/load-assembly.js';
import { createResolver } from '../../src/cfn/resolver.js';
import type { CfnTemplate, Json } from '../../src/cfn/template.js';
import { FirewallEndpointRef, ResourceRef, Unresolved } from '../../src/cfn/values.js';
import { known, unknown } from '../../src/model/types.js';

const stack = (name: string, template: Partial<CfnTemplate>, region = known('eu-central-1')) => ({
  name,
  stackName: name,
  account: known('111111111111'),
  region,
  template: { Resources: {}, ...template },
  file: `${name}.template.json`,
});

const assembly: Assembly = {
  directory: '.',
  stacks: [
    stack('Net', {
      Parameters: {
        Env: { Type: 'String', Default: 'prod' },
        Secret: { Type: 'String' },
        TgwId: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/moat/tgw' },
      },
      Conditions: {
        IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
        Unknowable: { 'Fn::Equals': [{ Ref: 'Secret' }, 'x'] },
      },
      Mappings: { Cidrs: { prod: { Vpc: '10.0.0.0/16' } } },
      Resources: {
        Vpc: {
          Type: 'AWS::EC2::VPC',
          Properties: { CidrBlock: { 'Fn::FindInMap': ['Cidrs', { Ref: 'Env' }, 'Vpc'] } },
        },
        Tgw: { Type: 'AWS::EC2::TransitGateway' },
        Firewall: { Type: 'AWS::NetworkFirewall::Firewall' },
        TgwParam: { Type: 'AWS::SSM::Parameter', Properties: { Name: '/moat/tgw', Value: { Ref: 'Tgw' } } },
      },
      Outputs: {
        VpcCidr: {
          Value: { 'Fn::GetAtt': ['Vpc', 'CidrBlock'] },
          Export: { Name: { 'Fn::Sub': '${AWS::StackName}-VpcCidr' } },
        },
      },
    }),
    stack(
      'App',
      {
        Parameters: {
          SharedTgwId: {
            Type: 'AWS::SSM::Parameter::Value<String>',
            Default: 'arn:aws:ssm:eu-central-1:111111111111:parameter/moat/tgw',
          },
        },
      },
      unknown('env-agnostic'),
    ),
  ],
};
const resolver = createResolver(assembly);
const net = (json: Json) => resolver.resolve('Net', json);

describe('intrinsic functions', () => {
  it('evaluates Sub, Join, Select, Split, FindInMap and If to literals', () => {
    expect(net({ 'Fn::Sub': 'arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:${!Literal}' })).toBe(
      'arn:aws:ec2:eu-central-1:111111111111:${Literal}',
    );
    expect(net({ 'Fn::Sub': ['${A}-${Env}', { A: 'x' }] })).toBe('x-prod');
    expect(net({ 'Fn::Join': ['.', ['com', 'amazonaws', { Ref: 'AWS::Region' }]] })).toBe(
      'com.amazonaws.eu-central-1',
    );
    expect(net({ 'Fn::Select': [1, { 'Fn::Split': [',', 'a,b,c'] }] })).toBe('b');
    expect(net({ 'Fn::GetAtt': ['Vpc', 'CidrBlock'] })).toBe('10.0.0.0/16');
    expect(net({ 'Fn::If': ['IsProd', 'big', 'small'] })).toBe('big');
    expect(net(['a', { Ref: 'AWS::NoValue' }, 'b'])).toEqual(['a', 'b']);
  });

  it('keeps references to resources as references, across ImportValue and SSM', () => {
    expect(net({ Ref: 'Tgw' })).toEqual(new ResourceRef('Net', 'Tgw'));
    expect(net({ 'Fn::GetAtt': ['Tgw', 'Id'] })).toEqual(new ResourceRef('Net', 'Tgw', 'Id'));
    expect(net({ Ref: 'TgwId' })).toEqual(new ResourceRef('Net', 'Tgw'));
    expect(resolver.resolve('App', '{{resolve:ssm:/moat/tgw}}')).toEqual(new ResourceRef('Net', 'Tgw'));
    expect(resolver.resolve('App', { 'Fn::ImportValue': 'Net-VpcCidr' })).toBe('10.0.0.0/16');
    // Another account reads a shared parameter by its ARN.
    expect(resolver.resolve('App', { Ref: 'SharedTgwId' })).toEqual(new ResourceRef('Net', 'Tgw'));
    expect(
      resolver.resolve('App', '{{resolve:ssm:arn:aws:ssm:eu-central-1:111111111111:parameter/moat/tgw}}'),
    ).toEqual(new ResourceRef('Net', 'Tgw'));
  });

  it('marks what only exists at deploy time as unresolved, with the reason', () => {
    expect(net({ Ref: 'Secret' })).toEqual(
      new Unresolved(
        "parameter 'Secret' of Net has no value and no Default: give one with --parameters Net:Secret=VALUE",
      ),
    );
    expect(resolver.resolve('App', { 'Fn::Sub': 'com.amazonaws.${AWS::Region}.s3' })).toEqual(
      new Unresolved('env-agnostic'),
    );
    expect(resolver.resolve('App', { 'Fn::ImportValue': 'Missing' })).toEqual(
      new Unresolved("no stack of the assembly exports 'Missing'"),
    );
    expect(net({ 'Fn::Join': ['', ['http://', { 'Fn::GetAtt': ['Tgw', 'DNSName'] }]] })).toEqual(
      new Unresolved('Fn::Join uses the deploy-time DNSName of Tgw'),
    );
    expect(net({ 'Fn::If': ['Unknowable', 'a', 'b'] })).toEqual(
      new Unresolved(
        "parameter 'Secret' of Net has no value and no Default: give one with --parameters Net:Secret=VALUE",
      ),
    );
  });
});

describe('firewall endpoint ids', () => {
  const subnet = (zone: string) => ({ Type: 'AWS::EC2::Subnet', Properties: { AvailabilityZone: zone } });
  const firewall = (...subnets: string[]) => ({
    Type: 'AWS::NetworkFirewall::Firewall',
    Properties: { SubnetMappings: subnets.map((name) => ({ SubnetId: { Ref: name } })) },
  });
  const endpoints = createResolver({
    directory: '.',
    stacks: [
      stack('Egress', {
        Parameters: { Zone: { Type: 'String' } },
        Resources: {
          SubnetA: subnet('eu-central-1a'),
          SubnetB: subnet('eu-central-1b'),
          SubnetC: subnet('eu-central-1c'),
          SubnetSomewhere: { Type: 'AWS::EC2::Subnet', Properties: { AvailabilityZone: { Ref: 'Zone' } } },
          Firewall: firewall('SubnetA', 'SubnetB', 'SubnetC'),
          Single: firewall('SubnetB'),
          Unplaced: firewall('SubnetA', 'SubnetSomewhere'),
        },
      }),
    ],
  });
  const egress = (json: Json) => endpoints.resolve('Egress', json);
  const ids = (name = 'Firewall') => ({ 'Fn::GetAtt': [name, 'EndpointIds'] });
  /** Moat's own form (packages/infra EgressFirewall.endpointIdIn). */
  const inZone = (zone: string, name = 'Firewall') => ({
    'Fn::Select': [
      0,
      {
        'Fn::Split': [
          ',',
          {
            'Fn::Select': [
              1,
              { 'Fn::Split': [`,${zone}:`, { 'Fn::Join': ['', [',', { 'Fn::Join': [',', ids(name)] }]] }] },
            ],
          },
        ],
      },
    ],
  });
  const atPosition = (index: number, name = 'Firewall') => ({
    'Fn::Select': [1, { 'Fn::Split': [':', { 'Fn::Select': [index, ids(name)] }] }],
  });
  const zone = (availabilityZone: string, name = 'Firewall') =>
    new FirewallEndpointRef('Egress', name, { kind: 'zone', availabilityZone });

  it('resolves the endpoint picked by its AZ to that AZ, whatever the order of EndpointIds', () => {
    expect(egress(inZone('eu-central-1a'))).toEqual(zone('eu-central-1a'));
    expect(egress(inZone('eu-central-1b'))).toEqual(zone('eu-central-1b'));
    expect(egress(inZone('eu-central-1c'))).toEqual(zone('eu-central-1c'));
  });

  it('resolves any equivalent expression the same way, here a Sub that anchors the AZ between two commas', () => {
    const sub = {
      'Fn::Select': [
        0,
        {
          'Fn::Split': [
            ',',
            {
              'Fn::Select': [
                1,
                {
                  'Fn::Split': [
                    ',eu-central-1b:',
                    { 'Fn::Sub': [',${List},', { List: { 'Fn::Join': [',', ids()] } }] },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    expect(egress(sub)).toEqual(zone('eu-central-1b'));
  });

  it('resolves a pick by position to that position, with the AZ of the subnet mapping there as the assumption', () => {
    expect(egress(atPosition(0))).toEqual(
      new FirewallEndpointRef('Egress', 'Firewall', {
        kind: 'position',
        assumedAvailabilityZone: 'eu-central-1a',
      }),
    );
    expect(egress(atPosition(2))).toEqual(
      new FirewallEndpointRef('Egress', 'Firewall', {
        kind: 'position',
        assumedAvailabilityZone: 'eu-central-1c',
      }),
    );
  });

  it('resolves a pick by position to the AZ when the firewall has one subnet mapping: every order is the same', () => {
    expect(egress(atPosition(0, 'Single'))).toEqual(zone('eu-central-1b', 'Single'));
  });

  it('fails to resolve a pick of an AZ the firewall has no endpoint in, as CloudFormation would fail', () => {
    expect(egress(inZone('eu-central-1d'))).toEqual(
      new Unresolved('Fn::Select index 1 is past the end of a list of 1'),
    );
  });

  it('keeps the whole "az:vpce-id" text unknown, naming the endpoint it holds', () => {
    expect(egress({ 'Fn::Join': ['', ['id=', inZone('eu-central-1a')]] })).toEqual(
      new Unresolved(
        "'id=<Firewall's endpoint id in eu-central-1a>' holds a firewall endpoint id, known only after deploy",
      ),
    );
  });

  it('keeps unknown an order-dependent value that is no endpoint id', () => {
    expect(egress({ 'Fn::Select': [0, ids()] })).toEqual(
      new Unresolved('the value depends on the order of Firewall.EndpointIds, which AWS does not document'),
    );
  });

  it('keeps unknown a split whose delimiter could cut inside an id, such as one that starts with a letter', () => {
    const unanchored = {
      'Fn::Select': [1, { 'Fn::Split': ['eu-central-1a:', { 'Fn::Join': [',', ids()] }] }],
    };
    expect(egress(unanchored)).toEqual(
      new Unresolved(
        "Fn::Split by 'eu-central-1a:' could cut inside a firewall endpoint id, whose characters are known only after deploy",
      ),
    );
  });

  it('keeps unknown a comparison with an endpoint id', () => {
    const compare = createResolver({
      directory: '.',
      stacks: [
        stack('Egress', {
          Conditions: { IsIt: { 'Fn::Equals': [inZone('eu-central-1a'), 'vpce-0123'] } },
          Resources: {
            SubnetA: subnet('eu-central-1a'),
            Firewall: firewall('SubnetA'),
            Conditional: { Type: 'AWS::EC2::VPC', Condition: 'IsIt', Properties: {} },
          },
        }),
      ],
    });
    expect(compare.deployed('Egress', 'Conditional')).toEqual(
      new Unresolved('Fn::Equals compares a firewall endpoint id, known only after deploy'),
    );
  });

  it('fails to resolve the list when a subnet mapping has no AZ in the templates, with the reason', () => {
    expect(egress(inZone('eu-central-1a', 'Unplaced'))).toEqual(
      new Unresolved(
        "Unplaced.EndpointIds: the AZ of subnet mapping 1 is unknown (parameter 'Zone' of Egress has no value and no Default: give one with --parameters Egress:Zone=VALUE)",
      ),
    );
  });
});
