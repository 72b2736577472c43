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

/** The rewrite that takes the default stage off the path. */
const STRIP_STAGE = { Regex: '^/prod/(.*)$', Replace: '/$1' };

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

  it('integrates GET /price with the ALB by VPC link V2, as an HTTP proxy', () => {
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

  it('strips the stage at the ALB, so a request to /prod/price reaches the service as /price, one of its routes', () => {
    // API Gateway sends the stage in the path of a private integration; the listener rule rewrites it away.
    const rules = templateOf(step, 'MoatNetwork').findResources('AWS::ElasticLoadBalancingV2::ListenerRule');
    const [rule, ...others] = Object.values(rules).map((resource) => resource.Properties);
    expect(others).toEqual([]);
    expect(rule).toEqual({
      ListenerArn: { Ref: expect.stringMatching(/^AlbLoadBalancerHttp/) },
      Priority: 1,
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/prod/*'] } }],
      Actions: [
        {
          Type: 'forward',
          TargetGroupArn: { Ref: expect.stringMatching(/^AlbLoadBalancerHttpPriceServiceGroup/) },
        },
      ],
      Transforms: [{ Type: 'url-rewrite', UrlRewriteConfig: { Rewrites: [STRIP_STAGE] } }],
    });
    // The rewrite as the ALB applies it (its regex dialect agrees with JavaScript's on this pattern).
    const backendPath = '/prod/price'.replace(new RegExp(STRIP_STAGE.Regex), STRIP_STAGE.Replace);
    expect(backendPath).toBe('/price');
    expect(defaultConfig.service.routes).toContain(backendPath);
  });

  it('forwards to the same target group as the default action, which serves requests without the prefix', () => {
    const listeners = templateOf(step, 'MoatNetwork').findResources('AWS::ElasticLoadBalancingV2::Listener');
    expect(Object.values(listeners).map((listener) => listener.Properties.DefaultActions)).toEqual([
      [
        {
          Type: 'forward',
          TargetGroupArn: { Ref: expect.stringMatching(/^AlbLoadBalancerHttpPriceServiceGroup/) },
        },
      ],
    ]);
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

  it('opens the NLB to the private subnets the ALB now sits in, and still to the public ones it left', () => {
    const { ingress } = planAddresses(defaultConfig);
    const albSubnets = [...ingress.tiers.public, ...ingress.tiers.private].map((subnet) => subnet.cidr);
    templateOf(step, 'MoatWorkload').hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Internal NLB: 8080 from the ALB subnets',
      SecurityGroupIngress: albSubnets.map((cidr) => Match.objectLike({ CidrIp: cidr, FromPort: 8080 })),
    });
  });
});
