import type { Assembly } from '@moat/analyzer';
import { expect, it } from 'vitest';
import { diffResources, listResources } from '../../src/plan/resource-changes.js';

function assembly(
  resources: Record<string, { Type: string; Properties?: Record<string, string> }>,
): Assembly {
  const region = { known: true, value: 'eu-central-1' } as const;
  return {
    directory: '/tmp/assembly',
    stacks: [
      {
        name: 'Network',
        stackName: 'Network',
        account: region,
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
    modified: [{ stack: 'Network', logicalId: 'Alb', type: 'AWS::ElasticLoadBalancingV2::LoadBalancer' }],
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
