import type { ElementId, NetworkModel, Subnet, Vpc } from '../../model/types.js';
import { subnetName, withoutPrefix } from './names.js';
import { byId, locationOf, nameOf, resolvedOr, type SceneContext, unresolvedAz } from './scene-context.js';
import type {
  AttachmentLink,
  Box,
  Cell,
  CellKind,
  SubnetBox,
  SubnetTier,
  VpcBox,
  VpcPlacement,
} from './scene-types.js';
import type { PendingCell } from './subnet-cells.js';

/** A VPC's box, and what the rest of the scene needs from what was laid out in it. */
export interface VpcLayout {
  readonly box: VpcBox;
  /** Its cells in the order they were named, each resource's by subnet id order. */
  readonly cells: readonly Cell[];
  /** Its transit gateway attachment ENIs, each joined to its gateway. */
  readonly attachments: readonly AttachmentLink[];
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const cellOrder: readonly CellKind[] = [
  'load-balancer',
  'vpc-link',
  'nat-gateway',
  'firewall-endpoint',
  'instance',
  'task',
  'interface-endpoint',
  'tgw-eni',
];

const tierOrder: Readonly<Record<VpcPlacement, readonly SubnetTier[]>> = {
  // Transit last in VPCs above the gateway and first in those below it: attachment lines stay short.
  edge: ['public', 'firewall', 'private', 'transit'],
  inner: ['transit', 'firewall', 'private', 'public'],
};

const routesToInternet = (model: NetworkModel, subnet: Subnet): boolean => {
  const table =
    model.routeTables.find((t) => t.id === subnet.routeTableId) ??
    model.routeTables.find((t) => t.main && t.vpcId === subnet.vpcId);
  return (table?.routes ?? []).some((route) => route.target.kind === 'internet-gateway');
};

const tierOf = (model: NetworkModel, subnet: Subnet, cells: readonly PendingCell[]): SubnetTier => {
  if (cells.some((c) => c.kind === 'firewall-endpoint')) return 'firewall';
  if (routesToInternet(model, subnet) || subnet.mapPublicIpOnLaunch) return 'public';
  if (cells.length > 0 && cells.every((c) => c.kind === 'tgw-eni')) return 'transit';
  return 'private';
};

/**
 * A VPC's box: its internet gateway, regional NAT gateways and gateway endpoints, and one column per
 * Availability Zone of its subnets, each holding its cells. Node names are taken in that order.
 */
export const layoutVpc = (
  context: SceneContext,
  pending: ReadonlyMap<ElementId, readonly PendingCell[]>,
  vpc: Vpc,
): VpcLayout => {
  const { model, nodeName, placements, attachmentGateways } = context;
  const igw = byId(model.internetGateways).find((g) => g.vpcId === vpc.id);
  const placement: VpcPlacement = igw ? 'edge' : 'inner';
  const cluster = nodeName('cluster_vpc');
  const vpcName = nameOf(vpc);
  // Inside the VPC's box its resources need not repeat its name: `EgressVpc/PublicSubnet1/NATGateway`.
  const inVpc = (fullName: string): string => withoutPrefix(fullName, `${vpcName}/`);
  const internetGateway: Box | undefined = igw && {
    kind: 'internet-gateway',
    node: nodeName('igw'),
    title: 'Internet gateway',
    detail: inVpc(nameOf(igw)),
    location: locationOf(igw),
  };
  if (igw && internetGateway) placements.set(igw.id, { kind: 'box', ref: internetGateway.node });
  const regionalNatGateways = byId(model.natGateways)
    .filter((nat) => nat.placement.kind === 'regional' && nat.placement.vpcId === vpc.id)
    .map((nat): Box => {
      const box: Box = {
        kind: 'regional-nat-gateway',
        node: nodeName('rnat'),
        title: 'Regional NAT gateway',
        detail: inVpc(nameOf(nat)),
        location: locationOf(nat),
      };
      placements.set(nat.id, { kind: 'box', ref: box.node });
      return box;
    });

  const allCells: Cell[] = [];
  const attachments: AttachmentLink[] = [];
  const columns = new Map<string, SubnetBox[]>();
  for (const subnet of byId(model.subnets).filter((s) => s.vpcId === vpc.id)) {
    const cluster = nodeName('cluster_subnet');
    const availabilityZone = resolvedOr(subnet.availabilityZone, unresolvedAz);
    const found = pending.get(subnet.id) ?? [];
    // The attachment ENI sits on the side facing the transit gateway: last in edge VPCs, first in inner ones.
    const order = (kind: CellKind): number =>
      placement === 'inner' && kind === 'tgw-eni' ? -1 : cellOrder.indexOf(kind);
    const ordered = [...found].sort((x, y) => order(x.kind) - order(y.kind));
    const cells = ordered.map(
      (cell): Cell => ({ ...cell, detail: inVpc(cell.detail), ref: nodeName('cell'), availabilityZone }),
    );
    allCells.push(...cells);
    placements.set(subnet.id, { kind: 'subnet', tgwEnis: cells.filter((c) => c.kind === 'tgw-eni') });
    const box: SubnetBox = {
      cluster,
      placeholder: `${cluster}_placeholder`,
      name: subnetName(subnet.source, vpcName),
      cidr: resolvedOr(subnet.cidr, 'CIDR not resolved'),
      tier: tierOf(model, subnet, found),
      cells,
    };
    columns.set(availabilityZone, [...(columns.get(availabilityZone) ?? []), box]);
    for (const cell of cells.filter((c) => c.kind === 'tgw-eni')) {
      const transitGateway = attachmentGateways.get(cell.elementId);
      if (transitGateway) attachments.push({ transitGateway, eni: cell, placement });
    }
  }
  const tiers = tierOrder[placement];
  const gatewayEndpoints = byId(model.vpcEndpoints)
    .filter((e) => e.kind === 'Gateway' && e.vpcId === vpc.id)
    .map((endpoint): Box => {
      const box: Box = {
        kind: 'gateway-endpoint',
        node: nodeName('gwe'),
        title: 'Gateway endpoint',
        detail: resolvedOr(endpoint.service, nameOf(endpoint)),
        location: locationOf(endpoint),
      };
      placements.set(endpoint.id, { kind: 'box', ref: box.node });
      return box;
    });
  const box: VpcBox = {
    cluster,
    name: vpcName,
    cidrs: vpc.cidrs.map((cidr) => resolvedOr(cidr, 'CIDR not resolved')),
    placement,
    ...(internetGateway ? { internetGateway } : {}),
    regionalNatGateways,
    gatewayEndpoints,
    columns: [...columns.entries()]
      .sort(([a], [b]) => compare(a, b))
      .map(([availabilityZone, subnets]) => ({
        availabilityZone,
        subnets: [...subnets].sort((a, b) => tiers.indexOf(a.tier) - tiers.indexOf(b.tier)),
      })),
  };
  return { box, cells: allCells, attachments };
};
