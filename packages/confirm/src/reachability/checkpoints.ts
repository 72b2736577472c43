import type { PathComponent } from '@aws-sdk/client-ec2';
import type { Hop, NetworkModel, Source, Trace } from '@moat/analyzer';

/**
 * The points of a path both Moat and Reachability Analyzer name, in the terms of the issue: subnet route
 * table, transit gateway route table, firewall, NAT gateway, internet gateway, load balancer, VPC endpoint.
 * Security groups and ACLs are checked by both but are not places a packet goes through, so they are not
 * compared hop by hop. A route table whose route is `local` is left out on both sides: it only says the
 * packet stays in its VPC, and RA need not list it.
 */
export type CheckpointKind =
  | 'route table'
  | 'transit gateway route table'
  | 'firewall'
  | 'nat gateway'
  | 'internet gateway'
  | 'load balancer'
  | 'vpc endpoint';

export interface Checkpoint {
  readonly kind: CheckpointKind;
  /** The physical ID or ARN, when known (a Moat hop whose resource is not deployed has none). */
  readonly id?: string;
  /** How the side that produced it names it: Moat's hop with its decision, or RA's component. */
  readonly text: string;
  /** The template resource, for Moat's side: where a finding points. */
  readonly source?: Source;
}

type PhysicalId = (elementId: string) => string | undefined;

const elementId = (source: Source): string => `${source.stack}/${source.logicalId}`;

const HOP_KINDS: Readonly<Record<string, CheckpointKind>> = {
  firewall: 'firewall',
  'nat gateway': 'nat gateway',
  'internet gateway': 'internet gateway',
  'load balancer': 'load balancer',
  'interface endpoint': 'vpc endpoint',
  'gateway endpoint': 'vpc endpoint',
};

/** Moat's hops as checkpoints, with the physical IDs of the deployment. */
export function moatCheckpoints(trace: Trace, model: NetworkModel, physicalId: PhysicalId): Checkpoint[] {
  const checkpoints: Checkpoint[] = [];
  for (const hop of trace.hops) {
    const text = `${hop.kind} ${hop.node.constructPath ?? hop.node.logicalId}: ${hop.steps.map((step) => `${step.action} ${step.detail}`).join('; ')}`;
    const kind = HOP_KINDS[hop.kind];
    if (kind !== undefined) {
      checkpoints.push(withId({ kind, text, source: hop.node }, physicalId(elementId(hop.node))));
    } else if (hop.kind === 'subnet') {
      const table = subnetRouteTable(hop, model);
      if (table !== undefined && !routesLocally(hop, model, table.id)) {
        checkpoints.push(withId({ kind: 'route table', text, source: table.source }, physicalId(table.id)));
      }
    } else if (hop.kind === 'tgw attachment') {
      const table = model.transitGatewayRouteTables.find((candidate) =>
        candidate.associatedAttachmentIds.includes(elementId(hop.node)),
      );
      if (table !== undefined) {
        checkpoints.push(
          withId({ kind: 'transit gateway route table', text, source: table.source }, physicalId(table.id)),
        );
      }
    }
  }
  return dedupe(checkpoints);
}

const withId = (checkpoint: Checkpoint, id: string | undefined): Checkpoint =>
  id === undefined ? checkpoint : { ...checkpoint, id };

function subnetRouteTable(hop: Hop, model: NetworkModel) {
  const subnet = model.subnets.find((candidate) => candidate.id === elementId(hop.node));
  const tableId =
    subnet?.routeTableId ??
    model.routeTables.find((table) => table.main && table.vpcId === subnet?.vpcId)?.id;
  return model.routeTables.find((table) => table.id === tableId);
}

/** The route step of a subnet hop matched the table's `local` route. */
function routesLocally(hop: Hop, model: NetworkModel, tableId: string): boolean {
  const step = hop.steps.find((candidate) => candidate.action === 'route');
  const table = model.routeTables.find((candidate) => candidate.id === tableId);
  const route = table?.routes.find(
    (candidate) =>
      step?.source !== undefined &&
      candidate.source.stack === step.source.stack &&
      candidate.source.logicalId === step.source.logicalId,
  );
  return route?.target.kind === 'local';
}

