import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { planAddresses } from '../../src/config/addressing.js';
import { subnetsOf } from '../support/routes.js';
import {
  defaultConfig,
  jsonOf,
  type SynthesizedTemplates,
  synthesizeForTest,
  templateOf,
} from '../support/synthesized-step.js';

let step: SynthesizedTemplates;
beforeAll(() => {
  step = synthesizeForTest(8);
});

const alb = Match.stringLikeRegexp('^AlbLoadBalancer[0-9A-F]{8}$');

describe('step 8, api-gateway', () => {
  it('makes the ALB internal, in the private subnets of the ingress VPC', () => {
    templateOf(step, 'MoatNetwork').hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Type: 'application',
      Scheme: 'internal',
      Subnets: subnetsOf(jsonOf(step, 'MoatNetwork'), 'IngressVpc', 'Private').map((id) => ({ Ref: id })),
    });
  });

  it('opens the ALB only to the VPC link', () => {
    const template = templateOf(step, 'MoatNetwork');
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Internal ALB: HTTP from the VPC link',
      SecurityGroupIngress: Match.absent(),
    });
    const ingress = template.findResources('AWS::EC2::SecurityGroupIngress', {
      Properties: { GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AlbSecurityGroup'), 'GroupId'] } },
    });
    expect(Object.values(ingress).map((rule) => rule.Properties.SourceSecurityGroupId)).toEqual([
      { 'Fn::GetAtt': [expect.stringMatching(/^ApiVpcLinkSecurityGroup/), 'GroupId'] },
    ]);
  });

  it('reaches the ALB through a VPC link V2 in the same private subnets', () => {
    templateOf(step, 'MoatNetwork').hasResourceProperties('AWS::ApiGatewayV2::VpcLink', {
      SubnetIds: subnetsOf(jsonOf(step, 'MoatNetwork'), 'IngressVpc', 'Private').map((id) => ({ Ref: id })),
      SecurityGroupIds: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiVpcLinkSecurityGroup'), 'GroupId'] }],
    });
  });

  it('integrates GET /price with the ALB by VPC link, its URI carrying /price so the stage never reaches the service', () => {
    templateOf(step, 'MoatNetwork').hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      Integration: {
        Type: 'HTTP_PROXY',
        IntegrationHttpMethod: 'GET',
        ConnectionType: 'VPC_LINK',
        ConnectionId: { Ref: Match.stringLikeRegexp('^ApiVpcLink') },
        IntegrationTarget: { Ref: alb },
        Uri: { 'Fn::Join': ['', ['http://', { 'Fn::GetAtt': [alb, 'DNSName'] }, '/price']] },
      },
    });
    templateOf(step, 'MoatNetwork').hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: 'price' });
  });

  it('throttles the stage at the configured rate and burst and writes JSON access logs', () => {
    templateOf(step, 'MoatNetwork').hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: defaultConfig.api.stageName,
      AccessLogSetting: {
        DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiAccessLogs'), 'Arn'] },
        Format: Match.anyValue(),
      },
      MethodSettings: [
        Match.objectLike({
          ThrottlingRateLimit: defaultConfig.api.throttlingRateLimit,
          ThrottlingBurstLimit: defaultConfig.api.throttlingBurstLimit,
        }),
      ],
    });
    templateOf(step, 'MoatNetwork').hasResourceProperties('AWS::ApiGateway::RestApi', {
      EndpointConfiguration: { Types: ['REGIONAL'] },
    });
  });

  it('opens the NLB to the ALB private subnets of the ingress VPC only', () => {
    const albSubnets = planAddresses(defaultConfig).ingress.tiers.private.map((subnet) => subnet.cidr);
    templateOf(step, 'MoatWorkload').hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Internal NLB: 8080 from the ALB subnets',
      SecurityGroupIngress: albSubnets.map((cidr) => Match.objectLike({ CidrIp: cidr, FromPort: 8080 })),
    });
  });
});
