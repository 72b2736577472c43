import type { AddressPlan, SubnetPlan } from './addressing.js';

/**
 * Binance's request-weight limit per minute and source IP (`REQUEST_WEIGHT`, 6,000 / minute, read from
 * exchangeInfo's `rateLimits`: https://developers.binance.com/docs/binance-spot-api-docs/rest-api/limits).
 * Every task of the service reaches Binance from the NAT gateways' Elastic IPs, so they share it.
 */
export const BINANCE_WEIGHT_PER_MINUTE_PER_IP = 6_000;

/**
 * The part of that limit the tasks plan to spend: a fifth is kept back for the symbol list's refreshes,
 * retries and tasks of an overlapping deployment, as packages/price-service/README.md ("The budget") reasons.
 */
export const PLANNED_SHARE_OF_BINANCE_LIMIT = 0.8;

/**
 * `UPSTREAM_WEIGHT_PER_MINUTE` for each task: the planned share of one address's limit divided among the most
 * tasks the service scales to, all behind one address (losing an AZ puts every task behind the other AZ's NAT
 * gateway). 6 tasks (the default `service.maxCount`): 6,000 × 0.8 / 6 = 800, the service's own default.
 */
export function upstreamWeightPerMinute(maxCount: number): number {
  return Math.floor((BINANCE_WEIGHT_PER_MINUTE_PER_IP * PLANNED_SHARE_OF_BINANCE_LIMIT) / maxCount);
}

/** Where the service's load balancers and API sit, which decides who connects to the tasks. */
export type ServiceEntry =
  /** Step 4: the ALB in the container VPC's public subnets targets the tasks directly. */
  | 'alb'
  /** Step 5: the ALB in the container VPC's public subnets targets the internal NLB. */
  | 'alb-nlb'
  /** Step 6 on: the ALB in the ingress VPC (public subnets in 6–7, private ones from 8 with the VPC link). */
  | 'ingress-vpc-nlb';

/**
 * The subnets the ALB may sit in, which the NLB admits. From step 6 both tiers of the ingress VPC: the
 * internet-facing ALB of steps 6–7 is in the public subnets, the internal ALB of step 8 on (and the API's VPC
 * link, which connects to it) in the private ones. Admitting both in every step keeps the NLB open to the ALB
 * through the 7 → 8 move: CloudFormation creates the new ALB in the private subnets (MoatNetwork deploys
 * first) while the old one still serves, and neither ever meets an NLB that refuses it.
 */
export function albSubnets(plan: AddressPlan, entry: Exclude<ServiceEntry, 'alb'>): readonly SubnetPlan[] {
  return entry === 'alb-nlb'
    ? plan.container.tiers.public
    : [...plan.ingress.tiers.public, ...plan.ingress.tiers.private];
}

/**
 * `TRUST_PROXY` of the price service: the addresses that connect to the tasks and the proxies whose
 * `X-Forwarded-For` entries the service may believe, so that the per-client share counts the client and not
 * the load balancer (packages/price-service/README.md, "Per-client fairness").
 * - The peer of a task: the ALB's nodes in step 4; from step 5 the NLB's private IPs, since an NLB target
 *   group of IP targets over TCP does not preserve the client IP by default
 *   (https://docs.aws.amazon.com/elasticloadbalancing/latest/network/edit-target-group-attributes.html#client-ip-preservation).
 * - The ALB's subnets: the ALB appends the address it received the request from to `X-Forwarded-For`
 *   (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/x-forwarded-headers.html); from step
 *   8 that address is the API's VPC link, whose network interfaces are in the same private subnets as the ALB.
 */
export function trustedProxies(plan: AddressPlan, entry: ServiceEntry): readonly string[] {
  if (entry === 'alb') return plan.container.tiers.public.map((subnet) => subnet.cidr);
  return [
    ...plan.nlbPrivateIps.map((nlbIp) => nlbIp.address),
    ...albSubnets(plan, entry).map((subnet) => subnet.cidr),
  ];
}
