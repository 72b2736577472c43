import type { ElementId, NetworkModel, Resolved, Source } from '../../model/types.js';

/**
 * What a network contains that AWS charges for, counted from the model and nothing else: the input of
 * `priceInventory`. Kept apart from the model so that a known inventory (the guide's) can be priced directly.
 */
export type InventoryItem =
  | { readonly kind: 'nat-gateway'; readonly source: Source; readonly vpcId: ElementId }
  /** One endpoint per subnet mapping. */
  | {
      readonly kind: 'firewall';
      readonly source: Source;
      readonly vpcId: ElementId;
      readonly endpoints: number;
    }
  /** Billed per Availability Zone, that is per subnet. */
  | {
      readonly kind: 'interface-endpoint';
      readonly source: Source;
      readonly service: Resolved<string>;
      readonly availabilityZones: number;
    }
  | { readonly kind: 'gateway-endpoint'; readonly source: Source; readonly service: Resolved<string> }
  | { readonly kind: 'transit-gateway-attachment'; readonly source: Source }
  | { readonly kind: 'load-balancer'; readonly source: Source; readonly type: 'application' | 'network' }
  | {
      readonly kind: 'fargate-service';
      readonly source: Source;
      readonly tasks: number;
      readonly vcpuPerTask: Resolved<number>;
      readonly memoryGbPerTask: Resolved<number>;
    }
  | { readonly kind: 'ec2-instance'; readonly source: Source; readonly instanceType: Resolved<string> }
  | {
      readonly kind: 'public-ipv4';
      readonly source: Source;
      readonly addresses: number;
      readonly why: string;
    }
  | { readonly kind: 'web-acl'; readonly source: Source; readonly rules: number }
  | { readonly kind: 'rest-api'; readonly source: Source }
  /** Something that costs money but that the price table cannot price: the total is then incomplete. */
  | {
      readonly kind: 'unpriced';
      readonly source: Source;
      readonly reason: string;
      /** What the line charges for; absent, the resource's type. */
      readonly what?: string;
    };

export interface CostInventory {
  readonly items: readonly InventoryItem[];
  /** An internet gateway is attached or a public API exists, so data transfer out to the internet applies. */
  readonly reachesInternet: boolean;
}

/**
 * A firewall attached natively to a transit gateway has an attachment of its own, which TGW route tables route
 * to. Neither the Network Firewall nor the Transit Gateway pricing page, as far as Moat could read them, states
 * whether that attachment is billed by the hour or for the data it sends, or at what rate: the line stays
 * UNKNOWN and the total a lower bound, never $0 and never a guess.
 */
const FIREWALL_ATTACHMENT_UNPRICED =
  'no AWS pricing page Moat could check states the hourly or per-GB price of a Network Firewall transit gateway attachment (https://aws.amazon.com/network-firewall/pricing/, https://aws.amazon.com/transit-gateway/pricing/)';

/**
 * A regional NAT gateway (`AvailabilityMode: regional`): the Amazon VPC pricing page, as far as Moat could search
 * it, does not state whether it is billed per gateway or per AZ it is active in, nor its per-GB rate, nor how many
 * public IPv4 addresses AWS allocates for it in automatic mode (one or more per AZ, more as connections need them:
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NatGateway.html, autoScalingIps). Its line stays
 * UNKNOWN and the total a lower bound, never the zonal price. One line: lines are matched by resource and charge.
 */
const regionalNatItems = (source: Source): InventoryItem[] => [
  {
    kind: 'unpriced',
    source,
    what: 'regional NAT gateway hours, data processed and public IPv4 addresses',
    reason:
      'no AWS pricing page Moat could check states how a regional NAT gateway is billed (per gateway or per AZ it is active in), at what rate, or how many public IPv4 addresses AWS allocates for it (https://aws.amazon.com/vpc/pricing/)',
  },
];

