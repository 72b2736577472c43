import type { ElementId } from '../../model/types.js';

/**
 * The scene: what the diagram draws, decided from the model alone (no Graphviz here). Accounts hold VPCs and
 * regional services; VPCs hold one column per Availability Zone; columns hold subnets, top to bottom in the
 * order traffic meets them; subnets hold the resources that have an ENI there ("cells").
 */

export type CellKind =
  | 'load-balancer'
  | 'vpc-link'
  | 'nat-gateway'
  | 'firewall-endpoint'
  | 'instance'
  | 'task'
  | 'interface-endpoint'
  | 'tgw-eni';

/** A resource's presence in one subnet (its ENI there), drawn as a node inside the subnet's box. */
export interface Cell {
  readonly elementId: ElementId;
  readonly kind: CellKind;
  readonly title: string;
  readonly detail: string;
  /** Where the resource is in the templates (`stack/logicalId · type`): the node's tooltip. */
  readonly location: string;
  readonly ref: string;
  readonly availabilityZone: string;
}

export type BoxKind =
  | 'internet'
  | 'internet-gateway'
  | 'gateway-endpoint'
  /** A regional NAT gateway: in its VPC, in no subnet, serving every AZ. */
  | 'regional-nat-gateway'
  | 'transit-gateway'
  /** A firewall attached natively to a transit gateway: its endpoints are in a VPC AWS manages. */
  | 'attached-firewall'
  | 'api'
  | 'web-acl';

/** A resource drawn as a node of its own, outside any subnet. */
export interface Box {
  readonly kind: BoxKind;
  readonly node: string;
  readonly title: string;
  readonly detail: string;
  /** Where the resource is in the templates; absent for the internet. */
  readonly location?: string;
}

/** Public subnets face the internet, firewall and transit subnets sit between, private ones hold workloads. */
export type SubnetTier = 'public' | 'firewall' | 'transit' | 'private';

export interface SubnetBox {
  readonly cluster: string;
  /** An unseen node that keeps a subnet without resources drawn. */
  readonly placeholder: string;
  readonly name: string;
  readonly cidr: string;
  readonly tier: SubnetTier;
  readonly cells: readonly Cell[];
}

export interface AzColumn {
  readonly availabilityZone: string;
  /** Top to bottom. */
  readonly subnets: readonly SubnetBox[];
}

/**
 * `edge` VPCs have an internet gateway and are drawn above the transit gateway, the traffic's way in and out;
 * `inner` VPCs (the container VPC from step 6 on) are drawn below it.
 */
export type VpcPlacement = 'edge' | 'inner';

export interface VpcBox {
  readonly cluster: string;
  readonly name: string;
  readonly cidrs: readonly string[];
  readonly placement: VpcPlacement;
  readonly internetGateway?: Box;
  /** Regional NAT gateways, drawn under the internet gateway across the AZ columns. */
  readonly regionalNatGateways: readonly Box[];
  readonly gatewayEndpoints: readonly Box[];
  readonly columns: readonly AzColumn[];
}

export interface AccountBox {
  readonly cluster: string;
  readonly label: string;
  readonly vpcs: readonly VpcBox[];
  /** Transit gateways, APIs and web ACLs: regional, outside any VPC. */
  readonly regional: readonly Box[];
}

/** A transit gateway attachment's ENI, drawn joined to its gateway. */
export interface AttachmentLink {
  readonly transitGateway: string;
  readonly eni: Cell;
  readonly placement: VpcPlacement;
}

/** A firewall attached to a transit gateway, drawn beside the gateway and joined to it. */
export interface AttachedFirewallLink {
  readonly transitGateway: string;
  readonly firewall: string;
}

/** A RAM resource share: the shared resource's node, and the account box of the principal it is shared with. */
export interface ShareLink {
  readonly from: string;
  /** The account's cluster, and a node inside it for the line to aim at. */
  readonly toCluster: string;
  readonly toNode: string;
  readonly label: string;
  readonly location: string;
}

/** The first node of a subnet's box: its first resource, or the placeholder of an empty subnet. */
export const topNodeOf = (subnet: SubnetBox): string => subnet.cells[0]?.ref ?? subnet.placeholder;

/** Where a model element is drawn, which is what a trace hop is resolved against. */
export type Placement =
  | { readonly kind: 'box'; readonly ref: string }
  /** One cell per subnet; a hop picks the one in its Availability Zone. */
  | { readonly kind: 'cells'; readonly cells: readonly Cell[] }
  | { readonly kind: 'attachment'; readonly transitGateway: string; readonly cells: readonly Cell[] }
  /** A subnet is a routing decision, not a place, except where traffic enters it from a transit gateway. */
  | { readonly kind: 'subnet'; readonly tgwEnis: readonly Cell[] };

export interface Scene {
  readonly internet: Box;
  readonly accounts: readonly AccountBox[];
  readonly attachments: readonly AttachmentLink[];
  readonly attachedFirewalls: readonly AttachedFirewallLink[];
  /** Web ACL → the API it protects: traffic meets the ACL first. */
  readonly protects: readonly { readonly webAcl: string; readonly api: string }[];
  readonly placements: ReadonlyMap<ElementId, Placement>;
  /** Resources shared with another account through AWS RAM, drawn from the resource to that account. */
  readonly shares: readonly ShareLink[];
}
