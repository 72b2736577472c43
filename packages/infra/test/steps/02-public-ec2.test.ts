import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { planAddresses } from '../../src/config/addressing.js';
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
  step = synthesizeForTest(2);
});

describe('step 2, public-ec2', () => {
  it('defines only the workload stack', () => {
    expect(Object.keys(step.templates)).toEqual(['MoatWorkload']);
  });

  it('builds public subnets with exactly the planned CIDRs, behind an internet gateway and without NAT', () => {
    const template = templateOf(step, 'MoatWorkload');
    const plan = planAddresses(defaultConfig);
    template.resourceCountIs('AWS::EC2::Subnet', plan.container.tiers.public.length);
    expectPlannedSubnets(template, plan.container.tiers.public, { MapPublicIpOnLaunch: false });
    template.resourceCountIs('AWS::EC2::InternetGateway', 1);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.hasResourceProperties('AWS::EC2::Route', {
      DestinationCidrBlock: '0.0.0.0/0',
      GatewayId: Match.anyValue(),
    });
  });

  it('runs one instance with a public IP whose security group opens only port 80', () => {
    const template = templateOf(step, 'MoatWorkload');
    template.resourceCountIs('AWS::EC2::Instance', 1);
    template.hasResourceProperties('AWS::EC2::Instance', {
      NetworkInterfaces: [Match.objectLike({ AssociatePublicIpAddress: true, DeviceIndex: '0' })],
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [
        {
          CidrIp: '0.0.0.0/0',
          IpProtocol: 'tcp',
          FromPort: 80,
          ToPort: 80,
          Description: 'the price service',
        },
      ],
    });
  });

  it("prints the instance's public URL as a stack output", () => {
    templateOf(step, 'MoatWorkload').hasOutput('*', {
      Value: {
        'Fn::Join': [
          '',
          [
            'http://',
            { 'Fn::GetAtt': [Match.stringLikeRegexp('^PriceServiceHostsInstance1'), 'PublicIp'] },
            '/price?symbol=BTCUSDT',
          ],
        ],
      },
    });
  });

  it('manages the instance through Session Manager, with no SSH port when no CIDR is configured', () => {
    const template = templateOf(step, 'MoatWorkload');
    template.hasResourceProperties('AWS::IAM::Role', {
      ManagedPolicyArns: [
        {
          'Fn::Join': [
            '',
            ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AmazonSSMManagedInstanceCore'],
          ],
        },
      ],
    });
    const body = JSON.stringify(jsonOf(step, 'MoatWorkload'));
    expect(body).not.toContain('"FromPort":22');
  });

  it('opens SSH only to the configured CIDR', () => {
    const withSsh = synthesizeForTest(2, { ...defaultConfig, management: { sshCidr: '203.0.113.0/24' } });
    templateOf(withSsh, 'MoatWorkload').hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: Match.arrayWith([
        {
          CidrIp: '203.0.113.0/24',
          IpProtocol: 'tcp',
          FromPort: 22,
          ToPort: 22,
          Description: 'SSH from the configured CIDR',
        },
      ]),
    });
  });

  it('writes VPC flow logs to CloudWatch Logs with the configured retention', () => {
    const template = templateOf(step, 'MoatWorkload');
    template.hasResourceProperties('AWS::EC2::FlowLog', {
      ResourceType: 'VPC',
      TrafficType: 'ALL',
      LogDestinationType: 'cloud-watch-logs',
    });
    expect(logicalIdsOf(jsonOf(step, 'MoatWorkload'), 'AWS::Logs::LogGroup')).toEqual([
      expect.stringMatching(/^ContainerVpcFlowLogGroup/),
    ]);
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      RetentionInDays: defaultConfig.logRetentionDays,
    });
  });
});
