import { parseCidr } from '../../../model/ip.js';
import type {
  InternetGateway,
  NetworkModel,
  Route,
  RouteTable,
  RouteTarget,
  Subnet,
} from '../../../model/types.js';
import { indexModel } from '../../trace/model-index.js';
import type { Finding } from '../../types.js';
import { defaultRouteOf, describeTarget, routeFor, routeTableOf, subnetsOf } from '../model-queries.js';
import { type Rule, undetermined, violation } from '../rule.js';

export const net030: Rule = {
  id: 'NET030',
  title: "The internet gateway's route table mirrors the firewall routes of the public subnets",
  rationale:
    'In the distributed firewall model, a subnet whose interfaces have public IPs sends 0.0.0.0/0 to the firewall ' +
    "endpoint of its AZ, and the internet gateway's route table (edge association) sends that subnet's CIDR to the " +
    'same endpoint. If either side is missing or names another endpoint, one direction of every internet flow of the ' +
    'subnet goes around the endpoint the other crosses, and Network Firewall drops what it sees one way only. ' +
    'https://docs.aws.amazon.com/network-firewall/latest/developerguide/arch-two-zone-igw.html ' +
    'https://docs.aws.amazon.com/vpc/latest/userguide/gateway-route-tables.html',
  severity: 'error',
  fix: "Route the subnet's CIDR, in the internet gateway's route table (AWS::EC2::GatewayRouteTableAssociation), to the firewall endpoint the subnet's 0.0.0.0/0 route uses: the endpoint of the subnet's AZ.",
  check(model: NetworkModel): readonly Finding[] {
    const index = indexModel(model);
    const publicSubnets = new Set(subnetsWithPublicAddresses(model));
    return model.internetGateways.flatMap((gateway) => {
      if (gateway.vpcId === undefined) return [];
      const edge =
        gateway.routeTableId === undefined ? undefined : index.routeTables.get(gateway.routeTableId);
      return subnetsOf(model, gateway.vpcId)
        .filter((subnet) => publicSubnets.has(subnet.id))
        .flatMap((subnet) => checkSubnet(model, gateway, edge, subnet));
    });
  },
};

/** Subnets where something has a public IPv4 address the internet gateway maps: what the internet can answer. */
function subnetsWithPublicAddresses(model: NetworkModel): readonly string[] {
  return [
    ...model.subnets.filter((subnet) => subnet.mapPublicIpOnLaunch).map((subnet) => subnet.id),
    ...model.instances.filter((instance) => instance.publicIp).map((instance) => instance.subnetId),
    ...model.ecsServices.filter((service) => service.assignPublicIp).flatMap((service) => service.subnetIds),
    ...model.loadBalancers
      .filter((balancer) => balancer.scheme === 'internet-facing')
      .flatMap((balancer) => balancer.subnetIds),
    // A regional NAT gateway has no subnet: the internet gateway delivers its replies to it, not through a subnet.
    ...model.natGateways.flatMap((nat) =>
      nat.connectivity === 'public' && nat.placement.kind === 'zonal' ? [nat.placement.subnetId] : [],
    ),
  ];
}

function checkSubnet(
  model: NetworkModel,
  gateway: InternetGateway,
  edge: RouteTable | undefined,
  subnet: Subnet,
): readonly Finding[] {
  const table = routeTableOf(model, subnet);
  const outbound = table === undefined ? undefined : defaultRouteOf(table);
  const range = subnet.cidr.known ? parseCidr(subnet.cidr.value) : undefined;
  const inbound = edge === undefined || range === undefined ? undefined : routeFor(edge, range);
  const outboundEndpoint = endpointOf(outbound?.target);
  const inboundEndpoint = endpointOf(inbound?.target);
  // Without a default route nothing of the subnet reaches the internet: its flows fail by routing, not asymmetry.
  if (outbound === undefined || (outboundEndpoint === undefined && inboundEndpoint === undefined)) return [];
  if (range === undefined) {
    return [undetermined(net030, subnet.source, `its CIDR is unresolved`)];
  }
  if (outboundEndpoint === UNDECIDABLE || inboundEndpoint === UNDECIDABLE) {
    return [
      undetermined(
        net030,
        subnet.source,
        'a route it depends on leads to a target the templates do not determine, or to a firewall endpoint whose AZ is unknown',
      ),
    ];
  }
  if (outboundEndpoint === inboundEndpoint) return [];
  const cidr = range.text;
  const inboundText =
    edge === undefined
      ? `internet gateway ${gateway.id} has no gateway route table, so the VPC's local route delivers inbound traffic for ${cidr}`
      : `the route table of internet gateway ${gateway.id} (${edge.id}) sends ${cidr} to ${describe(inbound)}`;
  const outboundText = `its route table ${table?.id ?? '(none)'} sends 0.0.0.0/0 to ${describe(outbound)}`;
  return [
    violation(
      net030,
      subnet.source,
      `this subnet has public IPs; ${outboundText}, but ${inboundText}: the replies of one direction go around the firewall endpoint the other crosses, and Network Firewall drops them as asymmetric. Route ${cidr} in the internet gateway's route table and 0.0.0.0/0 of the subnet to the same firewall endpoint.`,
    ),
  ];
}

const UNDECIDABLE = 'undecidable';

/**
 * A firewall endpoint as `firewall@AZ`, its AZ known or assumed (picked by position in `EndpointIds`); a target
 * the templates do not determine (which may be an endpoint) as UNDECIDABLE; anything else, undefined.
 */
function endpointOf(target: RouteTarget | undefined): string | undefined {
  if (target?.kind === 'unknown') return UNDECIDABLE;
  if (target?.kind !== 'firewall-endpoint') return undefined;
  const zone = target.availabilityZone.known ? target.availabilityZone.value : target.assumedAvailabilityZone;
  return zone === undefined ? UNDECIDABLE : `${target.firewallId}@${zone}`;
}

const describe = (route: Route | undefined): string => {
  if (route === undefined) return 'nothing';
  if (route.target.kind === 'local') return "the VPC's local route";
  return `${describeTarget(route.target)} (route ${route.source.logicalId})`;
};
