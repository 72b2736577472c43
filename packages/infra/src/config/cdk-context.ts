import type { MoatConfig } from './schema.js';

/**
 * The CDK context entries that answer `stack.availabilityZones` for both accounts, so that synthesis never
 * looks AZs up (no credentials, same result on every machine). The key is the one
 * `ContextProvider.getKey` builds in aws-cdk-lib/core/lib/context-provider.ts for the
 * 'availability-zones' provider: the provider name, then the sorted `account=` and `region=` props.
 */
export function cdkContextFor(config: MoatConfig): Record<string, string[]> {
  const accounts = [...new Set([config.accounts.networking, config.accounts.workload])];
  return Object.fromEntries(
    accounts.map((account) => [
      `availability-zones:account=${account}:region=${config.region}`,
      [...config.availabilityZones],
    ]),
  );
}
