import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { MoatConfig } from '../config/schema.js';
import { SERVICE_PORT } from './price-service-hosts.js';
import { ServiceImage } from './service-image.js';
import { taskEgressRules } from './task-egress.js';

export interface PriceServiceClusterProps {
  readonly vpc: ec2.IVpc;
  readonly taskSubnets: readonly ec2.ISubnet[];
  readonly service: MoatConfig['service'];
  /** The egress rules of the config: the tasks' security group lets exactly their flows out. */
  readonly egress: MoatConfig['egress'];
  readonly logRetention: logs.RetentionDays;
}

/** Untagged images and old tags beyond this count are expired by the repository's lifecycle rule. */
const KEPT_IMAGE_COUNT = 20;
const CPU_TARGET_PERCENT = 60;
/** Longer than the service's drain (readiness fails, in-flight requests finish), shorter than ECS's 120 s cap. */
const STOP_TIMEOUT = Duration.seconds(30);

/**
 * The price service on ECS Fargate (step 4 on): an ECR repository, a cluster with Container Insights,
 * tasks in private subnets without public IPs, a deployment circuit breaker with rollback, minimum
 * healthy 100 % and CPU autoscaling.
 */
export class PriceServiceCluster extends Construct {
  readonly repository: ecr.Repository;
  readonly service: ecs.FargateService;
  readonly securityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: PriceServiceClusterProps) {
    super(scope, id);
    this.repository = new ecr.Repository(this, 'Repository', {
      imageScanOnPush: true,
      imageTagMutability: ecr.TagMutability.IMMUTABLE,
      lifecycleRules: [
        { description: `keep the last ${KEPT_IMAGE_COUNT} images`, maxImageCount: KEPT_IMAGE_COUNT },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const image = new ServiceImage(this, 'Image', {
      image: props.service.image,
      repository: this.repository,
    });

    const cluster = new ecs.Cluster(this, 'Cluster', {
      vpc: props.vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });

    const taskDefinition = new ecs.FargateTaskDefinition(this, 'TaskDefinition', {
      cpu: props.service.cpu,
      memoryLimitMiB: props.service.memoryMiB,
      runtimePlatform: {
        cpuArchitecture: ecs.CpuArchitecture.X86_64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
    });
    taskDefinition.addContainer('PriceService', {
      image: image.containerImage,
      portMappings: [{ containerPort: SERVICE_PORT, name: 'http' }],
      environment: { PORT: String(SERVICE_PORT) },
      logging: ecs.LogDrivers.awsLogs({
        streamPrefix: 'price-service',
        logGroup: new logs.LogGroup(this, 'Logs', {
          retention: props.logRetention,
          removalPolicy: RemovalPolicy.DESTROY,
        }),
      }),
      readonlyRootFilesystem: true,
      stopTimeout: STOP_TIMEOUT,
    });
    Validations.of(taskDefinition).acknowledge({
      id: 'AwsSolutions-ECS2',
      reason:
        'The only environment variable is the listening port, not a secret; the service has no secrets.',
    });
    Validations.of(taskDefinition).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'The execution role needs ecr:GetAuthorizationToken, which has no resource-level permissions; pulls are scoped to the repository.',
    });

    this.securityGroup = new ec2.SecurityGroup(this, 'TaskSecurityGroup', {
      vpc: props.vpc,
      description: 'Price service tasks: 8080 from the load balancer only, the egress rules out',
      allowAllOutbound: false,
    });
    for (const rule of taskEgressRules(props.egress.domains, props.egress.ipRules)) {
      this.securityGroup.addEgressRule(ec2.Peer.ipv4(rule.cidr), rule.port, rule.description);
    }

    this.service = new ecs.FargateService(this, 'Service', {
      cluster,
      taskDefinition,
      desiredCount: props.service.desiredCount,
      vpcSubnets: { subnets: [...props.taskSubnets] },
      assignPublicIp: false,
      securityGroups: [this.securityGroup],
      circuitBreaker: { enable: true, rollback: true },
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      healthCheckGracePeriod: Duration.seconds(30),
    });
    // The ECS L2 adds a DependsOn on the target group that the service already references; cfn-lint's W3005
    // flags the redundancy, which is harmless and not ours to remove.
    (this.service.node.defaultChild as ecs.CfnService).addMetadata('cfn-lint', {
      config: { ignore_checks: ['W3005'] },
    });
    this.service
      .autoScaleTaskCount({ minCapacity: props.service.desiredCount, maxCapacity: props.service.maxCount })
      .scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: CPU_TARGET_PERCENT });
  }

  /**
   * Opens the service port to the internal NLB (step 5 on): ingress on the tasks' group and egress on the
   * NLB's, which allows no outbound traffic by default.
   */
  allowFrom(loadBalancer: ec2.IConnectable, description: string): void {
    this.securityGroup.connections.allowFrom(loadBalancer, ec2.Port.tcp(SERVICE_PORT), description);
  }
}
