import type { ElementId, NetworkModel, Vpc } from '../../model/types.js';
import { groupStacksByAccount } from './accounts.js';
import { regionalBoxes } from './regional-boxes.js';
import { byId, type SceneContext } from './scene-context.js';
import { protectedApis, shareLinks } from './scene-links.js';
import type {
  AccountBox,
  AttachedFirewallLink,
  AttachmentLink,
  Cell,
  Placement,
  Scene,
} from './scene-types.js';
import { cellsBySubnet } from './subnet-cells.js';
import { layoutVpc } from './vpc-layout.js';

export {
  type AccountBox,
  type AttachedFirewallLink,
  type AttachmentLink,
  type AzColumn,
  type Box,
  type BoxKind,
  type Cell,
  type CellKind,
  type Placement,
  type Scene,
  type ShareLink,
  type SubnetBox,
  type SubnetTier,
  topNodeOf,
  type VpcBox,
  type VpcPlacement,
} from './scene-types.js';

/** The context every part is built in: the transit gateways' nodes are named first, as any account may join one. */
const sceneContext = (model: NetworkModel): SceneContext => {
  let counter = 0;
  const nodeName = (prefix: string): string => `${prefix}${++counter}`;
  const tgwNodes = new Map<ElementId, string>();
  for (const tgw of byId(model.transitGateways)) tgwNodes.set(tgw.id, nodeName('tgw'));
  const attachmentGateways = new Map(
    model.transitGatewayAttachments.flatMap((a) => {
      const node = tgwNodes.get(a.transitGatewayId);
      return node ? [[a.id, node] as const] : [];
    }),
  );
  return { model, nodeName, placements: new Map(), tgwNodes, attachmentGateways };
};

/**
 * VPCs under the internet first, the ingress one on the left as in the guide (traffic is read left to right,
 * in and then out); the VPCs under the transit gateway after them.
 */
const vpcOrder = (model: NetworkModel): ((vpc: Vpc) => number) => {
  const servesIngress = (vpc: Vpc): boolean =>
    model.loadBalancers.some((lb) =>
      lb.subnetIds.some((id) => model.subnets.some((s) => s.id === id && s.vpcId === vpc.id)),
    );
  const hasInternetGateway = (vpc: Vpc): boolean => model.internetGateways.some((g) => g.vpcId === vpc.id);
  return (vpc) => (hasInternetGateway(vpc) ? 0 : 2) + (servesIngress(vpc) ? 0 : 1);
};

/** Builds the scene; deterministic because every list is walked in id order and node names are counted. */
export const buildScene = (model: NetworkModel): Scene => {
  const context = sceneContext(model);
  const { nodeName, placements, attachmentGateways } = context;
  const pending = cellsBySubnet(model);
  const order = vpcOrder(model);

  const attachments: AttachmentLink[] = [];
  const attachedFirewalls: AttachedFirewallLink[] = [];
  const cellsOf = new Map<ElementId, Cell[]>();
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
      .sort((a, b) => order(a) - order(b))
      .map((vpc) => {
        const layout = layoutVpc(context, pending, vpc);
        for (const cell of layout.cells)
          cellsOf.set(cell.elementId, [...(cellsOf.get(cell.elementId) ?? []), cell]);
        attachments.push(...layout.attachments);
        return layout.box;
      });
    const regional = regionalBoxes(context, group.stacks);
    attachedFirewalls.push(...regional.attachedFirewalls);
    return { cluster, label: group.label, vpcs, regional: regional.boxes };
  });
  const accountBoxes = new Map(
    accounts.flatMap((box, i) => {
      const account = groups[i]?.account;
      return account === undefined ? [] : [[account, box] as const];
    }),
  );

  for (const [elementId, cells] of cellsOf) {
    const transitGateway = attachmentGateways.get(elementId);
    const placement: Placement = transitGateway
      ? { kind: 'attachment', transitGateway, cells }
      : { kind: 'cells', cells };
    placements.set(elementId, placement);
  }
  for (const lb of model.loadBalancers) {
    const placed = placements.get(lb.id);
    for (const listener of lb.listeners) if (placed) placements.set(listener.id, placed);
  }

  return {
    internet: { kind: 'internet', node: 'internet', title: 'Internet', detail: '' },
    accounts,
    attachments,
    attachedFirewalls,
    protects: protectedApis(model, placements),
    placements,
    shares: shareLinks(model, placements, accountBoxes),
  };
};
