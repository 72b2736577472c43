import type { ElementId } from './types.js';

/**
 * Ids of model elements that have no CloudFormation resource of their own. The readers in `from-templates/`
 * make them and the analyses look them up, so both sides take them from here.
 */

/** The main route table of a VPC is implicit in CloudFormation. */
export const mainRouteTableId = (vpcId: ElementId): ElementId => `${vpcId}#main`;

/** The default route table of a transit gateway is implicit in CloudFormation. */
export const defaultTgwRouteTableId = (tgwId: ElementId): ElementId => `${tgwId}#default`;

/**
 * The transit gateway attachment AWS creates for a firewall attached to a transit gateway, which templates name
 * by `Fn::GetAtt [Firewall, TransitGatewayAttachmentId]`.
 */
export const firewallAttachmentId = (firewallId: ElementId): ElementId => `${firewallId}#attachment`;

/**
 * The route table AWS creates for a regional NAT gateway, which templates name by
 * `Fn::GetAtt [NatGateway, RouteTableId]`
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-natgateway.html#aws-resource-ec2-natgateway-return-values).
 */
export const natGatewayRouteTableId = (natId: ElementId): ElementId => `${natId}#route-table`;
