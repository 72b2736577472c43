import { groupBy } from '../../collections.js';
import { mainRouteTableId } from '../../model/ids.js';
import { type AddressRange, type Cidr, parseCidr } from '../../model/ip.js';
import type {
  EcsService,
  ElementId,
  Firewall,
  FirewallPolicy,
  FirewallRuleGroup,
  Instance,
  InternetGateway,
  LoadBalancer,
  NatGateway,
  NetworkAcl,
  NetworkModel,
  PrefixList,
  Resolved,
  RouteTable,
  SecurityGroup,
  Subnet,
  TargetGroup,
  TransitGatewayAttachment,
  TransitGatewayRouteTable,
  Vpc,
  VpcEndpoint,
  VpcLink,
  WebAcl,
} from '../../model/types.js';
import { natPresences } from './regional-nat.js';

/**
 * Lookups the tracer needs, each a map built once per model (a hub with hundreds of spokes must trace in
 * linear time, so no hot path scans a list).
 */
export interface ModelIndex {
  readonly model: NetworkModel;
  readonly vpcs: ReadonlyMap<ElementId, Vpc>;
  readonly subnets: ReadonlyMap<ElementId, Subnet>;
  readonly subnetsByVpc: ReadonlyMap<ElementId, readonly Subnet[]>;
  readonly routeTables: ReadonlyMap<ElementId, RouteTable>;
  readonly networkAcls: ReadonlyMap<ElementId, NetworkAcl>;
  readonly securityGroups: ReadonlyMap<ElementId, SecurityGroup>;
  readonly prefixLists: ReadonlyMap<ElementId, PrefixList>;
  readonly internetGatewayByVpc: ReadonlyMap<ElementId, InternetGateway>;
  readonly natGateways: ReadonlyMap<ElementId, NatGateway>;
  readonly attachmentByVpcAndTgw: ReadonlyMap<string, TransitGatewayAttachment>;
  readonly attachments: ReadonlyMap<ElementId, TransitGatewayAttachment>;
  readonly tgwRouteTableByAttachment: ReadonlyMap<ElementId, TransitGatewayRouteTable>;
  readonly firewalls: ReadonlyMap<ElementId, Firewall>;
  readonly firewallPolicies: ReadonlyMap<ElementId, FirewallPolicy>;
  readonly firewallRuleGroups: ReadonlyMap<ElementId, FirewallRuleGroup>;
  readonly loadBalancers: ReadonlyMap<ElementId, LoadBalancer>;
  readonly targetGroups: ReadonlyMap<ElementId, TargetGroup>;
  readonly ecsServices: ReadonlyMap<ElementId, EcsService>;
  readonly instances: ReadonlyMap<ElementId, Instance>;
  readonly vpcLinks: ReadonlyMap<ElementId, VpcLink>;
  /** The web ACL of each associated resource (API stage, load balancer). */
  readonly webAclByResource: ReadonlyMap<ElementId, WebAcl>;
  readonly interfaceEndpointsByVpc: ReadonlyMap<ElementId, readonly VpcEndpoint[]>;
  readonly gatewayEndpoints: ReadonlyMap<ElementId, VpcEndpoint>;
  readonly gatewayLoadBalancerEndpoints: ReadonlyMap<ElementId, VpcEndpoint>;
  /** Firewalls attached to a transit gateway, by the id of their attachment. */
  readonly firewallByAttachment: ReadonlyMap<ElementId, Firewall>;
  /** Every known, parseable CIDR of the model, parsed once. */
  cidr(resolved: Resolved<string>): Cidr | undefined;
  /** The subnet of a VPC whose CIDR holds the range, if any. */
  subnetHolding(vpcId: ElementId, range: AddressRange): Subnet | undefined;
  routeTableOf(subnet: Subnet): RouteTable | undefined;
  networkAclOf(subnet: Subnet): NetworkAcl | undefined;
}

const cache = new WeakMap<NetworkModel, ModelIndex>();

