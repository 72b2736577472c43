import { FirewallEndpointRef, ResourceRef, type Value } from '../../cfn/values.js';
import { appendTo } from '../../collections.js';
import { mainRouteTableId, natGatewayRouteTableId } from '../ids.js';
import type {
  AvailabilityZonePin,
  ElasticIp,
  ElementId,
  InternetGateway,
  NatGateway,
  PrefixList,
  Route,
  RouteDestination,
  RouteTable,
  RouteTarget,
  Subnet,
  Vpc,
  VpcEndpoint,
} from '../types.js';
import { known, unknown } from '../types.js';
import { type BuildContext, bool, type CfnElement, field, list, str } from './context.js';

const VPC = 'AWS::EC2::VPC';
const SUBNET = 'AWS::EC2::Subnet';
const ROUTE_TABLE = 'AWS::EC2::RouteTable';
const INTERNET_GATEWAY = 'AWS::EC2::InternetGateway';
const VIRTUAL_PRIVATE_GATEWAY = 'AWS::EC2::VPNGateway';
const VPC_ENDPOINT = 'AWS::EC2::VPCEndpoint';
const DEFAULT_ROUTE = '0.0.0.0/0';

export interface NetworkElements {
  readonly vpcs: Vpc[];
  readonly subnets: Subnet[];
  readonly routeTables: RouteTable[];
  readonly internetGateways: InternetGateway[];
  readonly natGateways: NatGateway[];
  readonly elasticIps: ElasticIp[];
  readonly prefixLists: PrefixList[];
}

export function buildNetwork(
  context: BuildContext,
  gatewayEndpoints: readonly VpcEndpoint[],
): NetworkElements {
  const vpcs = buildVpcs(context);
  const subnets = buildSubnets(context);
  const natGateways = context.ofType('AWS::EC2::NatGateway').flatMap((nat): NatGateway[] => {
    const placement = natGatewayPlacement(context, nat);
    if (placement === undefined) return [];
    const elasticIp = context.reference(nat.prop('AllocationId'), 'AWS::EC2::EIP');
    return [
      {
        id: nat.id,
        source: nat.source,
        placement,
        connectivity: nat.prop('ConnectivityType') === 'private' ? 'private' : 'public',
        ...(placement.kind === 'zonal' && elasticIp.known ? { elasticIpId: elasticIp.value } : {}),
      },
    ];
  });
  const internetGateways = buildInternetGateways(context);
  return {
    vpcs,
    subnets,
    routeTables: buildRouteTables(context, vpcs, gatewayEndpoints, { natGateways, internetGateways }),
    internetGateways,
    natGateways,
    elasticIps: context.ofType('AWS::EC2::EIP').map((eip) => {
      const attached = context.reference(eip.prop('InstanceId'), 'AWS::EC2::Instance');
      const nat = natGateways.find((gateway) => gateway.elasticIpId === eip.id);
      const attachedTo = attached.known ? attached.value : nat?.id;
      return { id: eip.id, source: eip.source, ...(attachedTo ? { attachedTo } : {}) };
    }),
    prefixLists: context.ofType('AWS::EC2::PrefixList').map((prefixList) => ({
      id: prefixList.id,
      source: prefixList.source,
      name: str(prefixList.prop('PrefixListName'), 'prefix list name'),
      cidrs: list(prefixList.prop('Entries')).map((entry) => str(field(entry, 'Cidr'), 'prefix list entry')),
    })),
  };
}

/**
 * A NAT gateway with `AvailabilityMode: regional` is in a VPC (`VpcId`), not a subnet; without
 * `AvailabilityZoneAddresses` AWS manages the AZs it serves.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-natgateway.html
 */
function natGatewayPlacement(context: BuildContext, nat: CfnElement): NatGateway['placement'] | undefined {
  if (nat.prop('AvailabilityMode') !== 'regional') {
    const subnetId = context.link(nat, 'SubnetId', SUBNET);
    return subnetId === undefined ? undefined : { kind: 'zonal', subnetId };
  }
  const vpcId = context.link(nat, 'VpcId', VPC);
  if (vpcId === undefined) return undefined;
  const addresses = nat.prop('AvailabilityZoneAddresses');
  const where = `${nat.source.logicalId}.AvailabilityZoneAddresses`;
  return {
    kind: 'regional',
    vpcId,
    routeTableId: natGatewayRouteTableId(nat.id),
    availabilityZones:
      addresses === undefined
        ? { kind: 'automatic' }
        : {
            kind: 'manual',
            zones: list(addresses).map((address) =>
              context.zones.keyOfValue(
                field(address, 'AvailabilityZone') ?? field(address, 'AvailabilityZoneId'),
                nat,
                where,
              ),
            ),
          },
  };
}