export function inventoryFromModel(model: NetworkModel): CostInventory {
  const vpcOfSubnet = new Map(model.subnets.map((subnet) => [subnet.id, subnet.vpcId]));
  const items: InventoryItem[] = [
    ...model.natGateways.flatMap((nat): InventoryItem[] => {
      const placement = nat.placement;
      if (placement.kind === 'regional') return regionalNatItems(nat.source);
      return [
        {
          kind: 'nat-gateway',
          source: nat.source,
          // A subnet missing from the model leaves the VPC unknown; no firewall then matches, so no waiver is assumed.
          vpcId: vpcOfSubnet.get(placement.subnetId) ?? `(VPC of ${placement.subnetId})`,
        },
      ];
    }),
    ...model.firewalls.map(
      (firewall): InventoryItem => ({
        kind: 'firewall',
        source: firewall.source,
        // A firewall attached to a transit gateway has its endpoints (one per AZ mapping) in a VPC AWS manages,
        // where no NAT gateway of the model runs: its attachment id matches none, so no NAT waiver is assumed.
        vpcId: firewall.vpcId ?? firewall.transitGatewayAttachment?.id ?? firewall.id,
        endpoints: firewall.transitGatewayAttachment?.availabilityZones.length ?? firewall.subnetIds.length,
      }),
    ),
    ...model.firewalls.flatMap((firewall): InventoryItem[] =>
      firewall.transitGatewayAttachment === undefined
        ? []
        : [
            {
              kind: 'unpriced',
              source: firewall.source,
              what: 'Transit Gateway attachment of the firewall',
              reason: FIREWALL_ATTACHMENT_UNPRICED,
            },
          ],
    ),
    ...model.vpcEndpoints.map(endpointItem),
    ...model.transitGatewayAttachments.map(
      (attachment): InventoryItem => ({ kind: 'transit-gateway-attachment', source: attachment.source }),
    ),
    ...model.loadBalancers.map(
      (balancer): InventoryItem => ({ kind: 'load-balancer', source: balancer.source, type: balancer.kind }),
    ),
    ...model.ecsServices.map(
      (service): InventoryItem =>
        service.launchType === 'FARGATE'
          ? {
              kind: 'fargate-service',
              source: service.source,
              tasks: service.desiredCount,
              vcpuPerTask: service.cpuVcpu,
              memoryGbPerTask: service.memoryGb,
            }
          : {
              kind: 'unpriced',
              source: service.source,
              reason: `ECS service on ${service.launchType} capacity: Moat does not price the container instances its tasks run on`,
            },
    ),
    ...model.instances.map(
      (instance): InventoryItem => ({
        kind: 'ec2-instance',
        source: instance.source,
        instanceType: instance.instanceType,
      }),
    ),
    ...publicIpv4Items(model),
    ...model.webAcls.map(
      (acl): InventoryItem => ({ kind: 'web-acl', source: acl.source, rules: acl.rules.length }),
    ),
    ...model.restApis.map((api): InventoryItem => ({ kind: 'rest-api', source: api.source })),
  ];
  const reachesInternet =
    model.internetGateways.some((gateway) => gateway.vpcId !== undefined) || model.restApis.length > 0;
  return { items, reachesInternet };
}

function endpointItem(endpoint: NetworkModel['vpcEndpoints'][number]): InventoryItem {
  switch (endpoint.kind) {
    case 'Interface':
      return {
        kind: 'interface-endpoint',
        source: endpoint.source,
        service: endpoint.service,
        availabilityZones: endpoint.subnetIds.length,
      };
    case 'Gateway':
      return { kind: 'gateway-endpoint', source: endpoint.source, service: endpoint.service };
    case 'GatewayLoadBalancer':
      return {
        kind: 'unpriced',
        source: endpoint.source,
        reason: 'Gateway Load Balancer endpoints are not in the price table',
      };
  }
}

/**
 * Every public IPv4 address is charged by the hour (since February 2024): Elastic IPs (a NAT gateway's
 * included), the public IPs of instances and tasks, and those of internet-facing load balancers, which
 * have at least one per Availability Zone.
 */
function publicIpv4Items(model: NetworkModel): InventoryItem[] {
  const withElasticIp = new Set(model.elasticIps.flatMap((ip) => (ip.attachedTo ? [ip.attachedTo] : [])));
  const natsWithoutElasticIp = model.natGateways.filter(
    (nat) =>
      nat.connectivity === 'public' &&
      nat.placement.kind === 'zonal' &&
      nat.elasticIpId === undefined &&
      !withElasticIp.has(nat.id),
  );
  return [
    ...model.elasticIps.map(
      (ip): InventoryItem => ({ kind: 'public-ipv4', source: ip.source, addresses: 1, why: 'Elastic IP' }),
    ),
    ...natsWithoutElasticIp.map(
      (nat): InventoryItem => ({
        kind: 'public-ipv4',
        source: nat.source,
        addresses: 1,
        why: 'public NAT gateway',
      }),
    ),
    ...model.instances
      .filter((instance) => instance.publicIp && !withElasticIp.has(instance.id))
      .map(
        (instance): InventoryItem => ({
          kind: 'public-ipv4',
          source: instance.source,
          addresses: 1,
          why: 'instance public IP',
        }),
      ),
    ...model.loadBalancers
      .filter((balancer) => balancer.scheme === 'internet-facing')
      .map(
        (balancer): InventoryItem => ({
          kind: 'public-ipv4',
          source: balancer.source,
          addresses: balancer.subnetIds.length,
          why: 'internet-facing load balancer, one per Availability Zone at least',
        }),
      ),
    ...model.ecsServices
      .filter((service) => service.assignPublicIp)
      .map(
        (service): InventoryItem => ({
          kind: 'public-ipv4',
          source: service.source,
          addresses: service.desiredCount,
          why: 'task public IPs',
        }),
      ),
  ];
}
