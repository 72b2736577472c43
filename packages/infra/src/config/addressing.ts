import { formatCidr, formatIpv4, type Ipv4Block, parseCidr, subdivide } from './cidr.js';
import type { MoatConfig } from './schema.js';

/**
 * The deterministic subnet plan: the single source of truth for every subnet CIDR and the NLB's fixed IPs.
 *
 * Rule, for a VPC of prefix /p and n AZs (k = ceil(log2 n) bits pick the AZ, AZs in config order):
 * - the first half of the VPC is the inner tier ('private', or 'firewall' in the egress VPC): one /(p+1+k)
 *   per AZ — the largest subnets, because tasks, the NLB and the interface endpoints live there;
 * - the third quarter is the 'public' tier: one /(p+2+k) per AZ;
 * - the last quarter starts with the 'transit' tier: one /28 per AZ, the size AWS recommends for Transit
 *   Gateway attachment subnets (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-best-design-practices.html);
 *   the rest of that quarter stays free for later tiers.
 * Every public and private subnet may hold an ALB, which needs at least a /27
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#subnets-load-balancer),
 * so a VPC must be /(25-k) or larger: /24 for 2 AZs, /23 for 3 or 4 AZs, /16 gives /18 private and /19 public.
 */

export type TierName = 'public' | 'private' | 'firewall' | 'transit';
export type ContainerTier = 'public' | 'private' | 'transit';
export type IngressTier = 'public' | 'private' | 'transit';
export type EgressTier = 'public' | 'firewall' | 'transit';

export interface SubnetPlan {
  readonly availabilityZone: string;
  readonly cidr: string;
}

export interface VpcAddressPlan<Tier extends TierName> {
  readonly cidr: string;
  /** One subnet per AZ in each tier, in `config.availabilityZones` order. */
  readonly tiers: Readonly<Record<Tier, readonly SubnetPlan[]>>;
}

/** The NLB's fixed private IP in one AZ. */
export interface NlbAddress {
  readonly availabilityZone: string;
  readonly address: string;
}

export interface AddressPlan {
  readonly container: VpcAddressPlan<ContainerTier>;
  readonly ingress: VpcAddressPlan<IngressTier>;
  readonly egress: VpcAddressPlan<EgressTier>;
  /** In the container 'private' subnets, AZ order: `config.nlb.privateIps` or the derived default. */
  readonly nlbPrivateIps: readonly NlbAddress[];
}

/** AWS recommends a /28 for each Transit Gateway attachment subnet (source in the module comment). */
export const TRANSIT_SUBNET_PREFIX = 28;
/** An ALB's subnets need at least a /27 (source in the module comment). */
export const ALB_SUBNET_MAX_PREFIX = 27;
/**
 * AWS reserves the first four and the last address of every subnet
 * (https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html).
 */
export const RESERVED_LEADING_ADDRESSES = 4;
/** The derived NLB IP is this host of the AZ's private subnet: past the reserved four, easy to recognise. */
export const DERIVED_NLB_HOST_OFFSET = 10;

/** The bits of a subnet index that choose the AZ: the plan keeps a power-of-two slot per AZ. */
function azBits(azCount: number): number {
  return Math.ceil(Math.log2(Math.max(azCount, 1)));
}

/** The longest VPC prefix (the smallest VPC) whose public subnets still fit an ALB for `azCount` AZs. */
export function smallestVpcPrefixFor(azCount: number): number {
  return ALB_SUBNET_MAX_PREFIX - 2 - azBits(azCount);
}

function tierSubnets(tierBlock: Ipv4Block, prefixLength: number, zones: readonly string[]): SubnetPlan[] {
  return zones.map((availabilityZone, index) => ({
    availabilityZone,
    cidr: formatCidr(subdivide(tierBlock, prefixLength, index)),
  }));
}

/** True when `cidr` leaves every public subnet big enough for an ALB with `azCount` AZs. */
export function vpcFits(cidr: string, azCount: number): boolean {
  return parseCidr(cidr).prefixLength <= smallestVpcPrefixFor(azCount);
}

/** The three tiers of one VPC; `inner` names the first-half tier ('private' or 'firewall'). */
export function planVpc<Inner extends 'private' | 'firewall'>(
  cidr: string,
  inner: Inner,
  zones: readonly string[],
): VpcAddressPlan<Inner | 'public' | 'transit'> {
  const vpc = parseCidr(cidr);
  if (!vpcFits(cidr, zones.length)) {
    throw new Error(
      `${cidr} is too small for ${zones.length} AZs: use /${smallestVpcPrefixFor(zones.length)} or larger`,
    );
  }
  const k = azBits(zones.length);
  const p = vpc.prefixLength;
  const tiers = {
    [inner]: tierSubnets(subdivide(vpc, p + 1, 0), p + 1 + k, zones),
    public: tierSubnets(subdivide(vpc, p + 2, 2), p + 2 + k, zones),
    transit: tierSubnets(subdivide(vpc, p + 2, 3), TRANSIT_SUBNET_PREFIX, zones),
  } as Record<Inner | 'public' | 'transit', SubnetPlan[]>;
  return { cidr, tiers };
}

/** A VPC's plan cut down to some of its AZs (`egressZones`), every subnet keeping its planned CIDR. */
export function planInZones<Tier extends TierName>(
  plan: VpcAddressPlan<Tier>,
  zones: readonly string[],
): VpcAddressPlan<Tier> {
  const tiers = {} as Record<Tier, readonly SubnetPlan[]>;
  for (const tier of Object.keys(plan.tiers) as Tier[]) {
    tiers[tier] = plan.tiers[tier].filter((subnet) => zones.includes(subnet.availabilityZone));
  }
  return { cidr: plan.cidr, tiers };
}

/** The derived NLB address of a private subnet: its DERIVED_NLB_HOST_OFFSET-th host. */
export function derivedNlbAddress(privateSubnet: SubnetPlan): NlbAddress {
  const { network } = parseCidr(privateSubnet.cidr);
  return {
    availabilityZone: privateSubnet.availabilityZone,
    address: formatIpv4(network + DERIVED_NLB_HOST_OFFSET),
  };
}

/**
 * The address plan of a validated config. Throws when the config has not passed `validateConfig`
 * (a VPC too small for its AZs, NLB IPs of the wrong count): callers never see that for a valid config.
 */
export function planAddresses(config: MoatConfig): AddressPlan {
  const zones = config.availabilityZones;
  const container = planVpc(config.cidrs.container, 'private', zones);
  const configured = config.nlb.privateIps;
  if (configured !== undefined && configured.length !== zones.length) {
    throw new Error(`nlb.privateIps has ${configured.length} addresses for ${zones.length} AZs`);
  }
  const nlbPrivateIps = container.tiers.private.map((subnet, index) => {
    const address = configured?.[index];
    return address === undefined
      ? derivedNlbAddress(subnet)
      : { availabilityZone: subnet.availabilityZone, address };
  });
  return {
    container,
    ingress: planVpc(config.cidrs.ingress, 'private', zones),
    egress: planVpc(config.cidrs.egress, 'firewall', zones),
    nlbPrivateIps,
  };
}