function buildVpcs(context: BuildContext): Vpc[] {
  const secondary = new Map<ElementId, Vpc['cidrs'][number][]>();
  for (const block of context.ofType('AWS::EC2::VPCCidrBlock')) {
    const vpcId = context.link(block, 'VpcId', VPC);
    if (vpcId === undefined) continue;
    const cidrs = secondary.get(vpcId) ?? [];
    cidrs.push(str(block.prop('CidrBlock'), `${block.source.logicalId}.CidrBlock`));
    secondary.set(vpcId, cidrs);
  }
  const flowLogsOf = new Map<ElementId, ElementId[]>();
  for (const flowLog of context.ofType('AWS::EC2::FlowLog')) {
    const resource = context.reference(flowLog.prop('ResourceId'));
    if (resource.known) appendTo(flowLogsOf, resource.value, flowLog.id);
  }
  return context.ofType(VPC).map((vpc) => ({
    id: vpc.id,
    source: vpc.source,
    stack: vpc.source.stack,
    cidrs: [
      str(vpc.prop('CidrBlock'), `${vpc.source.logicalId}.CidrBlock`),
      ...(secondary.get(vpc.id) ?? []),
    ],
    flowLogIds: flowLogsOf.get(vpc.id) ?? [],
  }));
}

function buildSubnets(context: BuildContext): Subnet[] {
  const routeTableOf = associations(
    context,
    'AWS::EC2::SubnetRouteTableAssociation',
    'RouteTableId',
    ROUTE_TABLE,
  );
  const aclOf = associations(
    context,
    'AWS::EC2::SubnetNetworkAclAssociation',
    'NetworkAclId',
    'AWS::EC2::NetworkAcl',
  );
  return context.ofType(SUBNET).flatMap((subnet): Subnet[] => {
    const vpcId = context.link(subnet, 'VpcId', VPC);
    if (vpcId === undefined) return [];
    const routeTableId = routeTableOf.get(subnet.id);
    const networkAclId = aclOf.get(subnet.id);
    return [
      {
        id: subnet.id,
        source: subnet.source,
        vpcId,
        cidr: str(subnet.prop('CidrBlock'), `${subnet.source.logicalId}.CidrBlock`),
        availabilityZone: context.zones.keyOf(subnet.id),
        ...pinned(context.zones.pinOf(subnet.id)),
        mapPublicIpOnLaunch: bool(subnet.prop('MapPublicIpOnLaunch'), false),
        ...(routeTableId ? { routeTableId } : {}),
        ...(networkAclId ? { networkAclId } : {}),
      },
    ];
  });
}

const pinned = (pin: AvailabilityZonePin | undefined) =>
  pin === undefined ? {} : { availabilityZonePin: pin };

function associations(
  context: BuildContext,
  associationType: string,
  property: string,
  targetType: string,
): Map<ElementId, ElementId> {
  const bySubnet = new Map<ElementId, ElementId>();
  for (const association of context.ofType(associationType)) {
    const subnetId = context.link(association, 'SubnetId', SUBNET);
    const targetId = context.link(association, property, targetType);
    if (subnetId !== undefined && targetId !== undefined) bySubnet.set(subnetId, targetId);
  }
  return bySubnet;
}

function buildInternetGateways(context: BuildContext): InternetGateway[] {
  const attachedVpc = new Map<ElementId, ElementId>();
  for (const attachment of context.ofType('AWS::EC2::VPCGatewayAttachment')) {
    const gateway = context.reference(attachment.prop('InternetGatewayId'), INTERNET_GATEWAY);
    const vpcId = context.link(attachment, 'VpcId', VPC);
    if (gateway.known && vpcId !== undefined) attachedVpc.set(gateway.value, vpcId);
  }
  const edgeTables = gatewayRouteTables(context);
  return context.ofType(INTERNET_GATEWAY).map((gateway) => {
    const vpcId = attachedVpc.get(gateway.id);
    const routeTableId = edgeTables.get(gateway.id);
    return {
      id: gateway.id,
      source: gateway.source,
      ...(vpcId ? { vpcId } : {}),
      ...(routeTableId ? { routeTableId } : {}),
    };
  });
}

