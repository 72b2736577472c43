import { Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import { SERVICE_PORT } from './price-service-hosts.js';

export interface InternalNlbProps {
  readonly vpc: ec2.IVpc;
  /** The private subnets, in AZ order. */
  readonly subnets: readonly ec2.ISubnet[];
  /** One fixed private IP per subnet, same order: the ALB registers them as its targets. */
  readonly privateIps: readonly string[];
  /** Who may reach the listener: the ALB's subnets. */
  readonly clientCidrs: readonly string[];
}

/**
 * The internal NLB in front of the service (step 5 on), with fixed private IPs so the ALB (first in the
 * same VPC, then in the ingress VPC) can target it by IP. It gets its security group at creation: AWS
 * only allows security groups on an NLB that was created with one.
 */
export class InternalNlb extends Construct {
  readonly loadBalancer: elbv2.NetworkLoadBalancer;
  readonly listener: elbv2.NetworkListener;
  readonly securityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: InternalNlbProps) {
    super(scope, id);
    if (props.privateIps.length !== props.subnets.length) {
      throw new Error(
        `The internal NLB needs one private IP per private subnet: got ${props.privateIps.length} IPs for ${props.subnets.length} subnets.`,
      );
    }
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Internal NLB: 8080 from the ALB subnets',
      allowAllOutbound: false,
    });
    for (const cidr of props.clientCidrs) {
      this.securityGroup.addIngressRule(
        ec2.Peer.ipv4(cidr),
        ec2.Port.tcp(SERVICE_PORT),
        `ALB subnet ${cidr}`,
      );
    }
    this.loadBalancer = new elbv2.NetworkLoadBalancer(this, 'LoadBalancer', {
      vpc: props.vpc,
      internetFacing: false,
      securityGroups: [this.securityGroup],
      vpcSubnets: { subnets: [...props.subnets] },
      crossZoneEnabled: true,
    });
    // The L2 has no fixed-IP option: subnet mappings with PrivateIPv4Address replace the subnet list.
    const cfnLoadBalancer = this.loadBalancer.node.defaultChild as elbv2.CfnLoadBalancer;
    cfnLoadBalancer.subnets = undefined;
    cfnLoadBalancer.subnetMappings = props.subnets.map((subnet, index) => ({
      subnetId: subnet.subnetId,
      privateIPv4Address: props.privateIps[index],
    }));
    Validations.of(this.loadBalancer).acknowledge({
      id: 'AwsSolutions-ELB2',
      reason:
        'NLB access logs only record TLS listeners; this TCP listener is covered by the VPC flow logs of its subnets.',
    });
    this.listener = this.loadBalancer.addListener('Tcp', {
      port: SERVICE_PORT,
      protocol: elbv2.Protocol.TCP,
    });
  }
}
