import type { Assembly, FlowResult } from '@moat/analyzer';
import { expect, it } from 'vitest';
import { diffResources, disruptions, listResources } from '../../src/plan/resource-changes.js';

function assembly(
  resources: Record<string, { Type: string; Properties?: Record<string, string | string[]> }>,
  account = '111111111111',
): Assembly {
  const region = { known: true, value: 'eu-central-1' } as const;
  return {
    directory: '/tmp/assembly',
    stacks: [
      {
        name: 'Network',
        stackName: 'Network',
        account: { known: true, value: account },
        region,
        template: { Resources: resources },
        file: 'x.json',
      },
    ],
  };
}

it('lists what a step adds, removes and modifies by stack and logical id, ignoring CDK metadata', () => {
  const before = listResources(
    assembly({
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
      Alb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Scheme: 'internet-facing' } },
      Nat: { Type: 'AWS::EC2::NatGateway' },
      CDKMetadata: { Type: 'AWS::CDK::Metadata', Properties: { Analytics: 'v1' } },
    }),
  );
  const after = listResources(
    assembly({
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
      Alb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Scheme: 'internal' } },
      Api: { Type: 'AWS::ApiGateway::RestApi' },
      CDKMetadata: { Type: 'AWS::CDK::Metadata', Properties: { Analytics: 'v2' } },
    }),
  );
  expect(diffResources(before, after)).toEqual({
    added: [{ stack: 'Network', logicalId: 'Api', type: 'AWS::ApiGateway::RestApi' }],
    removed: [{ stack: 'Network', logicalId: 'Nat', type: 'AWS::EC2::NatGateway' }],
    modified: [
      {
        stack: 'Network',
        logicalId: 'Alb',
        type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
        properties: [{ name: 'Scheme', update: 'replacement' }],
        update: 'replacement',
      },
    ],
  });
});

it('counts a stack that moves to another account as a new stack, its resources added and the old ones removed', () => {
  const vpc = (cidr: string) => ({ Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: cidr } } });
  const moved = diffResources(
    listResources(assembly(vpc('10.0.0.0/16'))),
    listResources(assembly(vpc('10.9.0.0/16'), '222222222222')),
  );
  expect(moved).toEqual({
    added: [{ stack: 'Network', logicalId: 'Vpc', type: 'AWS::EC2::VPC' }],
    removed: [{ stack: 'Network', logicalId: 'Vpc', type: 'AWS::EC2::VPC' }],
    modified: [],
  });
});

it('counts every resource of the first step as added', () => {
  const first = listResources(assembly({ Vpc: { Type: 'AWS::EC2::VPC' } }));
  expect(diffResources([], first)).toEqual({
    added: [{ stack: 'Network', logicalId: 'Vpc', type: 'AWS::EC2::VPC' }],
    removed: [],
    modified: [],
  });
});

it("rates each changed property by CloudFormation's Update requires, the harshest for the resource", () => {
  const before = listResources(
    assembly({
      Sg: {
        Type: 'AWS::EC2::SecurityGroup',
        Properties: { GroupDescription: 'a', SecurityGroupIngress: ['x'] },
      },
      Route: { Type: 'AWS::EC2::Route', Properties: { NatGatewayId: 'nat' } },
      Attachment: { Type: 'AWS::EC2::TransitGatewayVpcAttachment', Properties: { SubnetIds: ['a'] } },
      Custom: { Type: 'Custom::Thing', Properties: { Value: 'a' } },
      Renamed: { Type: 'AWS::EC2::EIP' },
    }),
  );
  const after = listResources(
    assembly({
      Sg: {
        Type: 'AWS::EC2::SecurityGroup',
        Properties: { GroupDescription: 'a', SecurityGroupIngress: ['y'] },
      },
      Route: { Type: 'AWS::EC2::Route', Properties: { TransitGatewayId: 'tgw' } },
      Attachment: { Type: 'AWS::EC2::TransitGatewayVpcAttachment', Properties: { SubnetIds: ['a', 'b'] } },
      Custom: { Type: 'Custom::Thing', Properties: { Value: 'b' } },
      Renamed: { Type: 'AWS::EC2::NatGateway' },
    }),
  );
  expect(
    diffResources(before, after).modified.map(({ logicalId, properties, update }) => ({
      logicalId,
      properties,
      update,
    })),
  ).toEqual([
    {
      logicalId: 'Sg',
      properties: [{ name: 'SecurityGroupIngress', update: 'some-interruption' }],
      update: 'some-interruption',
    },
    {
      logicalId: 'Route',
      properties: [
        { name: 'NatGatewayId', update: 'no-interruption' },
        { name: 'TransitGatewayId', update: 'no-interruption' },
      ],
      update: 'no-interruption',
    },
    {
      logicalId: 'Attachment',
      properties: [{ name: 'SubnetIds', update: 'replacement' }],
      update: 'replacement',
    },
    { logicalId: 'Custom', properties: [{ name: 'Value', update: 'unknown' }], update: 'unknown' },
    { logicalId: 'Renamed', properties: [{ name: 'Type', update: 'replacement' }], update: 'replacement' },
  ]);
});

it('names the accepted flows of the step before whose path crosses a replaced resource, and leaves in-place updates out', () => {
  const before = listResources(
    assembly({
      Alb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Scheme: 'internet-facing' } },
      Group: { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { TargetType: 'instance' } },
      Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'a' } },
      Route: { Type: 'AWS::EC2::Route', Properties: { NatGatewayId: 'nat' } },
    }),
  );
  const after = listResources(
    assembly({
      Alb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Scheme: 'internal' } },
      Group: { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { TargetType: 'ip' } },
      Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'b' } },
      Route: { Type: 'AWS::EC2::Route', Properties: { TransitGatewayId: 'tgw' } },
    }),
  );
  const node = (logicalId: string) => ({ stack: 'Network', logicalId, type: 'x' });
  const flow = (
    name: string,
    disposition: 'ACCEPTED' | 'NO_ROUTE',
    steps: { detail: string }[],
  ): FlowResult => {
    const trace = {
      flow: {
        from: { kind: 'internet' },
        to: { kind: 'entry', id: 'Network/Alb' },
        protocol: 'tcp',
        port: 80,
      },
      disposition,
      hops: [
        {
          kind: 'load balancer',
          node: node('Alb'),
          steps: steps.map((step) => ({ action: 'forward', ...step })),
        },
      ],
    } as const;
    return {
      expectation: { name, flow: trace.flow, expected: 'ACCEPTED' },
      trace,
      traces: [trace],
      holds: true,
    };
  };
  const found = disruptions(diffResources(before, after), [
    flow('ingress', 'ACCEPTED', [{ detail: 'listener :80/HTTP → Group → task' }]),
    flow('broken', 'NO_ROUTE', [{ detail: 'listener :80/HTTP → Group → task' }]),
  ]);
  expect(found.map(({ resource, interrupts }) => [resource.logicalId, resource.update, interrupts])).toEqual([
    ['Alb', 'replacement', ['ingress']],
    ['Group', 'replacement', ['ingress']],
    ['Bucket', 'replacement', []],
  ]);
});
