import { Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as elbv2Targets from 'aws-cdk-lib/aws-elasticloadbalancingv2-targets';
import type { Construct } from 'constructs';
import type { AddressPlan } from '../config/addressing.js';
import type { MoatConfig } from '../config/schema.js';
import { InternalNlb } from '../constructs/internal-nlb.js';
import { PriceServiceCluster } from '../constructs/price-service-cluster.js';
import { PriceServiceHosts, SERVICE_PORT } from '../constructs/price-service-hosts.js';
import { ServiceEndpoints } from '../constructs/service-endpoints.js';
import { ServiceImage } from '../constructs/service-image.js';
import { SERVICE_HEALTH_CHECK, ServiceLoadBalancer } from '../constructs/service-load-balancer.js';
import {
  attachVpcToTransitGateway,
  routeSubnetsToTransitGateway,
} from '../constructs/transit-gateway-hub.js';
import { ContainerVpc, SUBNET_GROUP } from '../constructs/vpcs.js';
import { logRetentionOf } from './log-retention.js';
import {
  type ParameterOwner,
  publishParameter,
  readParameter,
  SHARED_PARAMETER,
} from './shared-parameters.js';
import type { StepDesign } from './step-design.js';

export interface WorkloadStackProps extends StackProps {
  readonly config: MoatConfig;
  readonly plan: AddressPlan;
  readonly design: StepDesign;
  /** The networking account's env when the hub lives in another account (step 10). */
  readonly networkOwner?: ParameterOwner | undefined;
}

/** Step 2 maps host port 80 to the container, as the guide's `docker run -p 80:8080`. */
const PUBLIC_HOST_PORT = 80;
const DEFAULT_ROUTE = '0.0.0.0/0';

/**
 * The container VPC and the price service: all of steps 2–5, and from step 6 the spoke that reaches
 * everything else through the Transit Gateway.
 */
export class WorkloadStack extends Stack {
  constructor(scope: Construct, id: string, props: WorkloadStackProps) {
    super(scope, id, props);
    const { config, plan, design } = props;
    const logRetention = logRetentionOf(config);
    const layout =
      design.compute === 'ec2-public'
        ? 'public-only'
        : design.transitGateway
          ? 'isolated-behind-tgw'
          : 'public-and-private';
    const vpc = new ContainerVpc(this, 'ContainerVpc', {
      plan: plan.container,
      availabilityZones: config.availabilityZones,
      layout,
      flowLogRetention: logRetention,
    });
    const privateSubnets = layout === 'public-only' ? [] : vpc.subnetsOf(SUBNET_GROUP.private);
    const publicEntry = design.transitGateway
      ? undefined
      : design.compute === 'ec2-public'
        ? undefined
        : new ServiceLoadBalancer(this, 'Alb', {
            vpc,
            subnets: vpc.subnetsOf(SUBNET_GROUP.public),
            internetFacing: true,
            accessLogRetentionDays: config.logRetentionDays,
          });

    if (design.compute !== 'fargate') {
      const hosts = new PriceServiceHosts(this, 'PriceServiceHosts', {
        vpc,
        subnets:
          design.compute === 'ec2-public' ? vpc.subnetsOf(SUBNET_GROUP.public).slice(0, 1) : privateSubnets,
        image: new ServiceImage(this, 'ServiceImage', { image: config.service.image }),
        hostPort: design.compute === 'ec2-public' ? PUBLIC_HOST_PORT : SERVICE_PORT,
        publicIp: design.compute === 'ec2-public',
        sshCidr: config.management.sshCidr,
      });
      if (publicEntry !== undefined) {
        publicEntry.listener.addTargets('PriceService', {
          port: SERVICE_PORT,
          protocol: elbv2.ApplicationProtocol.HTTP,
          targets: hosts.instances.map((instance) => new elbv2Targets.InstanceTarget(instance, SERVICE_PORT)),
          healthCheck: SERVICE_HEALTH_CHECK,
        });
        hosts.securityGroup.connections.allowFrom(
          publicEntry.securityGroup,
          ec2.Port.tcp(SERVICE_PORT),
          'the ALB',
        );
      }
      return;
    }

    const cluster = new PriceServiceCluster(this, 'PriceService', {
      vpc,
      taskSubnets: privateSubnets,
      service: config.service,
      logRetention,
    });
    if (!design.internalNlb) {
      // Step 4: the ALB registers the tasks themselves.
      publicEntry?.listener.addTargets('PriceService', {
        port: SERVICE_PORT,
        protocol: elbv2.ApplicationProtocol.HTTP,
        targets: [cluster.service],
        healthCheck: SERVICE_HEALTH_CHECK,
      });
    } else {
      const nlbIps = plan.nlbPrivateIps.map((nlbIp) => nlbIp.address);
      const albTier = design.transitGateway ? (design.apiGateway ? 'private' : 'public') : 'public';
      const albPlan = design.transitGateway ? plan.ingress : plan.container;
      const nlb = new InternalNlb(this, 'InternalNlb', {
        vpc,
        subnets: privateSubnets,
        privateIps: nlbIps,
        clientCidrs: albPlan.tiers[albTier].map((subnet) => subnet.cidr),
      });
      nlb.listener.addTargets('PriceService', {
        port: SERVICE_PORT,
        targets: [cluster.service],
        healthCheck: { ...SERVICE_HEALTH_CHECK, protocol: elbv2.Protocol.HTTP },
      });
      cluster.allowFrom(nlb.securityGroup, 'the internal NLB');
      publicEntry?.forwardToIps(nlbIps, false);
    }

    if (design.transitGateway) {
      const transitGatewayId = readParameter(
        this,
        'TransitGatewayId',
        SHARED_PARAMETER.transitGatewayId,
        props.networkOwner,
      );
      const attachment = attachVpcToTransitGateway(this, 'ContainerAttachment', {
        transitGatewayId,
        vpc,
        subnets: vpc.subnetsOf(SUBNET_GROUP.transit),
        applianceMode: false,
      });
      routeSubnetsToTransitGateway(
        privateSubnets,
        'DefaultRoute',
        DEFAULT_ROUTE,
        transitGatewayId,
        attachment,
      );
      new ServiceEndpoints(this, 'Endpoints', {
        vpc,
        subnets: privateSubnets,
        clientCidrs: plan.container.tiers.private.map((subnet) => subnet.cidr),
      });
      publishParameter(
        this,
        'ContainerAttachmentIdParameter',
        SHARED_PARAMETER.containerAttachmentId,
        attachment.ref,
        props.networkOwner?.account,
      );
    }
  }
}
