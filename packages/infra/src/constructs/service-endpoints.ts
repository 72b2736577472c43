import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';

export interface ServiceEndpointsProps {
  readonly vpc: ec2.IVpc;
  /** Where the tasks run: the endpoints' ENIs go there, and only these CIDRs may reach them. */
  readonly subnets: readonly ec2.ISubnet[];
  readonly clientCidrs: readonly string[];
}

/**
 * What Fargate needs without internet: ECR (api, dkr) and CloudWatch Logs interface endpoints with
 * private DNS, and the S3 gateway endpoint for the image layers. The `ecs*` endpoints are not needed for
 * Fargate (https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html).
 */
export class ServiceEndpoints extends Construct {
  constructor(scope: Construct, id: string, props: ServiceEndpointsProps) {
    super(scope, id);
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
    };
    for (const [endpointId, service] of Object.entries(interfaceEndpoints)) {
      new ec2.InterfaceVpcEndpoint(this, endpointId, {
        vpc: props.vpc,
        service,
        subnets: { subnets: [...props.subnets] },
        privateDnsEnabled: true,
        securityGroups: [securityGroup],
        open: false,
      });
    }
    new ec2.GatewayVpcEndpoint(this, 'S3', {
      vpc: props.vpc,
      service: ec2.GatewayVpcEndpointAwsService.S3,
      subnets: [{ subnets: [...props.subnets] }],
    });
  }
}
