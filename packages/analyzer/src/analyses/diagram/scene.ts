import type {
  ElementId,
  LoadBalancer,
  NetworkModel,
  Resolved,
  Source,
  Subnet,
  Vpc,
} from '../../model/types.js';
import { displayName, sourceLocation } from '../names.js';
import { groupStacksByAccount } from './accounts.js';
import { subnetName, withoutPrefix } from './names.js';

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
  // Transit last in VPCs above the gateway and first in those below it: attachment lines stay short.
  edge: ['public', 'firewall', 'private', 'transit'],
  inner: ['transit', 'firewall', 'private', 'public'],
};

const loadBalancerTitle = (lb: LoadBalancer): string =>
  `${lb.kind === 'application' ? 'ALB' : 'NLB'} (${lb.scheme})`;

interface PendingCell {
  readonly elementId: ElementId;
  readonly kind: CellKind;
  readonly title: string;
  readonly detail: string;
  readonly location: string;
}

/** Builds the scene; deterministic because every list is walked in id order and node names are counted. */
export const buildScene = (model: NetworkModel): Scene => {
  let counter = 0;
  const nodeName = (prefix: string): string => `${prefix}${++counter}`;
  const placements = new Map<ElementId, Placement>();
  const cellsOf = new Map<ElementId, Cell[]>();

  const name = (element: { readonly source: Source }): string => displayName(element.source);
  const at = (element: { readonly source: Source }): string => sourceLocation(element.source);

  // Resources with an ENI in a subnet, collected per subnet before the subnets are laid out.
  const pending = new Map<ElementId, PendingCell[]>();
  const addCell = (
    subnetId: ElementId,
    element: { readonly id: ElementId; readonly source: Source },
    cell: Omit<PendingCell, 'elementId' | 'location'>,
  ): void => {
    const placed: PendingCell = { ...cell, elementId: element.id, location: at(element) };
    pending.set(subnetId, [...(pending.get(subnetId) ?? []), placed]);
  };
  for (const lb of byId(model.loadBalancers)) {
    for (const subnetId of lb.subnetIds) {
      const ip = lb.privateIpsBySubnet[subnetId];
      const detail = ip?.known ? `${name(lb)} ${ip.value}` : name(lb);
      addCell(subnetId, lb, { kind: 'load-balancer', title: loadBalancerTitle(lb), detail });
    }
  }
  for (const link of byId(model.vpcLinks)) {
    for (const subnetId of link.subnetIds) {
      addCell(subnetId, link, { kind: 'vpc-link', title: 'VPC link ENI', detail: name(link) });
    }
  }
  for (const nat of byId(model.natGateways)) {
    if (nat.placement.kind === 'zonal')
      addCell(nat.placement.subnetId, nat, { kind: 'nat-gateway', title: 'NAT gateway', detail: name(nat) });
  }
  for (const firewall of byId(model.firewalls)) {
    for (const subnetId of firewall.subnetIds) {
      addCell(subnetId, firewall, {
        kind: 'firewall-endpoint',
        title: 'Firewall endpoint',
        detail: name(firewall),
      });
    }
  }
  for (const instance of byId(model.instances)) {
    const detail = instance.publicIp ? `${name(instance)} (public IP)` : name(instance);
    addCell(instance.subnetId, instance, { kind: 'instance', title: 'EC2 instance', detail });
  }
  for (const service of byId(model.ecsServices)) {
    const title = service.launchType === 'FARGATE' ? 'Fargate tasks' : 'ECS tasks';
    for (const subnetId of service.subnetIds) {
      addCell(subnetId, service, { kind: 'task', title, detail: name(service) });
    }
  }
  for (const endpoint of byId(model.vpcEndpoints).filter((e) => e.kind !== 'Gateway')) {
    for (const subnetId of endpoint.subnetIds) {
      addCell(subnetId, endpoint, {
        kind: 'interface-endpoint',
        title: 'Endpoint',
        detail: text(endpoint.service, name(endpoint)),
      });
    }
  }
  for (const attachment of byId(model.transitGatewayAttachments)) {
    for (const subnetId of attachment.subnetIds) {
      addCell(subnetId, attachment, { kind: 'tgw-eni', title: 'TGW ENI', detail: name(attachment) });
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
  const attachedFirewalls: AttachedFirewallLink[] = [];
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
    // Inside the VPC's box its resources need not repeat its name: `EgressVpc/PublicSubnet1/NATGateway`.
    const inVpc = (fullName: string): string => withoutPrefix(fullName, `${vpcName}/`);
    const internetGateway: Box | undefined = igw && {
      kind: 'internet-gateway',
      node: nodeName('igw'),
      title: 'Internet gateway',
      detail: inVpc(name(igw)),
      location: at(igw),
    };
    if (igw && internetGateway) placements.set(igw.id, { kind: 'box', ref: internetGateway.node });
    const regionalNatGateways = byId(model.natGateways)
      .filter((nat) => nat.placement.kind === 'regional' && nat.placement.vpcId === vpc.id)
      .map((nat): Box => {
        const box: Box = {
          kind: 'regional-nat-gateway',
          node: nodeName('rnat'),
          title: 'Regional NAT gateway',
          detail: inVpc(name(nat)),
          location: at(nat),
        };
        placements.set(nat.id, { kind: 'box', ref: box.node });
        return box;
      });

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
        const placed: Cell = { ...cell, detail: inVpc(cell.detail), ref: nodeName('cell'), availabilityZone };
        cellsOf.set(cell.elementId, [...(cellsOf.get(cell.elementId) ?? []), placed]);
        return placed;
      });
      placements.set(subnet.id, { kind: 'subnet', tgwEnis: cells.filter((c) => c.kind === 'tgw-eni') });
      const box: SubnetBox = {
        cluster,
        placeholder: `${cluster}_placeholder`,
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
          location: at(endpoint),
        };
        placements.set(endpoint.id, { kind: 'box', ref: box.node });
        return box;
      });
    return {
      cluster,
      name: vpcName,
      cidrs: vpc.cidrs.map((cidr) => text(cidr, 'CIDR not resolved')),
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
  };

  const regionalBoxes = (stacks: ReadonlySet<string>): Box[] => {
    const boxes: Box[] = [];
    for (const tgw of byId(model.transitGateways).filter((t) => stacks.has(t.source.stack))) {
      const node = tgwNodes.get(tgw.id) ?? nodeName('tgw');
      boxes.push({
        kind: 'transit-gateway',
        node,
        title: 'Transit gateway',
        detail: name(tgw),
        location: at(tgw),
      });
      placements.set(tgw.id, { kind: 'box', ref: node });
    }
    for (const table of model.transitGatewayRouteTables) {
      const node = tgwNodes.get(table.transitGatewayId);
      if (node) placements.set(table.id, { kind: 'box', ref: node });
    }
    for (const firewall of byId(model.firewalls).filter((f) => stacks.has(f.source.stack))) {
      const attachment = firewall.transitGatewayAttachment;
      const transitGateway = attachment && tgwNodes.get(attachment.transitGatewayId);
      if (attachment === undefined || transitGateway === undefined) continue;
      const node = nodeName('firewall');
      const zones = attachment.availabilityZones.map((zone) => text(zone, unresolvedAz)).join(', ');
      boxes.push({
        kind: 'attached-firewall',
        node,
        title: 'Network Firewall (TGW-attached)',
        detail: `${name(firewall)}: endpoints in ${zones}`,
        location: at(firewall),
      });
      placements.set(firewall.id, { kind: 'box', ref: node });
      placements.set(attachment.id, { kind: 'box', ref: node });
      attachedFirewalls.push({ transitGateway, firewall: node });
    }
    for (const acl of byId(model.webAcls).filter((w) => stacks.has(w.source.stack))) {
      const node = nodeName('waf');
      const detail = `${name(acl)}: ${acl.rules.length} rules, default ${acl.defaultAction}`;
      boxes.push({ kind: 'web-acl', node, title: 'AWS WAF web ACL', detail, location: at(acl) });
      placements.set(acl.id, { kind: 'box', ref: node });
    }
    const apis = [
      ...byId(model.restApis).map((api) => ({ api, title: `API Gateway (${api.endpointType})` })),
      ...byId(model.httpApis).map((api) => ({ api, title: 'API Gateway (HTTP API)' })),
    ];
    for (const { api, title } of apis.filter(({ api: a }) => stacks.has(a.source.stack))) {
      const node = nodeName('api');
      const stages = api.stages.map((stage) => stage.stageName).join(', ');
      const detail = stages ? `${name(api)}, stage ${stages}` : name(api);
      boxes.push({ kind: 'api', node, title, detail, location: at(api) });
      placements.set(api.id, { kind: 'box', ref: node });
      for (const stage of api.stages) placements.set(stage.id, { kind: 'box', ref: node });
    }
    return boxes;
  };

  // VPCs under the internet first, the ingress one on the left as in the guide (traffic is read left to right,
  // in and then out); the VPCs under the transit gateway after them.
  const servesIngress = (vpc: Vpc): boolean =>
    model.loadBalancers.some((lb) =>
      lb.subnetIds.some((id) => model.subnets.some((s) => s.id === id && s.vpcId === vpc.id)),
    );
  const hasInternetGateway = (vpc: Vpc): boolean => model.internetGateways.some((g) => g.vpcId === vpc.id);
  const vpcOrder = (vpc: Vpc): number => (hasInternetGateway(vpc) ? 0 : 2) + (servesIngress(vpc) ? 0 : 1);
  const drawnStacks = [
    ...model.vpcs,
    ...model.transitGateways,
    ...model.restApis,
    ...model.httpApis,
    ...model.webAcls,
  ].map((element) => element.source.stack);
  const groups = groupStacksByAccount(model.stacks, drawnStacks);
  const accounts = groups.map((group): AccountBox => {
    const cluster = nodeName('cluster_account');
    const vpcs = byId(model.vpcs)
      .filter((vpc) => group.stacks.has(vpc.source.stack))
      .sort((a, b) => vpcOrder(a) - vpcOrder(b))
      .map(layoutVpc);
    return { cluster, label: group.label, vpcs, regional: regionalBoxes(group.stacks) };
  });
  const accountOf = new Map(
    accounts.flatMap((box, i) => {
      const account = groups[i]?.account;
      return account === undefined ? [] : [[account, box] as const];
    }),
  );

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

  // A share is drawn when both its resource and the principal's account are: the line says who may use what.
  const shares = byId(model.resourceShares).flatMap((share) =>
    share.sharedIds.flatMap((shared) => {
      const placed = shared.known ? placements.get(shared.value) : undefined;
      if (placed?.kind !== 'box') return [];
      return share.principals.flatMap((principal): ShareLink[] => {
        const target = principal.known ? accountOf.get(principal.value) : undefined;
        const firstSubnet = target?.vpcs[0]?.columns[0]?.subnets[0];
        const toNode = (firstSubnet && topNodeOf(firstSubnet)) ?? target?.regional[0]?.node;
        if (
          target === undefined ||
          toNode === undefined ||
          target.regional.some((b) => b.node === placed.ref)
        )
          return [];
        return [
          {
            from: placed.ref,
            toCluster: target.cluster,
            toNode,
            label: `shared with AWS RAM (${name(share)})`,
            location: at(share),
          },
        ];
      });
    }),
  );

  return {
    internet: { kind: 'internet', node: 'internet', title: 'Internet', detail: '' },
    accounts,
    attachments,
    attachedFirewalls,
    protects,
    placements,
    shares,
  };
};
