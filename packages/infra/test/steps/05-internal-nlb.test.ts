import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { planAddresses } from '../../src/config/addressing.js';
import { propertiesOf, subnetsOf } from '../support/routes.js';
import {
  defaultConfig,
  jsonOf,
  logicalIdsOf,
  type SynthesizedTemplates,
  synthesizeForTest,
  templateOf,
} from '../support/synthesized-step.js';

let step: SynthesizedTemplates;
beforeAll(() => {
  step = synthesizeForTest(5);
});

const nlbIps = planAddresses(defaultConfig).nlbPrivateIps.map((nlbIp) => nlbIp.address);

describe('step 5, internal-nlb', () => {
  it('places an internal NLB with a security group on one fixed private IP per private subnet', () => {
    const json = jsonOf(step, 'MoatWorkload');
    const privateSubnets = subnetsOf(json, 'ContainerVpc', 'Private');
    templateOf(step, 'MoatWorkload').hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Type: 'network',
      Scheme: 'internal',
      SecurityGroups: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^InternalNlbSecurityGroup'), 'GroupId'] }],
      SubnetMappings: privateSubnets.map((subnet, index) => ({
        SubnetId: { Ref: subnet },
        PrivateIPv4Address: nlbIps[index],
      })),
    });
    const [nlb] = logicalIdsOf(json, 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'InternalNlb');
    expect(propertiesOf(json, nlb ?? '').Subnets).toBeUndefined();
  });

  it('points the ALB at the NLB IPs, in its own VPC so without an availability zone', () => {
    templateOf(step, 'MoatWorkload').hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      TargetType: 'ip',
      Protocol: 'HTTP',
      HealthCheckPath: '/readyz',
      Targets: nlbIps.map((ip) => ({ Id: ip, Port: 8080 })),
    });
  });

  it('uses the configured NLB IPs when the config names them', () => {
    const privateIps = ['10.0.0.200', '10.0.64.200'];
    const configured = synthesizeForTest(5, { ...defaultConfig, nlb: { privateIps } });
    templateOf(configured, 'MoatWorkload').hasResourceProperties(
      'AWS::ElasticLoadBalancingV2::LoadBalancer',
      {
        SubnetMappings: privateIps.map((ip) => Match.objectLike({ PrivateIPv4Address: ip })),
      },
    );
  });

  it('lets 8080 reach the tasks only from the NLB, and the NLB only from the ALB subnets', () => {
    const template = templateOf(step, 'MoatWorkload');
    const taskIngress = template.findResources('AWS::EC2::SecurityGroupIngress', {
      Properties: {
        GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PriceServiceTaskSecurityGroup'), 'GroupId'] },
      },
    });
    expect(Object.values(taskIngress).map((rule) => rule.Properties.SourceSecurityGroupId)).toEqual([
      { 'Fn::GetAtt': [expect.stringMatching(/^InternalNlbSecurityGroup/), 'GroupId'] },
    ]);
    const albSubnets = planAddresses(defaultConfig).container.tiers.public.map((subnet) => subnet.cidr);
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Internal NLB: 8080 from the ALB subnets',
      SecurityGroupIngress: albSubnets.map((cidr) =>
        Match.objectLike({ CidrIp: cidr, FromPort: 8080, ToPort: 8080 }),
      ),
    });
  });

  it('lets the NLB send 8080 to the tasks and nothing else', () => {
    const egress = templateOf(step, 'MoatWorkload').findResources('AWS::EC2::SecurityGroupEgress', {
      Properties: {
        GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^InternalNlbSecurityGroup'), 'GroupId'] },
      },
    });
    expect(Object.values(egress).map((rule) => rule.Properties)).toEqual([
      expect.objectContaining({
        IpProtocol: 'tcp',
        FromPort: 8080,
        ToPort: 8080,
        DestinationSecurityGroupId: {
          'Fn::GetAtt': [expect.stringMatching(/^PriceServiceTaskSecurityGroup/), 'GroupId'],
        },
      }),
    ]);
  });

  it('forwards the NLB listener to the tasks, health-checked over HTTP on /readyz', () => {
    templateOf(step, 'MoatWorkload').hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      TargetType: 'ip',
      Protocol: 'TCP',
      Port: 8080,
      HealthCheckProtocol: 'HTTP',
      HealthCheckPath: '/readyz',
    });
  });
});
