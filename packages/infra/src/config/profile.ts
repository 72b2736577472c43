import type { MoatConfig } from './schema.js';

/**
 * The development profile's defaults for what the config leaves out of `service`: one task, scaling to two,
 * instead of two spread over the AZs. A count the config writes is kept.
 */
export const DEVELOPMENT_SERVICE_DEFAULTS = { desiredCount: 1, maxCount: 2 } as const;

/**
 * The AZs that hold a NAT gateway, from step 6 the interface endpoints' ENIs, and from step 7 a firewall endpoint:
 * every configured AZ in production; in development the first only, which saves one NAT gateway, one firewall
 * endpoint and one ENI per interface endpoint for each other AZ, and gives up surviving the loss of that first
 * AZ. The subnets that need two AZs (an ALB's, the NLB's, the tasks') keep them.
 */
export function egressZones(config: Pick<MoatConfig, 'profile' | 'availabilityZones'>): readonly string[] {
  return config.profile === 'development' ? config.availabilityZones.slice(0, 1) : config.availabilityZones;
}

/** The parsed service section with the profile's defaults where the raw config wrote no count. */
export function withProfileServiceDefaults(
  profile: MoatConfig['profile'],
  service: MoatConfig['service'],
  rawService: unknown,
): MoatConfig['service'] {
  if (profile !== 'development') return service;
  const written = typeof rawService === 'object' && rawService !== null ? rawService : {};
  return {
    ...service,
    ...('desiredCount' in written ? {} : { desiredCount: DEVELOPMENT_SERVICE_DEFAULTS.desiredCount }),
    ...('maxCount' in written ? {} : { maxCount: DEVELOPMENT_SERVICE_DEFAULTS.maxCount }),
  };
}
