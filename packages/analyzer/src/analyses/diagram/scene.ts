import type {
  ElementId,
  LoadBalancer,
  NetworkModel,
  Resolved,
  Source,
  Subnet,
  Vpc,
} from '../../model/types.js';
import { groupStacksByAccount } from './accounts.js';
import { displayName, subnetName, withoutPrefix } from './names.js';

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
  readonly ref: string;
  readonly availabilityZone: string;
}

export type BoxKind =
  | 'internet'
  | 'internet-gateway'
  | 'gateway-endpoint'
  | 'transit-gateway'
  | 'api'
  | 'web-acl';

/** A resource drawn as a node of its own, outside any subnet. */
export interface Box {
  readonly kind: BoxKind;
  readonly node: string;
  readonly title: string;
  readonly detail: string;
}

/** Public subnets face the internet, firewall and transit subnets sit between, private ones hold workloads. */
export type SubnetTier = 'public' | 'firewall' | 'transit' | 'private';

export interface SubnetBox {
  readonly cluster: string;
  /** The node that names the subnet; it also keeps a subnet without resources drawn. */
  readonly header: string;
  readonly name: string;
  readonly cidr: string;
  readonly tier: SubnetTier;
  readonly cells: readonly Cell[];
}

export interface AzColumn {
  readonly availabilityZone: string;
  /** The node that names the AZ, on top of the column. */
  readonly header: string;
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
  /** The node that names the VPC and its CIDRs. */
  readonly header: string;
  readonly name: string;
  readonly cidrs: readonly string[];
  readonly placement: VpcPlacement;
  readonly internetGateway?: Box;
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
  /** Web ACL → the API it protects: traffic meets the ACL first. */
  readonly protects: readonly { readonly webAcl: string; readonly api: string }[];
  readonly placements: ReadonlyMap<ElementId, Placement>;
  /** What a person calls each element: its construct id, else its logical id. */
  readonly names: ReadonlyMap<ElementId, string>;
}

const text = (value: Resolved<string>, fallback: string): string => (value.known ? value.value : fallback);

const byId = <T extends { readonly id: string }>(items: readonly T[]): T[] =>
  [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const unresolvedAz = 'AZ not resolved';

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
  edge: ['public', 'firewall', 'transit', 'private'],
  inner: ['transit', 'firewall', 'private', 'public'],
};

const loadBalancerTitle = (lb: LoadBalancer): string =>
  `${lb.kind === 'application' ? 'ALB' : 'NLB'} (${lb.scheme})`;

interface PendingCell {
  readonly elementId: ElementId;
  readonly kind: CellKind;
  readonly title: string;
  readonly detail: string;
}

