// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Fn::Sub strings use ${} syntax on purpose
import { describe, expect, it } from 'vitest';
import type { StackTemplate } from '../../src/assembly/load-assembly.js';
import { createResolver } from '../../src/cfn/resolver.js';
import type { CfnTemplate, Json } from '../../src/cfn/template.js';
import { ResourceRef, Unresolved } from '../../src/cfn/values.js';
import { known, unknown } from '../../src/model/types.js';

const stack = (
  name: string,
  template: Partial<CfnTemplate>,
  extra: Partial<StackTemplate> = {},
): StackTemplate => ({
  name,
  account: known('111111111111'),
  region: known('eu-central-1'),
  template: { Resources: {}, ...template },
  file: `${name}.yaml`,
  ...extra,
});

const template: Partial<CfnTemplate> = {
  Parameters: {
    Env: { Type: 'String', Default: 'dev' },
    Count: { Type: 'Number', Default: 2 },
    Zones: { Type: 'CommaDelimitedList', Default: 'eu-central-1a, eu-central-1b' },
    Subnets: { Type: 'List<AWS::EC2::Subnet::Id>' },
    Region: { Type: 'String', Default: 'us-east-1' },
    SharedVpc: { Type: 'AWS::SSM::Parameter::Value<AWS::EC2::VPC::Id>' },
  },
  Conditions: {
    IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
    IsDev: { 'Fn::Not': [{ Condition: 'IsProd' }] },
    Both: { 'Fn::And': [{ Condition: 'IsDev' }, { 'Fn::Equals': [{ Ref: 'Count' }, 2] }] },
    Either: { 'Fn::Or': [{ Condition: 'IsProd' }, { 'Fn::Equals': ['a', 'b'] }] },
  },
  Mappings: { Sizes: { dev: { Instance: 't3.micro' } } },
  Resources: {
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
    Lookup: { Type: 'Custom::VpceLookup' },
    Legacy: { Type: 'AWS::CloudFormation::CustomResource' },
  },
};

const resolver = createResolver({
  directory: '.',
  stacks: [
    stack(
      'Net',
      {
        ...template,
        Resources: {
          ...template.Resources,
          VpcParameter: {
            Type: 'AWS::SSM::Parameter',
            Properties: { Name: '/shared/vpc', Value: { Ref: 'Vpc' } },
          },
        },
      },
      {
        stackName: 'net-prod',
        parameters: { Subnets: 'subnet-1,subnet-2', SharedVpc: '/shared/vpc' },
      },
    ),
    stack('Ext', { ...template, Transform: 'AWS::LanguageExtensions' }),
    stack('China', {}, { region: known('cn-north-1') }),
    stack('Anywhere', {}, { region: unknown('the stack is environment-agnostic') }),
  ],
});
const net = (json: Json) => resolver.resolve('Net', json);
const ext = (json: Json) => resolver.resolve('Ext', json);

describe('parameters', () => {
  it('reads a given value, else the Default, and lists for list types with each member space trimmed', () => {
    expect(net({ Ref: 'Env' })).toBe('dev');
    expect(net({ Ref: 'Zones' })).toEqual(['eu-central-1a', 'eu-central-1b']);
    expect(net({ Ref: 'Subnets' })).toEqual(['subnet-1', 'subnet-2']);
  });

  it('reads the Parameter Store value an SSM parameter type names, when a stack of the input writes it', () => {
    expect(net({ Ref: 'SharedVpc' })).toEqual(new ResourceRef('Net', 'Vpc'));
  });

  it('keeps the references of a list that Fn::Split takes apart again', () => {
    expect(net({ 'Fn::Split': [',', { 'Fn::Join': [',', [{ Ref: 'Vpc' }, 'b']] }] })).toEqual([
      new ResourceRef('Net', 'Vpc'),
      'b',
    ]);
  });

  it('gives a Number parameter as a string, as Ref does', () => {
    expect(net({ Ref: 'Count' })).toBe('2');
  });
});

describe('conditions', () => {
  it('evaluates Fn::Equals, Fn::Not, Fn::And, Fn::Or and Condition, and Fn::If picks its branch', () => {
    expect(net({ 'Fn::If': ['IsProd', true, false] })).toBe(false);
    expect(net({ 'Fn::If': ['IsDev', true, false] })).toBe(true);
    expect(net({ 'Fn::If': ['Both', true, false] })).toBe(true);
    expect(net({ 'Fn::If': ['Either', true, false] })).toBe(false);
    expect(net({ 'Fn::If': ['IsDev', 'small', 'big'] })).toBe('small');
    expect(
      net({
        Tags: [{ 'Fn::If': ['IsProd', 'prod-tag', { Ref: 'AWS::NoValue' }] }],
        Name: { 'Fn::If': ['IsProd', 'x', { Ref: 'AWS::NoValue' }] },
      }),
    ).toEqual({ Tags: [] });
    expect(net({ 'Fn::If': ['Nowhere', true, false] })).toEqual(
      new Unresolved("condition 'Nowhere' is not defined in Net"),
    );
  });
});

