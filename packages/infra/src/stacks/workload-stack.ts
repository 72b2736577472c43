import { Fn, Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as elbv2Targets from 'aws-cdk-lib/aws-elasticloadbalancingv2-targets';
import type { Construct } from 'constructs';
import type { AddressPlan } from '../config/addressing.js';
import { egressZones } from '../config/profile.js';
import type { MoatConfig } from '../config/schema.js';
import { albSubnets, type ServiceEntry, trustedProxies } from '../config/service-environment.js';
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
import { ContainerVpc, type ContainerVpcLayout, SUBNET_GROUP } from '../constructs/vpcs.js';
import { logRetentionOf } from './log-retention.js';
import {
  type ParameterOwner,
  publishParameter,
  readParameter,
  SHARED_PARAMETER,
  shareWithAccount,
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

/** Where the container VPC's traffic leaves it, which follows from the step's design. */
function containerLayout(design: StepDesign): ContainerVpcLayout {
  if (design.compute === 'ec2-public') return 'public-only';
  return design.transitGateway ? 'isolated-behind-tgw' : 'public-and-private';
}

/** What connects to the Fargate tasks, which follows from the step's design. */
function serviceEntry(design: StepDesign): ServiceEntry {
  if (!design.internalNlb) return 'alb';
  return design.transitGateway ? 'ingress-vpc-nlb' : 'alb-nlb';
}

/**
 * The container VPC and the price service: all of steps 2–5, and from step 6 the spoke that reaches
 * everything else through the Transit Gateway.
 */
export class WorkloadStack extends Stack {
  private readonly vpc: ContainerVpc;
  private readonly privateSubnets: readonly ec2.ISubnet[];
  /** The Fargate service (step 4 on). */
  private service: ecs.FargateService | undefined;

  constructor(scope: Construct, id: string, props: WorkloadStackProps) {
    super(scope, id, props);
    const { config, design } = props;
    const layout = containerLayout(design);
    this.vpc = new ContainerVpc(this, 'ContainerVpc', {
      plan: props.plan.container,
      availabilityZones: config.availabilityZones,
      layout,
      natZones: egressZones(config),
      natMode: config.egress.nat,
      flowLogRetention: logRetentionOf(config),
    });
    if (props.networkOwner !== undefined) this.pinZonesToNetworkAccount(config, props.networkOwner);
    this.privateSubnets = layout === 'public-only' ? [] : this.vpc.subnetsOf(SUBNET_GROUP.private);
    // Steps 3–5: the public entry lives in this VPC; from step 6 it is in the ingress VPC (MoatNetwork).
    const publicEntry =
      layout === 'public-and-private'
        ? new ServiceLoadBalancer(this, 'Alb', {
            vpc: this.vpc,
            subnets: this.vpc.subnetsOf(SUBNET_GROUP.public),
            internetFacing: true,
            accessLogRetentionDays: config.logRetentionDays,
          })
        : undefined;

    if (design.compute === 'fargate') {
      this.addService(props, publicEntry);
    } else {
      this.addHosts(config, design, publicEntry);
    }
    if (design.transitGateway) {
      this.attachToHub(props);
    }
  }

  /**
   * Step 10: the config's AZs are the networking account's AZ names, which this account may map to other
   * physical zones. The subnets take the AZ IDs the networking stack publishes for them (AWS resolves each name
   * in the account that owns it), so each spoke's attachment and tasks share an AZ with the hub's attachments,
   * firewall endpoint and NAT gateway of that AZ, whatever either account calls it.
   */
  private pinZonesToNetworkAccount(config: MoatConfig, owner: ParameterOwner): void {
    const zoneIds = readParameter(this, 'AvailabilityZoneIds', SHARED_PARAMETER.availabilityZoneIds, owner);
    this.vpc.pinByZoneIds(Fn.split(',', zoneIds, config.availabilityZones.length));
  }

  /** Steps 2–3: the service on EC2, behind the ALB in step 3. */
  private addHosts(
    config: MoatConfig,
    design: StepDesign,
    publicEntry: ServiceLoadBalancer | undefined,
  ): void {
    const isPublic = design.compute === 'ec2-public';
    const hosts = new PriceServiceHosts(this, 'PriceServiceHosts', {
      vpc: this.vpc,
      subnets: isPublic ? this.vpc.subnetsOf(SUBNET_GROUP.public).slice(0, 1) : this.privateSubnets,
      image: new ServiceImage(this, 'ServiceImage', { image: config.service.image }),
      hostPort: isPublic ? PUBLIC_HOST_PORT : SERVICE_PORT,
      publicIp: isPublic,
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
  }

  /** Step 4 on: the service on Fargate, behind the ALB (4) or the internal NLB (5 on). */
  private addService(props: WorkloadStackProps, publicEntry: ServiceLoadBalancer | undefined): void {
    const { config, plan, design } = props;
    const entry = serviceEntry(design);
    const cluster = new PriceServiceCluster(this, 'PriceService', {
      vpc: this.vpc,
      taskSubnets: this.privateSubnets,
      service: config.service,
      egress: config.egress,
      logRetention: logRetentionOf(config),
      trustedProxies: trustedProxies(plan, entry),
    });
    this.service = cluster.service;
    if (entry === 'alb') {
      publicEntry?.listener.addTargets('PriceService', {
        port: SERVICE_PORT,
        protocol: elbv2.ApplicationProtocol.HTTP,
        targets: [cluster.service],
        healthCheck: SERVICE_HEALTH_CHECK,
      });
      return;
    }
    const nlbIps = plan.nlbPrivateIps.map((nlbIp) => nlbIp.address);
    const nlb = new InternalNlb(this, 'InternalNlb', {
      vpc: this.vpc,
      subnets: this.privateSubnets,
      privateIps: nlbIps,
      clientCidrs: albSubnets(plan, entry).map((subnet) => subnet.cidr),
    });
    nlb.listener.addTargets('PriceService', {
      port: SERVICE_PORT,
      targets: [cluster.service],
      healthCheck: { ...SERVICE_HEALTH_CHECK, protocol: elbv2.Protocol.HTTP },
    });
    cluster.allowFrom(nlb.securityGroup, 'the internal NLB');
    publicEntry?.forwardToIps(nlbIps, false);
  }

  /** Step 6 on: the container VPC as a spoke of the (possibly shared) Transit Gateway. */
  private attachToHub(props: WorkloadStackProps): void {
    const transitGatewayId = readParameter(
      this,
      'TransitGatewayId',
      SHARED_PARAMETER.transitGatewayId,
      props.networkOwner,
    );
    const attachment = attachVpcToTransitGateway(this, 'ContainerAttachment', {
      transitGatewayId,
      vpc: this.vpc,
      subnets: this.vpc.subnetsOf(SUBNET_GROUP.transit),
      applianceMode: false,
    });
    routeSubnetsToTransitGateway(
      this.privateSubnets,
      'DefaultRoute',
      DEFAULT_ROUTE,
      transitGatewayId,
      attachment,
    );
    const endpoints = new ServiceEndpoints(this, 'Endpoints', {
      vpc: this.vpc,
      subnets: this.privateSubnets,
      interfaceSubnets: this.privateSubnets.filter((subnet) =>
        egressZones(props.config).includes(subnet.availabilityZone),
      ),
      clientCidrs: props.plan.container.tiers.private.map((subnet) => subnet.cidr),
    });
    // Without the internet, a task that starts before its endpoints exist cannot pull its image or send its
    // logs; on a first deploy the circuit breaker would roll the service back.
    this.service?.node.addDependency(endpoints.ready);
    const attachmentIdParameter = publishParameter(
      this,
      'ContainerAttachmentIdParameter',
      SHARED_PARAMETER.containerAttachmentId,
      attachment.ref,
      props.networkOwner?.account,
    );
    if (props.networkOwner !== undefined) {
      shareWithAccount(
        this,
        'ContainerAttachmentIdParameterShare',
        'moat-workload',
        props.networkOwner.account,
        [attachmentIdParameter.parameterArn],
      );
    }
  }
}