/** Builds the scene; deterministic because every list is walked in id order and node names are counted. */
export const buildScene = (model: NetworkModel): Scene => {
  let counter = 0;
  const nodeName = (prefix: string): string => `${prefix}${++counter}`;
  const names = new Map<ElementId, string>();
  const placements = new Map<ElementId, Placement>();
  const cellsOf = new Map<ElementId, Cell[]>();

  const name = (element: { readonly id: ElementId; readonly source: Source }): string => {
    const found = displayName(element.source);
    names.set(element.id, found);
    return found;
  };

  // Resources with an ENI in a subnet, collected per subnet before the subnets are laid out.
  const pending = new Map<ElementId, PendingCell[]>();
  const addCell = (subnetId: ElementId, cell: PendingCell): void => {
    pending.set(subnetId, [...(pending.get(subnetId) ?? []), cell]);
  };
  for (const lb of byId(model.loadBalancers)) {
    for (const subnetId of lb.subnetIds) {
      const ip = lb.privateIpsBySubnet[subnetId];
      const detail = ip?.known ? `${name(lb)} ${ip.value}` : name(lb);
      addCell(subnetId, { elementId: lb.id, kind: 'load-balancer', title: loadBalancerTitle(lb), detail });
    }
  }
  for (const link of byId(model.vpcLinks)) {
    for (const subnetId of link.subnetIds) {
      addCell(subnetId, { elementId: link.id, kind: 'vpc-link', title: 'VPC link ENI', detail: name(link) });
    }
  }
  for (const nat of byId(model.natGateways)) {
    addCell(nat.subnetId, {
      elementId: nat.id,
      kind: 'nat-gateway',
      title: 'NAT gateway',
      detail: name(nat),
    });
  }
  for (const firewall of byId(model.firewalls)) {
    for (const subnetId of firewall.subnetIds) {
      addCell(subnetId, {
        elementId: firewall.id,
        kind: 'firewall-endpoint',
        title: 'Firewall endpoint',
        detail: name(firewall),
      });
    }
  }
  for (const instance of byId(model.instances)) {
    const detail = instance.publicIp ? `${name(instance)} (public IP)` : name(instance);
    addCell(instance.subnetId, { elementId: instance.id, kind: 'instance', title: 'EC2 instance', detail });
  }
  for (const service of byId(model.ecsServices)) {
    const title = service.launchType === 'FARGATE' ? 'Fargate tasks' : 'ECS tasks';
    for (const subnetId of service.subnetIds) {
      addCell(subnetId, { elementId: service.id, kind: 'task', title, detail: name(service) });
    }
  }
  for (const endpoint of byId(model.vpcEndpoints).filter((e) => e.kind !== 'Gateway')) {
    for (const subnetId of endpoint.subnetIds) {
      addCell(subnetId, {
        elementId: endpoint.id,
        kind: 'interface-endpoint',
        title: 'Endpoint',
        detail: text(endpoint.service, name(endpoint)),
      });
    }
  }
  for (const attachment of byId(model.transitGatewayAttachments)) {
    for (const subnetId of attachment.subnetIds) {
      addCell(subnetId, {
        elementId: attachment.id,
        kind: 'tgw-eni',
        title: 'TGW ENI',
        detail: name(attachment),
      });
    }
  }

  const subnetsOf = (vpc: Vpc): Subnet[] => byId(model.subnets).filter((s) => s.vpcId === vpc.id);
  const routesToInternet = (subnet: Subnet): boolean => {
    const table =
      model.routeTables.find((t) => t.id === subnet.routeTableId) ??
      model.routeTables.find((t) => t.main && t.vpcId === subnet.vpcId);
    return (table?.routes ?? []).some((route) => route.target.kind === 'internet-gateway');
  };
  const tierOf = (subnet: Subnet, cells: readonly PendingCell[]): SubnetTier => {
    if (cells.some((c) => c.kind === 'firewall-endpoint')) return 'firewall';
    if (routesToInternet(subnet) || subnet.mapPublicIpOnLaunch) return 'public';
    if (cells.length > 0 && cells.every((c) => c.kind === 'tgw-eni')) return 'transit';
    return 'private';
  };

  const attachments: AttachmentLink[] = [];
  const tgwNodes = new Map<ElementId, string>();
  for (const tgw of byId(model.transitGateways)) tgwNodes.set(tgw.id, nodeName('tgw'));
  const attachmentGateways = new Map(
    model.transitGatewayAttachments.flatMap((a) => {
      const node = tgwNodes.get(a.transitGatewayId);
      return node ? [[a.id, node] as const] : [];
    }),
  );

  const layoutVpc = (vpc: Vpc): VpcBox => {
    const igw = byId(model.internetGateways).find((g) => g.vpcId === vpc.id);
    const placement: VpcPlacement = igw ? 'edge' : 'inner';
    const cluster = nodeName('cluster_vpc');
    const vpcName = name(vpc);
    const internetGateway: Box | undefined = igw && {
      kind: 'internet-gateway',
      node: nodeName('igw'),
      title: 'Internet gateway',
      detail: name(igw),
    };
    if (igw && internetGateway) placements.set(igw.id, { kind: 'box', ref: internetGateway.node });

    const columns = new Map<string, SubnetBox[]>();
    for (const subnet of subnetsOf(vpc)) {
      const cluster = nodeName('cluster_subnet');
      const availabilityZone = text(subnet.availabilityZone, unresolvedAz);
      const found = pending.get(subnet.id) ?? [];
      // The attachment ENI sits on the side facing the transit gateway: last in edge VPCs, first in inner ones.
      const order = (kind: CellKind): number =>
        placement === 'inner' && kind === 'tgw-eni' ? -1 : cellOrder.indexOf(kind);
      const ordered = [...found].sort((x, y) => order(x.kind) - order(y.kind));
      const cells = ordered.map((cell): Cell => {
        // CDK names a VPC's NAT gateways after their subnets, under the VPC's own name.
        const detail = cell.kind === 'nat-gateway' ? withoutPrefix(cell.detail, vpcName) : cell.detail;
        const placed: Cell = { ...cell, detail, ref: nodeName('cell'), availabilityZone };
        cellsOf.set(cell.elementId, [...(cellsOf.get(cell.elementId) ?? []), placed]);
        return placed;
      });
      names.set(subnet.id, subnetName(subnet.source, vpcName));
      placements.set(subnet.id, { kind: 'subnet', tgwEnis: cells.filter((c) => c.kind === 'tgw-eni') });
      const box: SubnetBox = {
        cluster,
        header: `${cluster}_header`,
        name: subnetName(subnet.source, vpcName),
        cidr: text(subnet.cidr, 'CIDR not resolved'),
        tier: tierOf(subnet, found),
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
          detail: text(endpoint.service, name(endpoint)),
        };
        placements.set(endpoint.id, { kind: 'box', ref: box.node });
        return box;
      });
    return {
      cluster,
      header: `${cluster}_header`,
      name: vpcName,
      cidrs: vpc.cidrs.map((cidr) => text(cidr, 'CIDR not resolved')),
      placement,
      ...(internetGateway ? { internetGateway } : {}),
      gatewayEndpoints,
      columns: [...columns.entries()]
        .sort(([a], [b]) => compare(a, b))
        .map(([availabilityZone, subnets]) => ({
          availabilityZone,
          header: nodeName('az'),
          subnets: [...subnets].sort((a, b) => tiers.indexOf(a.tier) - tiers.indexOf(b.tier)),
        })),
    };
  };

  const regionalBoxes = (stacks: ReadonlySet<string>): Box[] => {
    const boxes: Box[] = [];
    for (const tgw of byId(model.transitGateways).filter((t) => stacks.has(t.source.stack))) {
      const node = tgwNodes.get(tgw.id) ?? nodeName('tgw');
      boxes.push({ kind: 'transit-gateway', node, title: 'Transit gateway', detail: name(tgw) });
      placements.set(tgw.id, { kind: 'box', ref: node });
    }
    for (const table of model.transitGatewayRouteTables) {
      const node = tgwNodes.get(table.transitGatewayId);
      if (node) placements.set(table.id, { kind: 'box', ref: node });
    }
    for (const acl of byId(model.webAcls).filter((w) => stacks.has(w.source.stack))) {
      const node = nodeName('waf');
      const detail = `${name(acl)}: ${acl.rules.length} rules, default ${acl.defaultAction}`;
      boxes.push({ kind: 'web-acl', node, title: 'AWS WAF web ACL', detail });
      placements.set(acl.id, { kind: 'box', ref: node });
    }
    for (const api of byId(model.restApis).filter((a) => stacks.has(a.source.stack))) {
      const node = nodeName('api');
      const stages = api.stages.map((stage) => stage.stageName).join(', ');
      const detail = stages ? `${name(api)}, stage ${stages}` : name(api);
      boxes.push({ kind: 'api', node, title: `API Gateway (${api.endpointType})`, detail });
      placements.set(api.id, { kind: 'box', ref: node });
      for (const stage of api.stages) {
        placements.set(stage.id, { kind: 'box', ref: node });
        names.set(stage.id, `${name(api)} stage ${stage.stageName}`);
      }
    }
    return boxes;
  };

  // Ingress on the left, as in the guide: traffic is read left to right, in and then out.
  const servesIngress = (vpc: Vpc): boolean =>
    model.loadBalancers.some((lb) =>
      lb.subnetIds.some((id) => model.subnets.some((s) => s.id === id && s.vpcId === vpc.id)),
    );
  const drawnStacks = [...model.vpcs, ...model.transitGateways, ...model.restApis, ...model.webAcls].map(
    (element) => element.source.stack,
  );
  const accounts = groupStacksByAccount(model.stacks, drawnStacks).map((group): AccountBox => {
    const cluster = nodeName('cluster_account');
    const vpcs = byId(model.vpcs)
      .filter((vpc) => group.stacks.has(vpc.source.stack))
      .sort((a, b) => Number(servesIngress(b)) - Number(servesIngress(a)))
      .map(layoutVpc);
    return { cluster, label: group.label, vpcs, regional: regionalBoxes(group.stacks) };
  });

  for (const [elementId, cells] of cellsOf) {
    const transitGateway = attachmentGateways.get(elementId);
    placements.set(
      elementId,
      transitGateway ? { kind: 'attachment', transitGateway, cells } : { kind: 'cells', cells },
    );
  }
  for (const lb of model.loadBalancers) {
    const placed = placements.get(lb.id);
    for (const listener of lb.listeners) if (placed) placements.set(listener.id, placed);
  }

  const protects = model.webAcls.flatMap((acl) => {
    const webAcl = placements.get(acl.id);
    return acl.associatedIds.flatMap((id) => {
      const api = placements.get(id);
      const isApi = model.restApis.some((a) => a.id === id || a.stages.some((s) => s.id === id));
      return webAcl?.kind === 'box' && api?.kind === 'box' && isApi
        ? [{ webAcl: webAcl.ref, api: api.ref }]
        : [];
    });
  });

  return {
    internet: { kind: 'internet', node: 'internet', title: 'Internet', detail: '' },
    accounts,
    attachments,
    protects,
    placements,
    names,
  };
};