/**
 * The gateway route table of each internet gateway: the table an `AWS::EC2::GatewayRouteTableAssociation`
 * associates with it routes what enters the VPC by that gateway.
 * https://docs.aws.amazon.com/vpc/latest/userguide/gateway-route-tables.html
 */
function gatewayRouteTables(context: BuildContext): Map<ElementId, ElementId> {
  const tables = new Map<ElementId, ElementId>();
  for (const association of context.ofType('AWS::EC2::GatewayRouteTableAssociation')) {
    const gatewayId = context.link(association, 'GatewayId', INTERNET_GATEWAY, VIRTUAL_PRIVATE_GATEWAY);
    const tableId = context.link(association, 'RouteTableId', ROUTE_TABLE);
    if (gatewayId === undefined || tableId === undefined) continue;
    if (context.element(gatewayId)?.source.type === INTERNET_GATEWAY) tables.set(gatewayId, tableId);
    else
      context.warn(
        `${association.source.logicalId} is left out of the model: virtual private gateways (VPN) are not modelled`,
        association.source,
      );
  }
  return tables;
}

interface Gateways {
  readonly natGateways: readonly NatGateway[];
  readonly internetGateways: readonly InternetGateway[];
}

function buildRouteTables(
  context: BuildContext,
  vpcs: readonly Vpc[],
  gatewayEndpoints: readonly VpcEndpoint[],
  gateways: Gateways,
): RouteTable[] {
  const routesOf = new Map<ElementId, Route[]>();
  const addRoute = (tableId: ElementId, route: Route): void => {
    const routes = routesOf.get(tableId) ?? [];
    routes.push(route);
    routesOf.set(tableId, routes);
  };
  for (const route of context.ofType('AWS::EC2::Route')) {
    const tableId = routeTableReference(context, route, gateways.natGateways);
    if (tableId === undefined) continue;
    const destination = routeDestination(route);
    if (destination !== undefined) {
      addRoute(tableId, { destination, target: routeTarget(context, route), source: route.source });
    }
  }
  // A gateway endpoint adds a route to its service's AWS-managed prefix list in each table it lists.
  // https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html#gateway-endpoint-routing
  for (const endpoint of gatewayEndpoints) {
    const service = endpoint.service.known ? endpoint.service.value : undefined;
    for (const tableId of endpoint.routeTableIds) {
      addRoute(tableId, {
        destination: {
          kind: 'prefix-list',
          prefixListId: unknown(
            `the AWS-managed prefix list of ${service ?? 'the endpoint service'} is named by AWS`,
          ),
          ...(service ? { service } : {}),
        },
        target: { kind: 'gateway-endpoint', id: endpoint.id },
        source: endpoint.source,
      });
    }
  }
  const localRoutes = new Map(
    vpcs.map((vpc) => [
      vpc.id,
      vpc.cidrs.map(
        (cidr): Route => ({
          destination: { kind: 'cidr', cidr },
          target: { kind: 'local' },
          source: vpc.source,
        }),
      ),
    ]),
  );
  const explicit = context.ofType(ROUTE_TABLE).flatMap((table): RouteTable[] => {
    const vpcId = context.link(table, 'VpcId', VPC);
    if (vpcId === undefined) return [];
    const routes = [...(localRoutes.get(vpcId) ?? []), ...(routesOf.get(table.id) ?? [])];
    return [{ id: table.id, source: table.source, vpcId, main: false, routes }];
  });
  const main = vpcs.map(
    (vpc): RouteTable => ({
      id: mainRouteTableId(vpc.id),
      source: vpc.source,
      vpcId: vpc.id,
      main: true,
      routes: localRoutes.get(vpc.id) ?? [],
    }),
  );
  return [...explicit, ...main, ...regionalNatRouteTables(gateways, localRoutes, routesOf)];
}

/**
 * The table a route goes in: an `AWS::EC2::RouteTable`, or the route table of a regional NAT gateway
 * (`Fn::GetAtt [NatGateway, RouteTableId]`).
 */