describe('pseudo parameters', () => {
  it('knows region, account, partition, URL suffix and stack name where the input gives them', () => {
    expect(
      net({
        'Fn::Sub': '${AWS::Partition}:${AWS::Region}:${AWS::AccountId}:${AWS::URLSuffix}:${AWS::StackName}',
      }),
    ).toBe('aws:eu-central-1:111111111111:amazonaws.com:net-prod');
    expect(resolver.resolve('China', { 'Fn::Sub': '${AWS::Partition} ${AWS::URLSuffix}' })).toBe(
      'aws-cn amazonaws.com.cn',
    );
  });

  it('leaves unknown, with the reason, what only a deployment determines', () => {
    expect(net({ Ref: 'AWS::StackId' })).toEqual(
      new Unresolved('AWS::StackId of Net is an ARN CloudFormation makes when it creates the stack'),
    );
    expect(net({ Ref: 'AWS::NotificationARNs' })).toEqual(
      new Unresolved('AWS::NotificationARNs of Net are given when the stack is deployed'),
    );
    expect(ext({ Ref: 'AWS::StackName' })).toEqual(
      new Unresolved('the name of stack Ext is chosen when it is deployed'),
    );
    expect(resolver.resolve('Anywhere', { Ref: 'AWS::Partition' })).toEqual(
      new Unresolved('AWS::Partition follows the region: the stack is environment-agnostic'),
    );
  });
});

describe('intrinsic functions', () => {
  it('lists the AZs of the stack region or a named one with Fn::GetAZs, and records the assumption', () => {
    expect(net({ 'Fn::GetAZs': '' })).toEqual(['eu-central-1a', 'eu-central-1b', 'eu-central-1c']);
    expect(net({ 'Fn::Select': [1, { 'Fn::GetAZs': { Ref: 'Region' } }] })).toBe('us-east-1b');
    expect(net({ 'Fn::GetAZs': 'ap-east-2' })).toEqual(
      new Unresolved(
        "Fn::GetAZs 'ap-east-2': Moat's AZ table (analyzer/src/cfn/availability-zones.ts, from the AWS Regions and Availability Zones guide read 2026-12-04) has no entry for that region",
      ),
    );
    expect(resolver.resolve('Anywhere', { 'Fn::GetAZs': '' })).toEqual(
      new Unresolved('the stack is environment-agnostic'),
    );
    expect(resolver.assumptions()).toContain(
      "Fn::GetAZs 'eu-central-1' is taken as [eu-central-1a, eu-central-1b, eu-central-1c] (Moat's AZ table (analyzer/src/cfn/availability-zones.ts, from the AWS Regions and Availability Zones guide read 2026-12-04)); an account sees only the AZs with a default subnet if any has one, and an account created before November 2025 may see fewer codes in the oldest Regions",
    );
  });

  it('cuts CIDR blocks with Fn::Cidr as the documentation example does', () => {
    expect(net({ 'Fn::Cidr': ['192.168.0.0/24', '6', '5'] })).toEqual([
      '192.168.0.0/27',
      '192.168.0.32/27',
      '192.168.0.64/27',
      '192.168.0.96/27',
      '192.168.0.128/27',
      '192.168.0.160/27',
    ]);
    expect(net({ 'Fn::Select': [1, { 'Fn::Cidr': [{ 'Fn::GetAtt': ['Vpc', 'CidrBlock'] }, 2, 8] }] })).toBe(
      '10.0.1.0/24',
    );
    expect(net({ 'Fn::Cidr': ['10.0.0.0/24', 3, 7] })).toEqual(
      new Unresolved('Fn::Cidr cannot cut 3 /25 blocks from 10.0.0.0/24'),
    );
  });

  it('encodes Fn::Base64', () => {
    expect(net({ 'Fn::Base64': { 'Fn::Sub': 'env=${Env}' } })).toBe(
      Buffer.from('env=dev').toString('base64'),
    );
  });

  it('answers a missing Fn::FindInMap key with DefaultValue only under AWS::LanguageExtensions', () => {
    const lookup: Json = { 'Fn::FindInMap': ['Sizes', { Ref: 'Env' }, 'Disk', { DefaultValue: '20' }] };
    expect(ext(lookup)).toBe('20');
    expect(net(lookup)).toEqual(
      new Unresolved(
        'Fn::FindInMap DefaultValue needs the AWS::LanguageExtensions transform, which Net does not declare',
      ),
    );
    expect(net({ 'Fn::FindInMap': ['Sizes', { Ref: 'Env' }, 'Instance'] })).toBe('t3.micro');
  });

  it('evaluates Fn::Length and Fn::ToJsonString only under AWS::LanguageExtensions', () => {
    expect(ext({ 'Fn::Length': { Ref: 'Zones' } })).toBe(2);
    expect(ext({ 'Fn::ToJsonString': { env: { Ref: 'Env' } } })).toBe('{"env":"dev"}');
    expect(ext({ 'Fn::ToJsonString': { vpc: { Ref: 'Vpc' } } })).toEqual(
      new Unresolved('Fn::ToJsonString uses the deploy-time id of Vpc'),
    );
    expect(net({ 'Fn::Length': [1, 2] })).toEqual(
      new Unresolved('Fn::Length needs the AWS::LanguageExtensions transform, which Net does not declare'),
    );
  });

  it('leaves what a custom resource returns unknown, naming it', () => {
    expect(net({ 'Fn::GetAtt': ['Lookup', 'EndpointId'] })).toEqual(
      new Unresolved('value returned by custom resource Lookup at deploy time'),
    );
    expect(net({ Ref: 'Legacy' })).toEqual(
      new Unresolved('value returned by custom resource Legacy at deploy time'),
    );
    expect(net({ Ref: 'Vpc' })).toEqual(new ResourceRef('Net', 'Vpc'));
  });

  it('leaves a macro of Fn::Transform unknown', () => {
    expect(net({ 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/k' } } })).toEqual(
      new Unresolved('Fn::Transform runs the macro "AWS::Include" at deploy time'),
    );
  });
});