export function indexModel(model: NetworkModel): ModelIndex {
  const cached = cache.get(model);
  if (cached !== undefined) return cached;
  const byId = <T extends { readonly id: ElementId }>(items: readonly T[]): Map<ElementId, T> =>
    new Map(items.map((item) => [item.id, item]));
  const cidrs = new Map<string, Cidr | undefined>();
  const cidr = (resolved: Resolved<string>): Cidr | undefined => {
    if (!resolved.known) return undefined;
    if (!cidrs.has(resolved.value)) cidrs.set(resolved.value, parseCidr(resolved.value));
    return cidrs.get(resolved.value);
  };
  const subnetsByVpc = groupBy(model.subnets, (subnet) => subnet.vpcId);
  const routeTables = byId(model.routeTables);
  const networkAcls = byId(model.networkAcls);
  const tgwRouteTableByAttachment = new Map<ElementId, TransitGatewayRouteTable>();
  for (const table of model.transitGatewayRouteTables) {
    for (const attachmentId of table.associatedAttachmentIds)
      tgwRouteTableByAttachment.set(attachmentId, table);
  }
  const index: ModelIndex = {
    model,
    vpcs: byId(model.vpcs),
    // With each regional NAT gateway's presence in an AZ, which the tracer walks like a subnet (regional-nat.ts).
    subnets: byId([...model.subnets, ...natPresences(model, subnetsByVpc)]),
    subnetsByVpc,
    routeTables,
    networkAcls,
    securityGroups: byId(model.securityGroups),
    prefixLists: byId(model.prefixLists),
    internetGatewayByVpc: new Map(
      model.internetGateways.flatMap((gateway) => (gateway.vpcId ? [[gateway.vpcId, gateway] as const] : [])),
    ),
    natGateways: byId(model.natGateways),
    // A transit gateway has at most one attachment per VPC (model/from-templates/transit.ts keeps the first).
    attachmentByVpcAndTgw: new Map(
      model.transitGatewayAttachments.map((attachment) => [
        `${attachment.vpcId}|${attachment.transitGatewayId}`,
        attachment,
      ]),
    ),
    attachments: byId(model.transitGatewayAttachments),
    tgwRouteTableByAttachment,
    firewalls: byId(model.firewalls),
    firewallPolicies: byId(model.firewallPolicies),
    firewallRuleGroups: byId(model.firewallRuleGroups),
    loadBalancers: byId(model.loadBalancers),
    targetGroups: byId(model.targetGroups),
    ecsServices: byId(model.ecsServices),
    instances: byId(model.instances),
    vpcLinks: byId(model.vpcLinks),
    webAclByResource: new Map(
      model.webAcls.flatMap((acl) => acl.associatedIds.map((id) => [id, acl] as const)),
    ),
    interfaceEndpointsByVpc: groupBy(
      model.vpcEndpoints.filter((endpoint) => endpoint.kind === 'Interface'),
      (endpoint) => endpoint.vpcId,
    ),
    gatewayEndpoints: byId(model.vpcEndpoints.filter((endpoint) => endpoint.kind === 'Gateway')),
    gatewayLoadBalancerEndpoints: byId(
      model.vpcEndpoints.filter((endpoint) => endpoint.kind === 'GatewayLoadBalancer'),
    ),
    firewallByAttachment: new Map(
      model.firewalls.flatMap((firewall) =>
        firewall.transitGatewayAttachment ? [[firewall.transitGatewayAttachment.id, firewall] as const] : [],
      ),
    ),
    cidr,
    subnetHolding: (vpcId, range) =>
      subnetsByVpc.get(vpcId)?.find((subnet) => {
        const block = cidr(subnet.cidr);
        return block !== undefined && range.first >= block.first && range.last <= block.last;
      }),
    // A subnet without an explicit association uses its VPC's main route table.
    // https://docs.aws.amazon.com/vpc/latest/userguide/RouteTables.html#RouteTableDetails
    routeTableOf: (subnet) => routeTables.get(subnet.routeTableId ?? mainRouteTableId(subnet.vpcId)),
    networkAclOf: (subnet) => (subnet.networkAclId ? networkAcls.get(subnet.networkAclId) : undefined),
  };
  cache.set(model, index);
  return index;
}