function routeTableReference(
  context: BuildContext,
  route: CfnElement,
  natGateways: readonly NatGateway[],
): ElementId | undefined {
  const value = route.prop('RouteTableId');
  if (value instanceof ResourceRef && value.attribute === 'RouteTableId') {
    const nat = natGateways.find((gateway) => gateway.id === value.elementId);
    if (nat?.placement.kind === 'regional') return nat.placement.routeTableId;
  }
  return context.link(route, 'RouteTableId', ROUTE_TABLE);
}

/**
 * The route table AWS creates for each regional NAT gateway: the VPC's local routes, the route to the internet
 * gateway it comes with (https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateways-regional.html: the gateway
 * needs no public subnet, its own table reaches the internet gateway; also
 * https://aws.amazon.com/blogs/networking-and-content-delivery/introducing-amazon-vpc-regional-nat-gateway/),
 * and the routes the templates add to it. A template route to `0.0.0.0/0` replaces the default one. Without an
 * internet gateway attached to the VPC, where that default route leads is unknown.
 */
function regionalNatRouteTables(
  { natGateways, internetGateways }: Gateways,
  localRoutes: ReadonlyMap<ElementId, readonly Route[]>,
  routesOf: ReadonlyMap<ElementId, readonly Route[]>,
): RouteTable[] {
  return natGateways.flatMap((nat): RouteTable[] => {
    const placement = nat.placement;
    if (placement.kind !== 'regional') return [];
    const added = routesOf.get(placement.routeTableId) ?? [];
    const gateway = internetGateways.find((candidate) => candidate.vpcId === placement.vpcId);
    const replacesDefault = added.some(
      (route) =>
        route.destination.kind === 'cidr' &&
        route.destination.cidr.known &&
        route.destination.cidr.value === DEFAULT_ROUTE,
    );
    const defaultRoute: Route = {
      destination: { kind: 'cidr', cidr: known(DEFAULT_ROUTE) },
      target: gateway
        ? { kind: 'internet-gateway', id: gateway.id }
        : {
            kind: 'unknown',
            reason: `regional NAT gateway ${nat.source.logicalId}'s route table routes to the internet gateway of its VPC, and the templates attach none to it`,
          },
      source: nat.source,
    };
    return [
      {
        id: placement.routeTableId,
        source: nat.source,
        vpcId: placement.vpcId,
        main: false,
        routes: [
          ...(localRoutes.get(placement.vpcId) ?? []),
          ...(replacesDefault ? [] : [defaultRoute]),
          ...added,
        ],
      },
    ];
  });
}

function routeDestination(route: CfnElement): RouteDestination | undefined {
  const cidr = route.prop('DestinationCidrBlock');
  if (cidr !== undefined)
    return { kind: 'cidr', cidr: str(cidr, `${route.source.logicalId}.DestinationCidrBlock`) };
  const prefixList = route.prop('DestinationPrefixListId');
  if (prefixList !== undefined) {
    return {
      kind: 'prefix-list',
      prefixListId: str(prefixList, `${route.source.logicalId}.DestinationPrefixListId`),
    };
  }
  return undefined; // IPv6 routes: Moat models IPv4 only.
}

const TARGET_PROPERTIES: readonly [string, (id: ElementId) => RouteTarget, string][] = [
  ['NatGatewayId', (id) => ({ kind: 'nat-gateway', id }), 'AWS::EC2::NatGateway'],
  ['TransitGatewayId', (id) => ({ kind: 'transit-gateway', id }), 'AWS::EC2::TransitGateway'],
  [
    'EgressOnlyInternetGatewayId',
    (id) => ({ kind: 'egress-only-internet-gateway', id }),
    'AWS::EC2::EgressOnlyInternetGateway',
  ],
];

