import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct, DependencyGroup, type IDependable } from 'constructs';

export interface ServiceEndpointsProps {
  readonly vpc: ec2.IVpc;
  /** Where the tasks run: the S3 gateway endpoint routes their route tables. */
  readonly subnets: readonly ec2.ISubnet[];
  /**
   * Where the interface endpoints' ENIs go, billed per AZ (https://aws.amazon.com/privatelink/pricing/): every AZ
   * of `subnets`, or the first only in the development profile, whose tasks in other AZs then reach them across AZs.
   * @default subnets
   */
  readonly interfaceSubnets?: readonly ec2.ISubnet[];
  readonly clientCidrs: readonly string[];
}

/**
 * What Fargate needs without internet: ECR (api, dkr) and CloudWatch Logs interface endpoints with
 * private DNS, the S3 gateway endpoint for the image layers, and ssmmessages for ECS Exec. The `ecs*` endpoints are not needed for
 * Fargate (https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html).
 */
export class ServiceEndpoints extends Construct {
  /** Every endpoint: what the service must wait for. */
  readonly ready: IDependable;

  constructor(scope: Construct, id: string, props: ServiceEndpointsProps) {
    super(scope, id);
    const ready = new DependencyGroup();
    this.ready = ready;
    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Interface endpoints: HTTPS from the container subnets only',
      allowAllOutbound: false,
    });
    for (const cidr of props.clientCidrs) {
      securityGroup.addIngressRule(ec2.Peer.ipv4(cidr), ec2.Port.tcp(443), `container subnet ${cidr}`);
    }
    const interfaceEndpoints = {
      EcrApi: ec2.InterfaceVpcEndpointAwsService.ECR,
      EcrDocker: ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER,
      Logs: ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
      // ECS Exec's channel: the SSM agent in the task opens its session through ssmmessages
      // (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html, "Using ECS Exec with VPC endpoints").
      SsmMessages: ec2.InterfaceVpcEndpointAwsService.SSM_MESSAGES,
    };
    for (const [endpointId, service] of Object.entries(interfaceEndpoints)) {
      const endpoint = new ec2.InterfaceVpcEndpoint(this, endpointId, {
        vpc: props.vpc,
        service,
        subnets: { subnets: [...(props.interfaceSubnets ?? props.subnets)] },
        privateDnsEnabled: true,
        securityGroups: [securityGroup],
        open: false,
      });
      ready.add(endpoint);
    }
    const s3 = new ec2.GatewayVpcEndpoint(this, 'S3', {
      vpc: props.vpc,
      service: ec2.GatewayVpcEndpointAwsService.S3,
      subnets: [{ subnets: [...props.subnets] }],
    });
    ready.add(s3);
  }
}
