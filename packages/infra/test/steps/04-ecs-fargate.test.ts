import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { subnetsOf } from '../support/routes.js';
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
  step = synthesizeForTest(4);
});

describe('step 4, ecs-fargate', () => {
  it('replaces the instances with a Fargate service of the configured size in the private subnets, without public IPs', () => {
    const template = templateOf(step, 'MoatWorkload');
    template.resourceCountIs('AWS::EC2::Instance', 0);
    template.hasResourceProperties('AWS::ECS::Service', {
      LaunchType: 'FARGATE',
      DesiredCount: defaultConfig.service.desiredCount,
      NetworkConfiguration: {
        AwsvpcConfiguration: {
          AssignPublicIp: 'DISABLED',
          Subnets: subnetsOf(jsonOf(step, 'MoatWorkload'), 'ContainerVpc', 'Private').map((id) => ({
            Ref: id,
          })),
          SecurityGroups: [Match.anyValue()],
        },
      },
    });
  });

  it('deploys with a rolling circuit breaker that rolls back, never below 100 % healthy', () => {
    templateOf(step, 'MoatWorkload').hasResourceProperties('AWS::ECS::Service', {
      DeploymentConfiguration: {
        DeploymentCircuitBreaker: { Enable: true, Rollback: true },
        MinimumHealthyPercent: 100,
        MaximumPercent: 200,
      },
    });
  });

  it('keeps images in an ECR repository that scans on push, refuses tag overwrites and expires old images', () => {
    templateOf(step, 'MoatWorkload').hasResourceProperties('AWS::ECR::Repository', {
      ImageScanningConfiguration: { ScanOnPush: true },
      ImageTagMutability: 'IMMUTABLE',
      LifecyclePolicy: { LifecyclePolicyText: Match.stringLikeRegexp('"countNumber":20') },
    });
  });

  it('turns Container Insights on and scales on CPU between the configured counts', () => {
    const template = templateOf(step, 'MoatWorkload');
    template.hasResourceProperties('AWS::ECS::Cluster', {
      ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }],
    });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      MinCapacity: defaultConfig.service.desiredCount,
      MaxCapacity: defaultConfig.service.maxCount,
    });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: {
        PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
        TargetValue: 60,
      },
    });
  });

  it('registers the tasks as IP targets of the ALB, health-checked on /readyz', () => {
    templateOf(step, 'MoatWorkload').hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      TargetType: 'ip',
      Port: 8080,
      HealthCheckPath: '/readyz',
    });
    expect(
      logicalIdsOf(jsonOf(step, 'MoatWorkload'), 'AWS::ElasticLoadBalancingV2::LoadBalancer'),
    ).toHaveLength(1);
  });

  it('logs the container to CloudWatch Logs with a read-only root file system', () => {
    templateOf(step, 'MoatWorkload').hasResourceProperties('AWS::ECS::TaskDefinition', {
      RequiresCompatibilities: ['FARGATE'],
      ContainerDefinitions: [
        Match.objectLike({
          LogConfiguration: Match.objectLike({ LogDriver: 'awslogs' }),
          ReadonlyRootFilesystem: true,
          PortMappings: [Match.objectLike({ ContainerPort: 8080 })],
        }),
      ],
    });
  });
});
