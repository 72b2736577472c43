import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type {
  ContainerTier,
  EgressTier,
  IngressTier,
  TierName,
  VpcAddressPlan,
} from '../config/addressing.js';
import { type NatMode, PlannedVpc } from './planned-vpc.js';

interface RoleVpcProps<Tier extends TierName> {
  /** The VPC's slice of `planAddresses(config)`: its CIDR and every subnet's. */
  readonly plan: VpcAddressPlan<Tier>;
  readonly availabilityZones: readonly string[];
  readonly flowLogRetention: logs.RetentionDays;
}

/** The CIDRs of one tier, in AZ order. */
function cidrsOf<Tier extends TierName>(plan: VpcAddressPlan<Tier>, tier: Tier): readonly string[] {
  return plan.tiers[tier].map((subnet) => subnet.cidr);
}

/** How the container VPC reaches the internet, which is what changes from step to step. */
export type ContainerVpcLayout =
  /** Step 2: public subnets only, behind an internet gateway. */
  | 'public-only'
  /** Steps 3–5: public subnets for the ALB and NAT, private subnets routed to the NAT of their AZ. */
  | 'public-and-private'
  /** Step 6 on: no IGW, no NAT; private subnets plus TGW-attachment subnets. */
  | 'isolated-behind-tgw';

export interface ContainerVpcProps extends RoleVpcProps<ContainerTier> {
  readonly layout: ContainerVpcLayout;
  /** The AZs with a NAT gateway in the 'public-and-private' layout (`egressZones(config)`): a prefix of `availabilityZones`. */
  readonly natZones: readonly string[];
  /** `egress.nat`: zonal NAT gateways in `natZones`, or one regional NAT gateway, in the 'public-and-private' layout. */
  readonly natMode: NatMode;
}

/** Subnet group names are construct IDs: they stay the same in every step. */
export const SUBNET_GROUP = {
  public: 'Public',
  private: 'Private',
  transit: 'Transit',
  firewall: 'Firewall',
} as const;

/** The VPC that runs the price service. */
export class ContainerVpc extends PlannedVpc {
  constructor(scope: Construct, id: string, props: ContainerVpcProps) {
    const subnetCidrs = {
      public: cidrsOf(props.plan, 'public'),
      private: cidrsOf(props.plan, 'private'),
      transit: cidrsOf(props.plan, 'transit'),
    };
    const groups = {
      'public-only': [
        { name: SUBNET_GROUP.public, subnetType: ec2.SubnetType.PUBLIC, cidrs: subnetCidrs.public },
      ],
      'public-and-private': [
        { name: SUBNET_GROUP.public, subnetType: ec2.SubnetType.PUBLIC, cidrs: subnetCidrs.public },
        {
          name: SUBNET_GROUP.private,
          subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS,
          cidrs: subnetCidrs.private,
        },
      ],
      'isolated-behind-tgw': [
        {
          name: SUBNET_GROUP.private,
          subnetType: ec2.SubnetType.PRIVATE_ISOLATED,
          cidrs: subnetCidrs.private,
        },
        {
          name: SUBNET_GROUP.transit,
          subnetType: ec2.SubnetType.PRIVATE_ISOLATED,
          cidrs: subnetCidrs.transit,
        },
      ],
    }[props.layout];
    super(scope, id, {
      cidrBlock: props.plan.cidr,
      availabilityZones: props.availabilityZones,
      subnetGroups: groups,
      natGateways: props.layout === 'public-and-private' ? props.natZones.length : 0,
      natMode: props.natMode,
      flowLogRetention: props.flowLogRetention,
    });
  }
}

/** The VPC of the public entry (ALB, later the API's VPC link) from step 6 on. */
export class IngressVpc extends PlannedVpc {
  constructor(scope: Construct, id: string, props: RoleVpcProps<IngressTier>) {
    const subnetCidrs = {
      public: cidrsOf(props.plan, 'public'),
      private: cidrsOf(props.plan, 'private'),
      transit: cidrsOf(props.plan, 'transit'),
    };
    super(scope, id, {
      cidrBlock: props.plan.cidr,
      availabilityZones: props.availabilityZones,
      subnetGroups: [
        { name: SUBNET_GROUP.public, subnetType: ec2.SubnetType.PUBLIC, cidrs: subnetCidrs.public },
        {
          name: SUBNET_GROUP.private,
          subnetType: ec2.SubnetType.PRIVATE_ISOLATED,
          cidrs: subnetCidrs.private,
        },
        {
          name: SUBNET_GROUP.transit,
          subnetType: ec2.SubnetType.PRIVATE_ISOLATED,
          cidrs: subnetCidrs.transit,
        },
      ],
      natGateways: 0,
      flowLogRetention: props.flowLogRetention,
    });
  }
}

export interface EgressVpcProps extends RoleVpcProps<EgressTier> {
  /** From step 7: firewall subnets between the TGW-attachment subnets and the NAT gateways. */
  readonly withFirewallSubnets: boolean;
  /**
   * `egress.nat`: zonal NAT gateways in public subnets, or one regional NAT gateway, which needs no public subnet
   * (the VPC keeps its internet gateway for it). The config allows regional only without firewall subnets.
   */
  readonly natMode: NatMode;
}

/**
 * The VPC through which every spoke reaches the internet: NAT gateways (one per AZ of its own, which are
 * `egressZones(config)`: all of them, or the first in the development profile) in public subnets, or one regional
 * NAT gateway and no public subnet.
 * Without firewall subnets, the TGW-attachment subnets route to the NAT of their AZ; with them, the
 * firewall subnets do, and the attachment subnets are routed to the firewall endpoints by EgressFirewall.
 */
export class EgressVpc extends PlannedVpc {
  constructor(scope: Construct, id: string, props: EgressVpcProps) {
    const subnetCidrs = {
      public: cidrsOf(props.plan, 'public'),
      firewall: cidrsOf(props.plan, 'firewall'),
      transit: cidrsOf(props.plan, 'transit'),
    };
    const publicGroup = {
      name: SUBNET_GROUP.public,
      subnetType: ec2.SubnetType.PUBLIC,
      cidrs: subnetCidrs.public,
    };
    const groups = props.withFirewallSubnets
      ? [
          publicGroup,
          {
            name: SUBNET_GROUP.firewall,
            subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS,
            cidrs: subnetCidrs.firewall,
          },
          {
            name: SUBNET_GROUP.transit,
            subnetType: ec2.SubnetType.PRIVATE_ISOLATED,
            cidrs: subnetCidrs.transit,
          },
        ]
      : [
          ...(props.natMode === 'regional' ? [] : [publicGroup]),
          {
            name: SUBNET_GROUP.transit,
            subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS,
            cidrs: subnetCidrs.transit,
          },
        ];
    super(scope, id, {
      cidrBlock: props.plan.cidr,
      availabilityZones: props.availabilityZones,
      subnetGroups: groups,
      natGateways: props.availabilityZones.length,
      natMode: props.natMode,
      flowLogRetention: props.flowLogRetention,
    });
  }
}
