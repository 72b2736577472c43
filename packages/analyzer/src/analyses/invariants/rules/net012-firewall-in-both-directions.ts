import { parseCidr } from '../../../model/ip.js';
import type {
  Firewall,
  NetworkModel,
  Resolved,
  Route,
  RouteTable,
  Source,
  Subnet,
} from '../../../model/types.js';
import type { Finding } from '../../types.js';
import {
  defaultRouteOf,
  describeTarget,
  inspectedSpokeCidrs,
  partitionResolved,
  routeFor,
  routeTableOf,
  subnetById,
} from '../model-queries.js';
import { type Rule, undetermined, violation } from '../rule.js';

export const net012: Rule = {
  id: 'NET012',
  title: 'The inspection VPC routes through the firewall in both directions',
  rationale:
    'In a central inspection VPC, the subnets of the transit gateway attachment must send internet-bound ' +
    'traffic to a firewall endpoint, and the subnets of the NAT gateways must send replies for the spokes back ' +
    'through one. A subnet that skips the endpoint either lets egress out uninspected or returns replies around ' +
    'the firewall, which drops them as asymmetric. ' +
    'https://docs.aws.amazon.com/network-firewall/latest/developerguide/arch-two-zone-igw.html',
  severity: 'error',
  fix: "In each AZ, route 0.0.0.0/0 of the attachment subnets' table to that AZ's firewall endpoint, and route each spoke CIDR of the NAT subnets' table to the same endpoint.",
  check(model: NetworkModel): readonly Finding[] {
    return model.firewalls.flatMap((firewall) => {
      // A firewall VPC no spoke sends its internet-bound traffic to (one for ingress only, say) is no central
      // egress inspection VPC: nothing to mirror.
      const spokes = inspectedSpokeCidrs(model, firewall);
      if (spokes.length === 0) return [];
      return [
        ...attachmentSubnetsOf(model, firewall).flatMap((subnet) => checkEgress(model, firewall, subnet)),
        ...natReturnTablesOf(model, firewall).flatMap((nat) => checkReturn(firewall, nat, spokes)),
      ];
    });
  },
};

const attachmentSubnetsOf = (model: NetworkModel, firewall: Firewall): readonly Subnet[] =>
  model.transitGatewayAttachments
    .filter((attachment) => attachment.vpcId === firewall.vpcId)
    .flatMap((attachment) => attachment.subnetIds.flatMap((id) => subnetById(model, id) ?? []));

/** Where replies for the spokes leave a NAT gateway of the firewall's VPC: by a NAT subnet's table or its own. */
interface NatReturn {
  readonly source: Source;
  readonly what: string;
  readonly table: RouteTable | undefined;
  /** How to return the replies to one spoke CIDR through the firewall. */
  readonly fix: (cidr: string) => string;
}

function natReturnTablesOf(model: NetworkModel, firewall: Firewall): readonly NatReturn[] {
  return model.natGateways.flatMap((nat): NatReturn[] => {
    const placement = nat.placement;
    if (placement.kind === 'regional') {
      // Its one table serves every AZ (https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateways-regional.html).
      if (placement.vpcId !== firewall.vpcId) return [];
      const table = model.routeTables.find((candidate) => candidate.id === placement.routeTableId);
      return [
        {
          source: nat.source,
          what: 'the route table of this regional NAT gateway',
          table,
          fix: () =>
            'One route table serves every AZ, so it cannot return each reply to the endpoint of the AZ its request crossed: attach the firewall to the transit gateway, or use a zonal NAT gateway per AZ.',
        },
      ];
    }
    const subnet = subnetById(model, placement.subnetId);
    if (subnet === undefined || subnet.vpcId !== firewall.vpcId) return [];
    return [
      {
        source: subnet.source,
        what: 'this NAT gateway subnet',
        table: routeTableOf(model, subnet),
        fix: (cidr) => `Route ${cidr} to the firewall endpoint of this subnet's AZ.`,
      },
    ];
  });
}

const isEndpointOf = (firewall: Firewall, route: Route | undefined): boolean =>
  route?.target.kind === 'firewall-endpoint' && route.target.firewallId === firewall.id;

function checkEgress(model: NetworkModel, firewall: Firewall, subnet: Subnet): readonly Finding[] {
  const table = routeTableOf(model, subnet);
  const route = table === undefined ? undefined : defaultRouteOf(table);
  if (isEndpointOf(firewall, route)) return [];
  return [
    violation(
      net012,
      subnet.source,
      `this transit gateway attachment subnet ${found(table, route, '0.0.0.0/0')}, so egress from the spokes skips firewall ${firewall.id}. Route 0.0.0.0/0 to the firewall endpoint of this subnet's AZ.`,
    ),
  ];
}

function checkReturn(
  firewall: Firewall,
  { source, what, table, fix }: NatReturn,
  spokeCidrs: readonly Resolved<string>[],
): readonly Finding[] {
  const spokes = partitionResolved(spokeCidrs);
  const unresolved =
    spokes.unknownReason === undefined
      ? []
      : [undetermined(net012, source, `a spoke CIDR is unresolved (${spokes.unknownReason})`)];
  return [
    ...unresolved,
    ...spokes.known.flatMap((cidr) => {
      const range = parseCidr(cidr);
      const route = table === undefined || range === undefined ? undefined : routeFor(table, range);
      if (isEndpointOf(firewall, route)) return [];
      return [
        violation(
          net012,
          source,
          `${what} ${found(table, route, cidr)}, so replies to spoke ${cidr} return around firewall ${firewall.id}, which drops them as asymmetric. ${fix(cidr)}`,
        ),
      ];
    }),
  ];
}

function found(table: RouteTable | undefined, route: Route | undefined, destination: string): string {
  if (table === undefined) return 'has no route table';
  if (route === undefined) return `has no route for ${destination} in route table ${table.id}`;
  return `sends ${destination} to ${describeTarget(route.target)} (route table ${table.id})`;
}
