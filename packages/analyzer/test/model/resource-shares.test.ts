import { describe, expect, it } from 'vitest';
import type { Json } from '../../src/cfn/template.js';
import { buildModel } from '../../src/index.js';
import { modelOf } from '../trace/read-hops.js';

const hubWith = (resources: Record<string, Json>) =>
  buildModel({
    directory: '.',
    stacks: [
      {
        name: 'Hub',
        stackName: 'Hub',
        account: { known: true, value: '111111111111' },
        region: { known: true, value: 'eu-central-1' },
        file: 'Hub.template.json',
        template: { Resources: { Tgw: { Type: 'AWS::EC2::TransitGateway', Properties: {} }, ...resources } },
      },
    ],
  });

describe('resource shares', () => {
  it('finds the shared transit gateway in an ARN that CDK joins around its id', () => {
    const model = hubWith({
      Share: {
        Type: 'AWS::RAM::ResourceShare',
        Properties: {
          Name: 'hub',
          Principals: ['222222222222'],
          ResourceArns: [
            {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':ec2:eu-central-1:111111111111:transit-gateway/',
                  { Ref: 'Tgw' },
                ],
              ],
            },
          ],
        },
      },
    });
    expect(model.resourceShares).toEqual([
      {
        id: 'Hub/Share',
        source: { stack: 'Hub', logicalId: 'Share', type: 'AWS::RAM::ResourceShare' },
        principals: [{ known: true, value: '222222222222' }],
        sharedIds: [{ known: true, value: 'Hub/Tgw' }],
      },
    ]);
  });

  it('finds it in an ARN written with Fn::Sub, as plain templates do', () => {
    const share = modelOf('cross-stack').resourceShares.find((s) => s.source.logicalId === 'TgwShare');
    expect(share?.sharedIds).toEqual([{ known: true, value: 'assembly-Prod/ProdNetwork/Tgw' }]);
  });

  it('leaves an ARN that ends in something other than a resource of the assembly unknown, with why', () => {
    const model = hubWith({
      Share: {
        Type: 'AWS::RAM::ResourceShare',
        Properties: {
          Name: 'elsewhere',
          Principals: ['222222222222'],
          ResourceArns: ['arn:aws:ec2:eu-central-1:111111111111:transit-gateway/tgw-0abc'],
        },
      },
    });
    expect(model.resourceShares[0]?.sharedIds).toEqual([
      {
        known: false,
        reason:
          "'arn:aws:ec2:eu-central-1:111111111111:transit-gateway/tgw-0abc' names a resource outside the assembly",
      },
    ]);
  });
});

describe('names of plain template resources', () => {
  it('keeps the literal Name tag of a resource without a construct path', () => {
    const model = hubWith({
      Vpc: {
        Type: 'AWS::EC2::VPC',
        Properties: { CidrBlock: '10.0.0.0/16', Tags: [{ Key: 'Name', Value: 'egress-vpc' }] },
      },
    });
    expect(model.vpcs[0]?.source).toEqual({
      stack: 'Hub',
      logicalId: 'Vpc',
      type: 'AWS::EC2::VPC',
      nameTag: 'egress-vpc',
    });
  });
});
