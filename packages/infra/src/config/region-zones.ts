/**
 * The two Availability Zones Moat uses in a region when the config sets `region` and no `availabilityZones`.
 *
 * An AZ's name is its region's code followed by a letter, and each region has at least three AZs
 * (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html, read
 * 2026-12-04). Which letters a region has: the table cfn-lint checks template AZ names against (cfn-lint
 * 1.51.0, `cfnlint/helpers.py` `AVAILABILITY_ZONES`, MIT-0, read 2026-12-04), the same tool as Moat's template
 * gate. Regions where accounts see different letters are left out (ap-northeast-1, where some accounts have no
 * ap-northeast-1b; us-west-1, two of a, b and c), so there the config must list its AZs.
 *
 * These are names as the networking account maps them. In the regions of 2012 and before, accounts created
 * before November 2025 map names to physical zones each in their own way
 * (https://docs.aws.amazon.com/global-infrastructure/latest/regions/az-ids.html); Moat uses names only in the
 * networking account and pins the workload account's subnets by AZ ID (step 10), so that is never a problem.
 */
export const DEFAULT_ZONES_SOURCE =
  "Moat's default AZ table (packages/infra/src/config/region-zones.ts, cfn-lint 1.51.0's AZ list, read 2026-12-04)";

const ZONE_LETTERS: Readonly<Record<string, readonly [string, string]>> = {
  'ap-south-1': ['a', 'b'],
  'ap-southeast-1': ['a', 'b'],
  'ap-southeast-2': ['a', 'b'],
  'ca-central-1': ['a', 'b'],
  'eu-central-1': ['a', 'b'],
  'eu-central-2': ['a', 'b'],
  'eu-north-1': ['a', 'b'],
  'eu-south-1': ['a', 'b'],
  'eu-west-1': ['a', 'b'],
  'eu-west-2': ['a', 'b'],
  'eu-west-3': ['a', 'b'],
  'sa-east-1': ['a', 'b'],
  'us-east-1': ['a', 'b'],
  'us-east-2': ['a', 'b'],
  'us-west-2': ['a', 'b'],
};

/** The default AZ names of `region`, or undefined when the table has none for it. */
export function defaultZonesOf(region: string): readonly string[] | undefined {
  return ZONE_LETTERS[region]?.map((letter) => `${region}${letter}`);
}

/** The regions the table covers, for messages. */
export const REGIONS_WITH_DEFAULT_ZONES: readonly string[] = Object.keys(ZONE_LETTERS);
