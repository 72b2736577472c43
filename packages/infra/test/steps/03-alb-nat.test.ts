import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { planAddresses } from '../../src/config/addressing.js';
import { natSubnetOf, propertiesOf, refOf, subnetsOf } from '../support/routes.js';
import {
  defaultConfig,
  expectPlannedSubnets,
  jsonOf,
  logicalIdsOf,
  type SynthesizedTemplates,
  synthesizeForTest,
  templateOf,
} from '../support/synthesized-step.js';

let step: SynthesizedTemplates;
beforeAll(() => {
  step = synthesizeForTest(3);
});

describe('step 3, alb-nat', () => {
  it('puts one instance in each private subnet, without a public IP', () => {
    const json = jsonOf(step, 'MoatWorkload');
    const privateSubnets = subnetsOf(json, 'ContainerVpc', 'Private');
    expect(privateSubnets).toHaveLength(2);
    const instances = logicalIdsOf(json, 'AWS::EC2::Instance');
    expect(instances).toHaveLength(2);
    const placed = instances.map((id) => {
      const [networkInterface] = propertiesOf(json, id).NetworkInterfaces as Array<Record<string, unknown>>;
      expect(networkInterface?.AssociatePublicIpAddress).toBe(false);
      return refOf(networkInterface, 'SubnetId');
    });
    expect(placed.sort()).toEqual(privateSubnets);
  });

  it("starts each instance only after its subnet's NAT route exists, since its user data pulls the image", () => {
    const json = jsonOf(step, 'MoatWorkload');
    for (const id of logicalIdsOf(json, 'AWS::EC2::Instance')) {
      const [networkInterface] = propertiesOf(json, id).NetworkInterfaces as Array<Record<string, unknown>>;
      const subnet = refOf(networkInterface, 'SubnetId');
      const natRoute = `${subnet.replace(/Subnet[0-9A-F]{8}$/, '')}DefaultRoute`;
      const dependsOn = (json.Resources[id] as { DependsOn?: string[] }).DependsOn ?? [];
      expect(dependsOn.filter((dependency) => dependency.startsWith(natRoute))).toHaveLength(1);
      const [route] = dependsOn.filter((dependency) => dependency.startsWith(natRoute));
      expect(Object.keys(propertiesOf(json, route ?? ''))).toContain('NatGatewayId');
    }
  });

  it('routes each private subnet to the NAT gateway of its own AZ', () => {
    const json = jsonOf(step, 'MoatWorkload');
    const publicSubnets = subnetsOf(json, 'ContainerVpc', 'Public');
    subnetsOf(json, 'ContainerVpc', 'Private').forEach((subnet, index) => {
      const natSubnet = natSubnetOf(json, subnet);
      expect(natSubnet).toBe(publicSubnets[index]);
      expect(propertiesOf(json, natSubnet).AvailabilityZone).toBe(
        propertiesOf(json, subnet).AvailabilityZone,
      );
    });
    templateOf(step, 'MoatWorkload').resourceCountIs('AWS::EC2::NatGateway', 2);
  });

  it('builds private subnets with exactly the planned CIDRs', () => {
    const plan = planAddresses(defaultConfig);
    expectPlannedSubnets(templateOf(step, 'MoatWorkload'), plan.container.tiers.private);
  });

  it('fronts the instances with an internet-facing ALB in the public subnets, health-checking /readyz', () => {
    const template = templateOf(step, 'MoatWorkload');
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internet-facing',
      Type: 'application',
      Subnets: subnetsOf(jsonOf(step, 'MoatWorkload'), 'ContainerVpc', 'Public').map((id) => ({ Ref: id })),
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      TargetType: 'instance',
      Port: 8080,
      HealthCheckPath: '/readyz',
    });
  });

  it('opens the instances only to the ALB, and the ALB to the internet on port 80', () => {
    const template = templateOf(step, 'MoatWorkload');
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      IpProtocol: 'tcp',
      FromPort: 8080,
      ToPort: 8080,
      SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AlbSecurityGroup'), 'GroupId'] },
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [Match.objectLike({ CidrIp: '0.0.0.0/0', FromPort: 80, ToPort: 80 })],
    });
    expect(JSON.stringify(jsonOf(step, 'MoatWorkload'))).not.toMatch(
      /"CidrIp":"0\.0\.0\.0\/0","Description":"[^"]*","FromPort":8080/,
    );
  });

  it('writes the ALB access logs to an encrypted bucket that enforces TLS', () => {
    const template = templateOf(step, 'MoatWorkload');
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      LoadBalancerAttributes: Match.arrayWith([{ Key: 'access_logs.s3.enabled', Value: 'true' }]),
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
    });
  });
});
