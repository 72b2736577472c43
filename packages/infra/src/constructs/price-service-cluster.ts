import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { MoatConfig } from '../config/schema.js';
import { upstreamWeightPerMinute } from '../config/service-environment.js';
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
  /** `TRUST_PROXY`: the addresses whose `X-Forwarded-For` entries the service believes (`trustedProxies`). */
  readonly trustedProxies: readonly string[];
}

/** Untagged images and old tags beyond this count are expired by the repository's lifecycle rule. */
const KEPT_IMAGE_COUNT = 20;
const CPU_TARGET_PERCENT = 60;
/** Longer than the service's drain (readiness fails, in-flight requests finish), shorter than ECS's 120 s cap. */
const STOP_TIMEOUT = Duration.seconds(30);
/** Volume name → the path the SSM agent of ECS Exec writes to. */
const ECS_EXEC_WRITABLE_PATHS = {
  'ecs-exec-managed-agents': '/managed-agents',
  'ecs-exec-ssm-state': '/var/lib/amazon/ssm',
  'ecs-exec-ssm-logs': '/var/log/amazon/ssm',
} as const;

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
    const container = taskDefinition.addContainer('PriceService', {
      image: image.containerImage,
      portMappings: [{ containerPort: SERVICE_PORT, name: 'http' }],
      environment: {
        PORT: String(SERVICE_PORT),
        TRUST_PROXY: props.trustedProxies.join(','),
        UPSTREAM_WEIGHT_PER_MINUTE: String(upstreamWeightPerMinute(props.service.maxCount)),
      },
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
    // ECS Exec (the guide's step-7 checks run inside a task) bind-mounts the SSM agent, which writes its state;
    // with a read-only root file system it needs these paths writable, the workaround AWS's ECS team gives in
    // https://github.com/aws/containers-roadmap/issues/1359 (ECS Exec needs a writable file system:
    // https://github.com/aws-containers/amazon-ecs-exec-checker/issues/21). Task-local, empty at each start.
    for (const [name, path] of Object.entries(ECS_EXEC_WRITABLE_PATHS)) {
      taskDefinition.addVolume({ name });
      container.addMountPoints({ sourceVolume: name, containerPath: path, readOnly: false });
    }
    Validations.of(taskDefinition).acknowledge({
      id: 'AwsSolutions-ECS2',
      reason:
        'The environment holds the listening port, the load balancer addresses and the upstream budget, no secret; the service has no secrets.',
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
      // For `aws ecs execute-command` (docs/steps.md, the step-7 checks); sessions go through ssmmessages.
      enableExecuteCommand: true,
    });
    Validations.of(taskDefinition).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'The execution role needs ecr:GetAuthorizationToken, and ECS Exec needs ssmmessages:CreateControlChannel and friends on the task role; neither has resource-level permissions.',
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
