import { InvalidCostOptionError } from './errors.js';

/**
 * How much traffic the estimate assumes. Templates say what exists, not how busy it is, so every traffic
 * charge rests on these figures; the report lists them and says which ones are defaults.
 */
export interface TrafficProfile {
  /** GB a month leaving AWS for the internet: responses to clients plus outbound calls (data transfer out). */
  readonly internetEgressGbPerMonth: number;
  /** Requests a month reaching each public entry (API stage, WAF web ACL). */
  readonly requestsPerMonth: number;
  /**
   * GB a month, both directions, that the workloads exchange with internet hosts through the egress path:
   * processed by the NAT gateways, by the firewall endpoints and by the Transit Gateway when they are on it.
   */
  readonly egressPathGbPerMonth: number;
  /** GB a month processed by interface VPC endpoints (image pulls, log delivery). */
  readonly vpcEndpointGbPerMonth: number;
  /** Average capacity units each load balancer consumes per hour (ALB LCU, NLB NLCU). */
  readonly loadBalancerCapacityUnits: number;
}

/**
 * A small service like the price service: a million requests of a few KB, a few GB through the egress path.
 * Stated in every report so that nobody mistakes them for measurements.
 */
export const defaultTrafficProfile: TrafficProfile = {
  internetEgressGbPerMonth: 10,
  requestsPerMonth: 1_000_000,
  egressPathGbPerMonth: 5,
  vpcEndpointGbPerMonth: 5,
  loadBalancerCapacityUnits: 1,
};

export interface ResolvedTraffic {
  readonly profile: TrafficProfile;
  /** The fields the caller did not set, so the defaults above were used. */
  readonly defaulted: readonly (keyof TrafficProfile)[];
}

export function resolveTraffic(traffic: Partial<TrafficProfile> = {}): ResolvedTraffic {
  const keys = Object.keys(defaultTrafficProfile) as (keyof TrafficProfile)[];
  for (const key of Object.keys(traffic)) {
    if (!keys.includes(key as keyof TrafficProfile)) {
      throw new InvalidCostOptionError('traffic field', key, `one of ${keys.join(', ')}`);
    }
  }
  const defaulted = keys.filter((key) => traffic[key] === undefined);
  const profile = { ...defaultTrafficProfile, ...withoutUndefined(traffic) };
  for (const key of keys) {
    const value = profile[key];
    if (!Number.isFinite(value) || value < 0) {
      throw new InvalidCostOptionError(`traffic.${key}`, value, 'a finite number of 0 or more');
    }
  }
  return { profile, defaulted };
}

function withoutUndefined(traffic: Partial<TrafficProfile>): Partial<TrafficProfile> {
  return Object.fromEntries(Object.entries(traffic).filter(([, value]) => value !== undefined));
}
