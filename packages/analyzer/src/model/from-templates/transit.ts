import { appendTo } from '../../collections.js';
import type {
  ElementId,
  TransitGateway,
  TransitGatewayAttachment,
  TransitGatewayRoute,
  TransitGatewayRouteTable,
  Vpc,
} from '../types.js';
import { type BuildContext, bool, field, list } from './context.js';

const TGW = 'AWS::EC2::TransitGateway';
const TGW_ROUTE_TABLE = 'AWS::EC2::TransitGatewayRouteTable';
const ATTACHMENT_TYPES = ['AWS::EC2::TransitGatewayVpcAttachment', 'AWS::EC2::TransitGatewayAttachment'];

export interface TransitElements {
  readonly transitGateways: TransitGateway[];
  readonly transitGatewayAttachments: TransitGatewayAttachment[];
  readonly transitGatewayRouteTables: TransitGatewayRouteTable[];
}

/** The default route table of a TGW is implicit in CloudFormation; it gets a synthetic id. */
export const defaultTgwRouteTableId = (tgwId: ElementId): ElementId => `${tgwId}#default`;

export function buildTransit(context: BuildContext, vpcs: readonly Vpc[]): TransitElements {
  const transitGateways = context.ofType(TGW).map(
    (tgw): TransitGateway => ({
      id: tgw.id,
      source: tgw.source,
      // Both default to `enable`: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-transitgateway.html
      defaultRouteTableAssociation: bool(tgw.prop('DefaultRouteTableAssociation'), true),
      defaultRouteTablePropagation: bool(tgw.prop('DefaultRouteTablePropagation'), true),
    }),
  );
  const transitGatewayAttachments = context
    .ofType(...ATTACHMENT_TYPES)
    .flatMap((attachment): TransitGatewayAttachment[] => {
      const transitGatewayId = context.link(attachment, 'TransitGatewayId', TGW);
      const vpcId = context.link(attachment, 'VpcId', 'AWS::EC2::VPC');
      if (transitGatewayId === undefined || vpcId === undefined) return [];
      return [
        {
          id: attachment.id,
          source: attachment.source,
          stack: attachment.source.stack,
          transitGatewayId,
          vpcId,
          subnetIds: list(attachment.prop('SubnetIds')).flatMap((subnet) => {
            const id = context.reference(subnet, 'AWS::EC2::Subnet');
            return id.known ? [id.value] : [];
          }),
          applianceMode: bool(field(attachment.prop('Options'), 'ApplianceModeSupport'), false),
        },
      ];
    });
  return {
    transitGateways,
    transitGatewayAttachments,
    transitGatewayRouteTables: buildRouteTables(context, transitGateways, transitGatewayAttachments, vpcs),
  };
}

function buildRouteTables(
  context: BuildContext,
  transitGateways: readonly TransitGateway[],
  attachments: readonly TransitGatewayAttachment[],
  vpcs: readonly Vpc[],
): TransitGatewayRouteTable[] {
  const associated = linksByTable(context, 'AWS::EC2::TransitGatewayRouteTableAssociation');
  const propagating = linksByTable(context, 'AWS::EC2::TransitGatewayRouteTablePropagation');
  const explicitlyAssociated = new Set([...associated.values()].flat());
  const staticRoutes = new Map<ElementId, TransitGatewayRoute[]>();
  for (const route of context.ofType('AWS::EC2::TransitGatewayRoute')) {
    const tableId = context.link(route, 'TransitGatewayRouteTableId', TGW_ROUTE_TABLE);
    if (tableId === undefined) continue;
    const attachment = context.reference(route.prop('TransitGatewayAttachmentId'), ...ATTACHMENT_TYPES);
    const target: TransitGatewayRoute['target'] = bool(route.prop('Blackhole'), false)
      ? { kind: 'blackhole' }
      : attachment.known
        ? { kind: 'attachment', attachmentId: attachment.value }
        : { kind: 'unknown', reason: `TransitGatewayAttachmentId: ${attachment.reason}` };
    const destination = route.prop('DestinationCidrBlock');
    appendTo(staticRoutes, tableId, {
      destination:
        typeof destination === 'string'
          ? { known: true, value: destination }
          : { known: false, reason: `${route.source.logicalId}.DestinationCidrBlock is not a literal` },
      target,
      origin: 'static',
      source: route.source,
    });
  }
  const vpcCidrs = new Map(vpcs.map((vpc) => [vpc.id, vpc.cidrs]));
  const attachmentById = new Map(attachments.map((attachment) => [attachment.id, attachment]));
  // A propagation installs one route per CIDR of the attached VPC.
  // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html#tgw-route-propagation
  const propagated = (attachmentIds: readonly ElementId[]): TransitGatewayRoute[] =>
    attachmentIds.flatMap((attachmentId) => {
      const attachment = attachmentById.get(attachmentId);
      if (attachment === undefined) return [];
      return (vpcCidrs.get(attachment.vpcId) ?? []).map(
        (cidr): TransitGatewayRoute => ({
          destination: cidr,
          target: { kind: 'attachment', attachmentId },
          origin: 'propagated',
          source: attachment.source,
        }),
      );
    });
  const explicit = context.ofType(TGW_ROUTE_TABLE).flatMap((table): TransitGatewayRouteTable[] => {
    const transitGatewayId = context.link(table, 'TransitGatewayId', TGW);
    if (transitGatewayId === undefined) return [];
    const propagatingAttachmentIds = propagating.get(table.id) ?? [];
    return [
      {
        id: table.id,
        source: table.source,
        transitGatewayId,
        associatedAttachmentIds: associated.get(table.id) ?? [],
        propagatingAttachmentIds,
        routes: [...(staticRoutes.get(table.id) ?? []), ...propagated(propagatingAttachmentIds)],
      },
    ];
  });
  const defaults = transitGateways.flatMap((tgw): TransitGatewayRouteTable[] => {
    if (!tgw.defaultRouteTableAssociation && !tgw.defaultRouteTablePropagation) return [];
    const own = attachments.filter((attachment) => attachment.transitGatewayId === tgw.id);
    const associatedAttachmentIds = tgw.defaultRouteTableAssociation
      ? own
          .filter((attachment) => !explicitlyAssociated.has(attachment.id))
          .map((attachment) => attachment.id)
      : [];
    const propagatingAttachmentIds = tgw.defaultRouteTablePropagation
      ? own.map((attachment) => attachment.id)
      : [];
    return [
      {
        id: defaultTgwRouteTableId(tgw.id),
        source: tgw.source,
        transitGatewayId: tgw.id,
        associatedAttachmentIds,
        propagatingAttachmentIds,
        routes: propagated(propagatingAttachmentIds),
      },
    ];
  });
  return [...explicit, ...defaults];
}

function linksByTable(context: BuildContext, type: string): Map<ElementId, ElementId[]> {
  const byTable = new Map<ElementId, ElementId[]>();
  for (const link of context.ofType(type)) {
    const tableId = context.link(link, 'TransitGatewayRouteTableId', TGW_ROUTE_TABLE);
    const attachmentId = context.link(link, 'TransitGatewayAttachmentId', ...ATTACHMENT_TYPES);
    if (tableId !== undefined && attachmentId !== undefined) {
      appendTo(byTable, tableId, attachmentId);
    }
  }
  return byTable;
}
