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

  it('resolves the EndpointIds idiom to the firewall endpoint at an index', () => {
    const idiom = {
      'Fn::Select': [
        1,
        { 'Fn::Split': [':', { 'Fn::Select': [2, { 'Fn::GetAtt': ['Firewall', 'EndpointIds'] }] }] },
      ],
    };
    expect(net(idiom)).toEqual(new FirewallEndpointRef('Net', 'Firewall', 2, 'endpoint-id'));
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
