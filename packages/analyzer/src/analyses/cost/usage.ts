import type { Source } from '../../model/types.js';
import { InvalidCostOptionError } from './errors.js';

/**
 * How busy the network is. Templates say what exists, not how much traffic crosses it, so every
 * usage-based charge rests on a figure from a usage profile, shaped like infracost's usage file
 * (https://www.infracost.io/docs/features/usage_based_resources/): figures for each resource of a kind
 * (infracost's `resource_type_default_usage`), figures for one resource by logical ID or construct path
 * (infracost's `resource_usage`, which wins), and Moat's defaults for whatever the profile leaves out.
 * Every line says which of these its figure came from.
 */

/** The one figure each kind of resource's usage-based charge rests on. */
export const USAGE_KINDS = {
  natGateway: 'monthlyDataProcessedGb',
  firewall: 'monthlyDataProcessedGb',
  transitGatewayAttachment: 'monthlyDataProcessedGb',
  interfaceEndpoint: 'monthlyDataProcessedGb',
  applicationLoadBalancer: 'capacityUnitsPerHour',
  networkLoadBalancer: 'capacityUnitsPerHour',
  restApi: 'monthlyRequests',
  webAcl: 'monthlyRequests',
} as const;

export type UsageKind = keyof typeof USAGE_KINDS;
export type UsageField = (typeof USAGE_KINDS)[UsageKind];
export type UsageFigures = { readonly [F in UsageField]?: number };

export interface UsageProfile {
  /** GB a month leaving AWS for the internet from the whole network (data transfer out). */
  readonly monthlyInternetEgressGb?: number;
  /** Figures for each resource of a kind. */
  readonly kinds?: { readonly [K in UsageKind]?: { readonly [F in (typeof USAGE_KINDS)[K]]?: number } };
  /** Figures for one resource, keyed by its logical ID or its construct path; they win over `kinds`. */
  readonly resources?: Readonly<Record<string, UsageFigures>>;
}

/**
 * Moat's guesses for a small service like the price service, per resource as in infracost: a million
 * requests of a few KB, a few GB through each NAT gateway, firewall, attachment and endpoint, one capacity
 * unit per load balancer. Stated on every line that uses them, so nobody mistakes them for measurements.
 */
export const DEFAULT_USAGE = {
  monthlyInternetEgressGb: 10,
  kinds: {
    natGateway: 5,
    firewall: 5,
    transitGatewayAttachment: 5,
    interfaceEndpoint: 5,
    applicationLoadBalancer: 1,
    networkLoadBalancer: 1,
    restApi: 1_000_000,
    webAcl: 1_000_000,
  },
} as const satisfies {
  monthlyInternetEgressGb: number;
  kinds: Readonly<Record<UsageKind, number>>;
};

/** One usage figure a line rests on, and where it came from. */
export interface UsageFigure {
  readonly field: UsageField | 'monthlyInternetEgressGb';
  readonly value: number;
  /** `default`: Moat's guess. `profile`: the entry at `at` (a path in the profile) set it. */
  readonly from: 'default' | 'profile';
  readonly at?: string;
}

/** What a report assumed: the profile as given, Moat's defaults, and the entries that applied to nothing. */
export interface UsageAssumptions {
  readonly profile: UsageProfile;
  readonly defaults: typeof DEFAULT_USAGE;
  /** One sentence per profile entry that matched no resource, or named a figure its resource has not. */
  readonly warnings: readonly string[];
}

/** Looks figures up for resources, and remembers which profile entries were used. */
export class UsageResolver {
  private readonly matched = new Set<string>();
  private readonly misapplied: string[] = [];

  constructor(private readonly profile: UsageProfile) {}

  figure(kind: UsageKind, resource: Source): UsageFigure {
    const field = USAGE_KINDS[kind];
    for (const key of resourceKeys(resource)) {
      const figures = this.profile.resources?.[key];
      if (figures === undefined) continue;
      this.matched.add(key);
      const value = figures[field];
      const others = (Object.keys(figures) as UsageField[]).filter((name) => name !== field);
      for (const other of others) {
        this.misapplied.push(
          `resources.${key}.${other} does not apply to a ${kind} (its figure is ${field}); remove it`,
        );
      }
      if (value !== undefined) return { field, value, from: 'profile', at: `resources.${key}.${field}` };
    }
    const kindValue = (this.profile.kinds?.[kind] as UsageFigures | undefined)?.[field];
    if (kindValue !== undefined) {
      return { field, value: kindValue, from: 'profile', at: `kinds.${kind}.${field}` };
    }
    return { field, value: DEFAULT_USAGE.kinds[kind], from: 'default' };
  }

  internetEgress(): UsageFigure {
    const value = this.profile.monthlyInternetEgressGb;
    return value === undefined
      ? { field: 'monthlyInternetEgressGb', value: DEFAULT_USAGE.monthlyInternetEgressGb, from: 'default' }
      : { field: 'monthlyInternetEgressGb', value, from: 'profile', at: 'monthlyInternetEgressGb' };
  }

  assumptions(): UsageAssumptions {
    const unmatched = Object.keys(this.profile.resources ?? {})
      .filter((key) => !this.matched.has(key))
      .map(
        (key) =>
          `resources.${key} matches no resource here; use a logical ID or a construct path from this table`,
      );
    return {
      profile: this.profile,
      defaults: DEFAULT_USAGE,
      warnings: [...new Set([...this.misapplied, ...unmatched])],
    };
  }
}

/** A resource is named in a profile by its logical ID, its construct path, or that path without `/Resource`. */
function resourceKeys(resource: Source): string[] {
  const path = resource.constructPath;
  return [resource.logicalId, ...(path === undefined ? [] : [path, path.replace(/\/Resource$/, '')])].filter(
    (key, index, keys) => keys.indexOf(key) === index,
  );
}

/**
 * The programmatic boundary: a profile from code (the CLI validates files with the config schema first)
 * is checked for unknown keys and for figures that are not finite numbers of 0 or more.
 */
export function checkedUsageProfile(profile: UsageProfile = {}): UsageProfile {
  const fields = new Set<string>(Object.values(USAGE_KINDS));
  expectKeys('usage profile', profile, ['monthlyInternetEgressGb', 'kinds', 'resources']);
  if (profile.monthlyInternetEgressGb !== undefined) {
    expectFigure('usage.monthlyInternetEgressGb', profile.monthlyInternetEgressGb);
  }
  for (const [kind, figures] of Object.entries(profile.kinds ?? {})) {
    expectKeys('usage.kinds', { [kind]: figures }, Object.keys(USAGE_KINDS));
    const field = USAGE_KINDS[kind as UsageKind];
    expectKeys(`usage.kinds.${kind}`, figures, [field]);
    for (const [name, value] of Object.entries(figures ?? {}))
      expectFigure(`usage.kinds.${kind}.${name}`, value);
  }
  for (const [key, figures] of Object.entries(profile.resources ?? {})) {
    expectKeys(`usage.resources.${key}`, figures, [...fields]);
    for (const [name, value] of Object.entries(figures))
      expectFigure(`usage.resources.${key}.${name}`, value);
  }
  return profile;
}

function expectKeys(where: string, value: object | undefined, allowed: readonly string[]): void {
  for (const key of Object.keys(value ?? {})) {
    if (!allowed.includes(key)) {
      throw new InvalidCostOptionError(`${where} field`, key, `one of ${allowed.join(', ')}`);
    }
  }
}

function expectFigure(path: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidCostOptionError(path, value, 'a finite number of 0 or more');
  }
}