/**
 * Reachability Analyzer's path components as checkpoints. The component's `Id` names the resource
 * (rtb-, tgw-rtb-, nat-, igw-, vpce-); load balancers and firewalls carry an ARN:
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_PathComponent.html
 */
export function analyzerCheckpoints(components: readonly PathComponent[]): Checkpoint[] {
  const sorted = [...components].sort((a, b) => (a.SequenceNumber ?? 0) - (b.SequenceNumber ?? 0));
  const checkpoints: Checkpoint[] = [];
  for (const component of sorted) {
    const id = component.Component?.Id ?? '';
    const arn = component.Component?.Arn ?? '';
    const name = `${component.Component?.Name ?? id}${component.Component?.Name && id ? ` (${id})` : ''}`;
    const route = component.RouteTableRoute;
    const tgwRoute = component.TransitGatewayRouteTableRoute;
    if (
      component.FirewallStatefulRule ||
      component.FirewallStatelessRule ||
      arn.includes(':network-firewall:')
    ) {
      const rule = component.FirewallStatefulRule;
      checkpoints.push({
        kind: 'firewall',
        id: arn.includes(':firewall/') ? arn : id,
        text: `firewall ${name}${rule ? `: ${rule.RuleAction ?? ''} ${rule.Protocol ?? ''} → ${(rule.DestinationPorts ?? []).map((p) => p.From).join(',')}` : ''}`,
      });
    } else if (id.startsWith('rtb-') && route !== undefined) {
      if (route.GatewayId === 'local') continue;
      checkpoints.push({
        kind: 'route table',
        id,
        text: `route table ${name}: ${route.DestinationCidr ?? route.DestinationPrefixListId ?? '?'} → ${routeTarget(route)}`,
      });
    } else if (id.startsWith('tgw-rtb-') || tgwRoute !== undefined) {
      checkpoints.push({
        kind: 'transit gateway route table',
        id,
        text: `transit gateway route table ${name}: ${tgwRoute?.DestinationCidr ?? '?'} → ${tgwRoute?.AttachmentId ?? tgwRoute?.State ?? '?'}`,
      });
    } else if (id.startsWith('nat-')) {
      checkpoints.push({ kind: 'nat gateway', id, text: `nat gateway ${name}` });
    } else if (id.startsWith('igw-')) {
      checkpoints.push({ kind: 'internet gateway', id, text: `internet gateway ${name}` });
    } else if (arn.includes(':loadbalancer/')) {
      const listener = component.ElasticLoadBalancerListener?.Id;
      checkpoints.push({
        kind: 'load balancer',
        id: arn,
        text: `load balancer ${component.Component?.Name ?? arn}${listener ? ` listener ${listener}` : ''}`,
      });
    } else if (id.startsWith('vpce-')) {
      checkpoints.push({
        kind: 'vpc endpoint',
        id,
        text: `vpc endpoint ${name}${component.ServiceName ? ` ${component.ServiceName}` : ''}`,
      });
    }
  }
  return dedupe(checkpoints);
}

function routeTarget(route: NonNullable<PathComponent['RouteTableRoute']>): string {
  return (
    route.NatGatewayId ??
    route.TransitGatewayId ??
    route.GatewayId ??
    route.NetworkInterfaceId ??
    route.VpcPeeringConnectionId ??
    route.InstanceId ??
    '?'
  );
}

/** A component RA lists on entry and on exit (a load balancer, a firewall endpoint) counts once. */
function dedupe(checkpoints: readonly Checkpoint[]): Checkpoint[] {
  return checkpoints.filter((checkpoint, index) => {
    const previous = checkpoints[index - 1];
    return !(
      previous !== undefined &&
      previous.kind === checkpoint.kind &&
      previous.id !== undefined &&
      previous.id === checkpoint.id
    );
  });
}
