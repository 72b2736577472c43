import { ResourceRef, type Value } from '../../cfn/values.js';
import { appendTo } from '../../collections.js';
import { defaultTgwRouteTableId, firewallAttachmentId } from '../ids.js';
import {
  type ElementId,
  type Firewall,
  type FirewallAttachment,
  known,
  type Resolved,
  type TransitGateway,
  type TransitGatewayAttachment,
  type TransitGatewayRoute,
  type TransitGatewayRouteTable,
  type Vpc,
} from '../types.js';
import { type BuildContext, bool, field, list } from './context.js';

const TGW = 'AWS::EC2::TransitGateway';
const TGW_ROUTE_TABLE = 'AWS::EC2::TransitGatewayRouteTable';
const FIREWALL = 'AWS::NetworkFirewall::Firewall';
const ATTACHMENT_TYPES = ['AWS::EC2::TransitGatewayVpcAttachment', 'AWS::EC2::TransitGatewayAttachment'];

export interface TransitElements {
  readonly transitGateways: TransitGateway[];
  readonly transitGatewayAttachments: TransitGatewayAttachment[];
  readonly transitGatewayRouteTables: TransitGatewayRouteTable[];
}

export function buildTransit(
  context: BuildContext,
  vpcs: readonly Vpc[],
  firewalls: readonly Firewall[],
): TransitElements {
  const transitGateways = context.ofType(TGW).map(
    (tgw): TransitGateway => ({
      id: tgw.id,
      source: tgw.source,
      // Both default to `enable`: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-transitgateway.html
      defaultRouteTableAssociation: bool(tgw.prop('DefaultRouteTableAssociation'), true),
      defaultRouteTablePropagation: bool(tgw.prop('DefaultRouteTablePropagation'), true),
    }),
  );
  const transitGatewayAttachments = oneAttachmentPerVpc(
    context,
    context.ofType(...ATTACHMENT_TYPES).flatMap((attachment): TransitGatewayAttachment[] => {
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
    }),
  );
  const firewallAttachments = firewalls.flatMap((firewall) =>
    firewall.transitGatewayAttachment ? [firewall.transitGatewayAttachment] : [],
  );
  return {
    transitGateways,
    transitGatewayAttachments,
    transitGatewayRouteTables: buildRouteTables(context, transitGateways, {
      vpcAttachments: transitGatewayAttachments,
      firewallAttachments,
      vpcs,
    }),
  };
}

/**
 * A transit gateway cannot have more than one VPC attachment to the same VPC
 * (https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-quotas.html): AWS refuses a second one, so the model
 * keeps the first and says so. The tracer relies on this to find the attachment a subnet's TGW route enters by.
 */
function oneAttachmentPerVpc(
  context: BuildContext,
  attachments: readonly TransitGatewayAttachment[],
): TransitGatewayAttachment[] {
  const first = new Map<string, TransitGatewayAttachment>();
  return attachments.filter((attachment) => {
    const key = `${attachment.vpcId}|${attachment.transitGatewayId}`;
    const kept = first.get(key);
    if (kept === undefined) {
      first.set(key, attachment);
      return true;
    }
    context.warn(
      `${attachment.source.logicalId} is left out of the model: ${kept.source.logicalId} already attaches ${attachment.vpcId} to ${attachment.transitGatewayId}, and a transit gateway has at most one attachment per VPC (AWS rejects the second)`,
      attachment.source,
    );
    return false;
  });
}

/**
 * What a TGW route, association or propagation names by `TransitGatewayAttachmentId`: a VPC attachment, or the
 * attachment of a firewall attached to the transit gateway (`Fn::GetAtt [Firewall, TransitGatewayAttachmentId]`).
 */
function attachmentReference(context: BuildContext, value: Value | undefined): Resolved<ElementId> {
  if (value instanceof ResourceRef && value.attribute === 'TransitGatewayAttachmentId') {
    const firewall = context.element(value.elementId);
    if (firewall?.source.type === FIREWALL) return known(firewallAttachmentId(firewall.id));
  }
  return context.reference(value, ...ATTACHMENT_TYPES);
}

interface Attachments {
  readonly vpcAttachments: readonly TransitGatewayAttachment[];
  readonly firewallAttachments: readonly FirewallAttachment[];
  readonly vpcs: readonly Vpc[];
}

function buildRouteTables(
  context: BuildContext,
  transitGateways: readonly TransitGateway[],
  { vpcAttachments: attachments, firewallAttachments, vpcs }: Attachments,
): TransitGatewayRouteTable[] {
  const associated = linksByTable(context, 'AWS::EC2::TransitGatewayRouteTableAssociation');
  const propagating = linksByTable(context, 'AWS::EC2::TransitGatewayRouteTablePropagation');
  const explicitlyAssociated = new Set([...associated.values()].flat());
  const staticRoutes = new Map<ElementId, TransitGatewayRoute[]>();
  for (const route of context.ofType('AWS::EC2::TransitGatewayRoute')) {
    const tableId = context.link(route, 'TransitGatewayRouteTableId', TGW_ROUTE_TABLE);
    if (tableId === undefined) continue;
    const attachment = attachmentReference(context, route.prop('TransitGatewayAttachmentId'));
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
  // A propagation installs one route per CIDR of the attached VPC. A firewall's attachment has no VPC of the
  // templates, so its propagation installs nothing Moat can name.
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
    // "Resource attachments" are associated with and propagate to the default table, a firewall's too:
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TransitGatewayOptions.html
    const own = [...attachments, ...firewallAttachments].filter(
      (attachment) => attachment.transitGatewayId === tgw.id,
    );
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
    const attachmentId = attachmentReference(context, link.prop('TransitGatewayAttachmentId'));
    if (!attachmentId.known) {
      context.warn(
        `${link.source.logicalId}.TransitGatewayAttachmentId is left out of the model: ${attachmentId.reason}`,
        link.source,
      );
    } else if (tableId !== undefined) {
      appendTo(byTable, tableId, attachmentId.value);
    }
  }
  return byTable;
}
