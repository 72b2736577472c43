import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/** One subnet group of a planned VPC: a tier name and the CIDR of its subnet in each AZ, in AZ order. */
export interface PlannedSubnetGroup {
  /** Becomes the subnet construct IDs (`<name>Subnet1`, ...): never rename it between steps. */
  readonly name: string;
  readonly subnetType: ec2.SubnetType;
  /** One CIDR per availability zone, in the order of `availabilityZones`. */
  readonly cidrs: readonly string[];
}

/** `egress.nat` of the config. */
export type NatMode = 'zonal' | 'regional';

export interface PlannedVpcProps {
  readonly cidrBlock: string;
  readonly availabilityZones: readonly string[];
  readonly subnetGroups: readonly PlannedSubnetGroup[];
  /**
   * Zonal: NAT gateways in the first PUBLIC group, one in each of the first `natGateways` AZs; the other AZs'
   * private subnets route to the first AZ's. Regional: one NAT gateway for the VPC when `natGateways` is not 0.
   */
  readonly natGateways: number;
  /** @default 'zonal' */
  readonly natMode?: NatMode;
  readonly flowLogRetention: logs.RetentionDays;
}

/**
 * A VPC whose subnets get exactly the CIDRs of the address plan (the config's single source of truth),
 * instead of the CDK's own sequential allocation, with flow logs to CloudWatch Logs.
 *
 * It stays an `ec2.Vpc`, so the L2 load balancer, ECS and endpoint constructs accept it as `IVpc`.
 */
export class PlannedVpc extends ec2.Vpc {
  constructor(scope: Construct, id: string, props: PlannedVpcProps) {
    const regional = props.natMode === 'regional';
    super(scope, id, {
      ipAddresses: new PlannedIpAddresses(props.cidrBlock, props.subnetGroups, props.availabilityZones),
      availabilityZones: [...props.availabilityZones],
      subnetConfiguration: props.subnetGroups.map((group) => ({
        name: group.name,
        subnetType: group.subnetType,
        // The mask is ignored by PlannedIpAddresses; the L2 still wants one for validation.
        cidrMask: maskOf(group.cidrs[0] ?? props.cidrBlock),
        // Nothing gets a public IP by subnet default: step 2's instance asks for one explicitly.
        ...(group.subnetType === ec2.SubnetType.PUBLIC ? { mapPublicIpOnLaunch: false } : {}),
      })),
      natGateways: regional ? Math.min(props.natGateways, 1) : props.natGateways,
      // A regional NAT gateway (`AvailabilityMode: regional`, `VpcId`, no subnet) in automatic mode: AWS expands it
      // to every AZ where the VPC has subnets and allocates its Elastic IPs; every private subnet routes to it.
      // https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateways-regional.html
      ...(regional && props.natGateways > 0 ? { natGatewayProvider: ec2.NatProvider.regionalGateway() } : {}),
      // Tasks and instances reach AWS services through endpoints or NAT, never through the default SG.
      restrictDefaultSecurityGroup: false,
    });
    const flowLogGroup = new logs.LogGroup(this, 'FlowLogGroup', {
      retention: props.flowLogRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogGroup),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });
  }

  /**
   * Pins every subnet by AZ ID (`AvailabilityZoneId`) instead of AZ name, `zoneIds[i]` for the AZ
   * `availabilityZones[i]`: for a VPC in an account whose AZ names may stand for other physical zones than in the
   * account the names are from. An AZ ID is the same zone in every account; a subnet takes one of the two
   * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-subnet.html,
   * https://docs.aws.amazon.com/global-infrastructure/latest/regions/az-ids.html).
   */
  pinByZoneIds(zoneIds: readonly string[]): void {
    for (const subnet of [...this.publicSubnets, ...this.privateSubnets, ...this.isolatedSubnets]) {
      const zoneId = zoneIds[this.availabilityZones.indexOf(subnet.availabilityZone)];
      if (zoneId === undefined)
        throw new Error(`No AZ ID for ${subnet.node.path} in ${subnet.availabilityZone}.`);
      const cfnSubnet = subnet.node.defaultChild as ec2.CfnSubnet;
      cfnSubnet.availabilityZone = undefined;
      cfnSubnet.availabilityZoneId = zoneId;
    }
  }

  /**
   * The regional NAT gateway `NatProvider.regionalGateway()` adds to the VPC, if it has one: its route table
   * (`attrRouteTableId`) is where the routes back to the spokes go.
   */
  get regionalNatGateway(): ec2.CfnNatGateway | undefined {
    const child = this.node.tryFindChild('RegionalNatGateway');
    return child instanceof ec2.CfnNatGateway ? child : undefined;
  }

  /** The subnets of one group, in AZ order. */
  subnetsOf(groupName: string): ec2.ISubnet[] {
    return this.selectSubnets({ subnetGroupName: groupName }).subnets;
  }
}

function maskOf(cidr: string): number {
  return Number(cidr.split('/')[1]);
}

/** Hands the L2 VPC the planned CIDR of each (group, AZ) it asks for. */
class PlannedIpAddresses implements ec2.IIpAddresses {
  constructor(
    private readonly cidrBlock: string,
    private readonly groups: readonly PlannedSubnetGroup[],
    private readonly availabilityZones: readonly string[],
  ) {}

  allocateVpcCidr(): ec2.VpcIpamOptions {
    return { cidrBlock: this.cidrBlock };
  }

  allocateSubnetsCidr(input: ec2.AllocateCidrRequest): ec2.SubnetIpamOptions {
    return {
      allocatedSubnets: input.requestedSubnets.map((request) => {
        const group = this.groups.find((candidate) => candidate.name === request.configuration.name);
        const azIndex = this.availabilityZones.indexOf(request.availabilityZone);
        const cidr = group?.cidrs[azIndex];
        if (cidr === undefined) {
          throw new Error(
            `The address plan has no CIDR for subnet group "${request.configuration.name}" in ${request.availabilityZone}.`,
          );
        }
        return { cidr };
      }),
    };
  }
}
