import type { ElementId, InternetGateway, RouteTable, RouteTarget, Vpc } from '../../../model/types.js';
import type { Hop, Step } from '../../types.js';
import { describeAddress } from '../address.js';
import { ended, stopped } from '../core/hops.js';
import type { Departed, Departure, Forwarding, Goal, Packet, Session } from '../core/types.js';
import type { ModelIndex } from '../model-index.js';
import { lookupRoute } from '../routing.js';
import { describeTarget, leaveSubnet } from './subnet.js';

/**
 * The internet gateway: a route to it carries a packet to the internet, its source translated to the public IP
 * mapped to it; a packet from the internet enters the VPC by it, and its route table (if it has one) picks
 * where the packet goes first.
 */

/** A route to the internet gateway: the packet leaves for the internet, if its source can be translated. */
export function forwardToInternetGateway(departure: Departure, gatewayId: ElementId): Forwarding {
  const { index, vpcId, packet, goal, session, hops, route } = departure;
  const gateway = index.internetGatewayByVpc.get(vpcId);
  if (gateway === undefined || gateway.id !== gatewayId) {
    return stopped(
      hops,
      'NO_ROUTE',
      `the internet gateway of route ${route.source.logicalId} is not attached to this VPC`,
    );
  }
  if (goal.kind !== 'public' || packet.destination.kind !== 'public') {
    return stopped(
      hops,
      'NO_ROUTE',
      `${describeAddress(packet.destination)} is a private address; the internet does not route it`,
    );
  }
  const left = leaveSubnet(departure);
  if (left !== undefined) return left;
  const publicIp =
    packet.source.kind === 'public'
      ? describeAddress(packet.source)
      : packet.sourcePublicIp?.vpcId === vpcId
        ? packet.sourcePublicIp.label
        : undefined;
  if (publicIp === undefined) {
    const why = untranslatable(packet, session, gateway);
    hops.push({
      kind: 'internet gateway',
      node: gateway.source,
      steps: [{ action: 'drop', detail: why.step }],
    });
    return stopped(hops, 'NO_ROUTE', why.reason);
  }
  hops.push({
    kind: 'internet gateway',
    node: gateway.source,
    steps: [{ action: 'forward', detail: '→ internet' }],
  });
  return ended({ disposition: 'ACCEPTED', hops, exit: { kind: 'internet-gateway', gateway, publicIp } });
}

/**
 * Why the internet gateway cannot translate the source. It translates only the private addresses of its own
 * VPC that have a public IPv4 address or an Elastic IP
 * (https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html), and it drops what a private NAT
 * gateway translated (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html). A firewall or
 * Gateway Load Balancer endpoint on the way keeps the source, so it is the sender's public IP that counts, not the
 * endpoint's.
 */
function untranslatable(
  packet: Packet,
  session: Session,
  gateway: InternetGateway,
): { readonly step: string; readonly reason: string } {
  const source = describeAddress(packet.source);
  const nat = session.translations.at(-1)?.nat;
  if (nat?.connectivity === 'private') {
    return {
      step: `${source} is the private IP of private NAT gateway ${nat.source.logicalId}`,
      reason: `private NAT gateway ${nat.source.logicalId} translated the source to its private IP, and internet gateway ${gateway.source.logicalId} drops traffic from a private NAT gateway; use a public NAT gateway`,
    };
  }
  if (packet.sourcePublicIp !== undefined) {
    return {
      step: `the ${packet.sourcePublicIp.label} belongs to another VPC`,
      reason: `the ${packet.sourcePublicIp.label} belongs to ${packet.sourcePublicIp.vpcId}, and internet gateway ${gateway.source.logicalId} translates only addresses of its own VPC; route the traffic through a NAT gateway of this VPC`,
    };
  }
  return {
    step: `${source} has no public IP to translate to`,
    reason: `${source} has no public IP, so internet gateway ${gateway.source.logicalId} cannot carry its traffic; route it through a NAT gateway`,
  };
}

/** What a VPC routes without a gateway route table: its local route for each of its CIDRs. */
const localRoutes = (vpc: Vpc): RouteTable => ({
  id: vpc.id,
  source: vpc.source,
  vpcId: vpc.id,
  main: false,
  routes: vpc.cidrs.map((cidr) => ({
    destination: { kind: 'cidr', cidr },
    target: { kind: 'local' },
    source: vpc.source,
  })),
});

/** What a gateway route table may route to; anything else AWS refuses to associate with the gateway. */
const EDGE_TARGETS: ReadonlySet<RouteTarget['kind']> = new Set([
  'local',
  'firewall-endpoint',
  'gateway-load-balancer-endpoint',
  'network-interface',
  'blackhole',
  'unknown',
]);

/**
 * A packet from the internet, addressed to the public IP of an interface in the VPC, enters by the internet
 * gateway, which translates the destination to that interface's private address (`packet.destination`). A
 * gateway route table associated with the gateway routes it first, so an edge route can send a subnet's CIDR to
 * a firewall or Gateway Load Balancer endpoint before it reaches the subnet; without one, the VPC's local route
 * delivers it. Its hop is the gateway's, opened with `arrival`.
 * https://docs.aws.amazon.com/vpc/latest/userguide/gateway-route-tables.html
 */
export function departFromInternetGateway(
  index: ModelIndex,
  gateway: InternetGateway,
  arrival: Step,
  packet: Packet,
  goal: Goal,
  session: Session,
  hops: Hop[],
): Departed {
  const steps: Step[] = [arrival];
  hops.push({ kind: 'internet gateway', node: gateway.source, steps });
  const vpcId = gateway.vpcId;
  if (vpcId === undefined)
    return stopped(hops, 'NO_ROUTE', `internet gateway ${gateway.source.logicalId} is attached to no VPC`);
  const depart = (route: Departure['route']): Departed => ({
    kind: 'depart',
    departure: { index, vpcId, packet, goal, session, route, steps, hops },
  });
  const table = gateway.routeTableId === undefined ? undefined : index.routeTables.get(gateway.routeTableId);
  const vpc = index.vpcs.get(vpcId);
  const lookup =
    table !== undefined
      ? lookupRoute(index, table, packet.destination)
      : vpc !== undefined
        ? lookupRoute(index, localRoutes(vpc), packet.destination)
        : ({ kind: 'none' } as const);
  if (lookup.kind === 'unknown') return stopped(hops, 'UNKNOWN', lookup.reason);
  if (lookup.kind === 'none') {
    return stopped(
      hops,
      'NO_ROUTE',
      table === undefined
        ? `${describeAddress(packet.destination)} is not in the VPC of internet gateway ${gateway.source.logicalId}`
        : `gateway route table ${table.source.logicalId} of ${gateway.source.logicalId} has no route to ${describeAddress(packet.destination)}`,
    );
  }
  const { route, destination } = lookup;
  if (table === undefined) return depart(route);
  steps.push({
    action: 'route',
    detail: `${destination} → ${describeTarget(index, route.target)} (${table.source.logicalId})`,
    source: route.source,
  });
  if (!EDGE_TARGETS.has(route.target.kind)) {
    return stopped(
      hops,
      'UNKNOWN',
      `route ${route.source.logicalId} of gateway route table ${table.source.logicalId} sends the packet to ${describeTarget(index, route.target)}, but a gateway route table routes only to local, a Gateway Load Balancer (or firewall) endpoint or a network interface: AWS refuses to associate it with ${gateway.source.logicalId}`,
    );
  }
  return depart(route);
}