function routeTarget(context: BuildContext, route: CfnElement): RouteTarget {
  const gateway = route.prop('GatewayId');
  if (gateway === 'local') return { kind: 'local' };
  if (gateway !== undefined) {
    const id = context.reference(gateway, INTERNET_GATEWAY, VIRTUAL_PRIVATE_GATEWAY);
    if (!id.known) return { kind: 'unknown', reason: `GatewayId: ${id.reason}` };
    return context.element(id.value)?.source.type === INTERNET_GATEWAY
      ? { kind: 'internet-gateway', id: id.value }
      : { kind: 'unknown', reason: 'virtual private gateways (VPN) are not modelled' };
  }
  for (const [property, make, type] of TARGET_PROPERTIES) {
    const value = route.prop(property);
    if (value === undefined) continue;
    const id = context.reference(value, type);
    return id.known ? make(id.value) : { kind: 'unknown', reason: `${property}: ${id.reason}` };
  }
  const endpoint = route.prop('VpcEndpointId');
  if (endpoint !== undefined) return endpointTarget(context, route, endpoint);
  if (route.prop('VpcPeeringConnectionId') !== undefined) {
    return {
      kind: 'vpc-peering',
      id: context.reference(route.prop('VpcPeeringConnectionId'), 'AWS::EC2::VPCPeeringConnection'),
    };
  }
  if (route.prop('NetworkInterfaceId') !== undefined) {
    return { kind: 'network-interface', id: context.reference(route.prop('NetworkInterfaceId')) };
  }
  if (route.prop('InstanceId') !== undefined) {
    return { kind: 'instance', id: context.reference(route.prop('InstanceId'), 'AWS::EC2::Instance') };
  }
  return { kind: 'unknown', reason: `${route.source.logicalId} names no target Moat knows` };
}

/**
 * A route's `VpcEndpointId` names a Gateway Load Balancer endpoint, the only kind of VPC endpoint a route can
 * target (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-route.html#cfn-ec2-route-vpcendpointid),
 * of which a Network Firewall endpoint is one. Moat ties it to an element it knows in two forms:
 *
 * - a firewall endpoint taken from `Fn::GetAtt [Firewall, EndpointIds]`, a list of `az:vpce-id` strings whose order
 *   AWS does not document
 *   (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-networkfirewall-firewall.html#aws-resource-networkfirewall-firewall-return-values).
 *   The resolver says which AZ's endpoint the expression yields in every order (cfn/endpoint-ids.ts); an expression
 *   that picks by position leaves the AZ unknown, and the trace may assume the one such templates assume: that of
 *   the subnet mapping at that position (NET026 reports the route);
 * - an `AWS::EC2::VPCEndpoint` of type `GatewayLoadBalancer`.
 *
 * Any other id (a parameter, a custom resource's attribute, a literal) is an endpoint the templates do not tie
 * to anything Moat can follow: the target is unknown, and says why.
 */
function endpointTarget(context: BuildContext, route: CfnElement, value: Value): RouteTarget {
  if (value instanceof FirewallEndpointRef) {
    const firewallId = `${value.stack}/${value.firewallLogicalId}`;
    // EndpointIds name each endpoint's AZ as the firewall's account names it: the key of its subnet there.
    const zoneKey = (name: string): string => context.zones.keyOfLiteral(name, value.stack);
    if (value.pick.kind === 'zone') {
      return {
        kind: 'firewall-endpoint',
        firewallId,
        availabilityZone: known(zoneKey(value.pick.availabilityZone)),
      };
    }
    return {
      kind: 'firewall-endpoint',
      firewallId,
      availabilityZone: unknown(
        `the route takes ${value.firewallLogicalId}'s endpoint by its position in EndpointIds, and AWS does not document the order of that list`,
      ),
      assumedAvailabilityZone: zoneKey(value.pick.assumedAvailabilityZone),
    };
  }
  const endpoint = context.reference(value, VPC_ENDPOINT);
  const type = endpoint.known ? context.element(endpoint.value)?.prop('VpcEndpointType') : undefined;
  if (endpoint.known && type === 'GatewayLoadBalancer') {
    return { kind: 'gateway-load-balancer-endpoint', id: endpoint.value };
  }
  const what = endpoint.known
    ? `${endpoint.value} is a VPC endpoint of type ${typeof type === 'string' ? type : 'Gateway'}, which a route cannot target`
    : endpoint.reason;
  return {
    kind: 'unknown',
    reason: `route ${route.source.logicalId} targets a VpcEndpointId that Moat cannot tie to a Network Firewall endpoint (Fn::GetAtt [Firewall, EndpointIds]) or a Gateway Load Balancer endpoint of the templates: ${what}`,
  };
}
