import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';

export interface TransitGatewayHubProps {
  /**
   * Accept attachments from accounts the TGW is shared with (step 10). A TGW VPC attachment has no
   * CloudFormation "accept" resource, so auto-accept is how a stack-managed hub accepts the workload
   * account's attachment; the RAM share limits who may attach.
   * @default false
   */
  readonly autoAcceptSharedAttachments?: boolean;
}

/**
 * The Transit Gateway with explicit route tables, no default association or propagation:
 * - the spoke table (ingress and container attachments): 0.0.0.0/0 → egress attachment, plus the routes
 *   that the ingress and container attachments propagate, so ingress ↔ container works;
 * - the egress table (egress attachment): the propagated return routes to the spokes.
 */
export class TransitGatewayHub extends Construct {
  readonly transitGateway: ec2.CfnTransitGateway;
  readonly spokeRouteTable: ec2.CfnTransitGatewayRouteTable;
  readonly egressRouteTable: ec2.CfnTransitGatewayRouteTable;

  constructor(scope: Construct, id: string, props: TransitGatewayHubProps = {}) {
    super(scope, id);
    this.transitGateway = new ec2.CfnTransitGateway(this, 'TransitGateway', {
      description: 'Moat hub: spokes reach the internet only through the egress VPC',
      defaultRouteTableAssociation: 'disable',
      defaultRouteTablePropagation: 'disable',
      autoAcceptSharedAttachments: props.autoAcceptSharedAttachments === true ? 'enable' : 'disable',
      dnsSupport: 'enable',
      tags: [{ key: 'Name', value: 'moat-hub' }],
    });
    this.spokeRouteTable = new ec2.CfnTransitGatewayRouteTable(this, 'SpokeRouteTable', {
      transitGatewayId: this.transitGateway.ref,
      tags: [{ key: 'Name', value: 'moat-spokes' }],
    });
    this.egressRouteTable = new ec2.CfnTransitGatewayRouteTable(this, 'EgressRouteTable', {
      transitGatewayId: this.transitGateway.ref,
      tags: [{ key: 'Name', value: 'moat-egress' }],
    });
  }

  /** A further route table of the hub, named `moat-<name>` (the firewall attachment's, with the firewall on the TGW). */
  addRouteTable(name: string): ec2.CfnTransitGatewayRouteTable {
    return new ec2.CfnTransitGatewayRouteTable(this, `${name}RouteTable`, {
      transitGatewayId: this.transitGateway.ref,
      tags: [{ key: 'Name', value: `moat-${name.toLowerCase()}` }],
    });
  }

  /** Attaches a VPC through one subnet per AZ. */
  attachVpc(id: string, vpc: ec2.IVpc, subnets: readonly ec2.ISubnet[], applianceMode = false) {
    return attachVpcToTransitGateway(this, id, {
      transitGatewayId: this.transitGateway.ref,
      vpc,
      subnets,
      applianceMode,
    });
  }
}

export interface TransitGatewayAttachmentProps {
  readonly transitGatewayId: string;
  readonly vpc: ec2.IVpc;
  readonly subnets: readonly ec2.ISubnet[];
  /**
   * Keeps a flow and its reply on the same AZ's attachment ENI, hence the same firewall endpoint
   * (https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-appliance-scenarios.html).
   */
  readonly applianceMode: boolean;
}

/** Shared by the hub (ingress, egress VPCs) and the workload stack (container VPC, possibly cross-account). */
export function attachVpcToTransitGateway(
  scope: Construct,
  id: string,
  props: TransitGatewayAttachmentProps,
): ec2.CfnTransitGatewayVpcAttachment {
  return new ec2.CfnTransitGatewayVpcAttachment(scope, id, {
    transitGatewayId: props.transitGatewayId,
    vpcId: props.vpc.vpcId,
    subnetIds: props.subnets.map((subnet) => subnet.subnetId),
    options: { ApplianceModeSupport: props.applianceMode ? 'enable' : 'disable', DnsSupport: 'enable' },
    tags: [{ key: 'Name', value: id }],
  });
}

/** Associates an attachment with a TGW route table and propagates its routes into the given tables. */
export function routeAttachment(
  parent: Construct,
  id: string,
  attachmentId: string,
  association: string,
  propagations: Readonly<Record<string, string>>,
): void {
  const scope = new Construct(parent, id);
  new ec2.CfnTransitGatewayRouteTableAssociation(scope, 'Association', {
    transitGatewayAttachmentId: attachmentId,
    transitGatewayRouteTableId: association,
  });
  for (const [id, routeTableId] of Object.entries(propagations)) {
    new ec2.CfnTransitGatewayRouteTablePropagation(scope, id, {
      transitGatewayAttachmentId: attachmentId,
      transitGatewayRouteTableId: routeTableId,
    });
  }
}

/** Adds `destination → TGW` to each subnet's route table, after the attachment exists. */
export function routeSubnetsToTransitGateway(
  subnets: readonly ec2.ISubnet[],
  routeId: string,
  destinationCidr: string,
  transitGatewayId: string,
  attachment: ec2.CfnTransitGatewayVpcAttachment,
): void {
  for (const subnet of subnets) {
    const route = new ec2.CfnRoute(subnet, routeId, {
      routeTableId: subnet.routeTable.routeTableId,
      destinationCidrBlock: destinationCidr,
      transitGatewayId,
    });
    route.addResourceDependency(attachment, 'a route to a TGW fails until the VPC is attached');
  }
}
